import Testing
import RNNKit
import CellTesting
import GRUCell
import JordanCell
import LSTMCell

// LSTM, GRU, peephole LSTM and Jordan against PyTorch float64 (../shared/reference).

@Test(arguments: ["lstm", "lstm_2layer_bidirectional"])
func lstmMatchesPyTorch(name: String) throws {
    let ref = try RefCase.load(name)
    let run = try ReferenceRun(ref, descriptor: try descriptor(LSTMPlugin.self, "lstm"))
    try run.expectMatches(ref)
}

@Test(arguments: ["gru", "gru_2layer_bidirectional"])
func gruMatchesPyTorch(name: String) throws {
    let ref = try RefCase.load(name)
    let run = try ReferenceRun(ref, descriptor: try descriptor(GRUPlugin.self, "gru"))
    try run.expectMatches(ref)
}

/// The peephole case has one bias per gate row: it is loaded as `bias_ih`
/// with `bias_hh` zero, and both get the file's `bias` gradient.
@Test func peepholeLSTMMatchesReference() throws {
    let ref = try RefCase.load("lstm_peephole")
    let local = { (name: String) in String(name.dropLast("_l0".count)) }
    let run = try ReferenceRun(ref, descriptor: try descriptor(LSTMPlugin.self, "lstm"), options: [("peephole", nil)]) {
        $0 == "bias_hh_l0" ? nil : ($0 == "bias_ih_l0" ? "bias" : local($0))
    }
    try run.expectMatches(ref) { $0.hasPrefix("bias_") ? "bias" : local($0) }
}

@Test func jordanMatchesReference() throws {
    let ref = try RefCase.load("jordan")
    let local = { (name: String) -> String? in String(name.dropLast("_l0".count)) }
    let run = try ReferenceRun(ref, descriptor: try descriptor(JordanPlugin.self, "jordan"), refName: local)
    #expect(run.net.outputWeight == nil, "jordan computes the output itself: no output layer")
    try run.expectMatches(ref, gradName: local)
}
