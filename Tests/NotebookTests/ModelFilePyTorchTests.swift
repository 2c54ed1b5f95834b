import Notebook
import RNNKit
import Testing

/// A model file says whether PyTorch computes the same with its weights, and
/// is marked when no module does (issue 14: model files that never lie).
@Test(arguments: [
    ("net elman in=2 hidden=2", "torch.nn.RNN(nonlinearity='tanh')"),
    ("net elman in=2 hidden=2 act=relu out=3", "torch.nn.RNN(nonlinearity='relu') + torch.nn.Linear named out"),
    ("net elman in=2 hidden=2 act=sigmoid", "none"),
    ("net lstm in=2 hidden=2 layers=2 bidirectional forget_bias=1", "torch.nn.LSTM"),
    ("net lstm in=2 hidden=2 out=2 outact=softmax", "torch.nn.LSTM + torch.nn.Linear named out, then softmax"),
    ("net lstm in=2 hidden=2 act=linear memact=linear", "none"),
    ("net lstm in=2 hidden=2 peephole", "none"),
    ("net gru in=2 hidden=2 update_bias=1", "torch.nn.GRU"),
    ("net gru in=2 hidden=2 reset=before", "none"),
    ("net mgu in=2 hidden=2", "none"),
    ("net jordan in=2 hidden=2 out=2", "none"),
    ("net feedforward in=2 hidden=2", "none"),
])
func modelFilesSayWhetherPyTorchComputesTheSame(net: String, pytorch: String) throws {
    let s = makeSession()
    run(s, net)
    let network = try #require(s.network)
    #expect(ModelFile.contents(of: network).metadata["pytorch"] == pytorch)
}
