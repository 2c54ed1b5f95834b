import Testing
import CellTesting
import ElmanCell
import GRUCell
import JordanCell
import LSTMCell
import MGUCell
import FeedForwardCell

/// Every cell plugin, through the conformance suite (shapes, zero state,
/// determinism, reset, probes, finite-difference gradients, the `net`
/// command round trip). A new cell gets the whole suite from one line here.
@Test(arguments: [
    CellConformance(ElmanPlugin.self, cell: "elman"),
    CellConformance(ElmanPlugin.self, cell: "elman", options: "act=sigmoid", bias: false),
    CellConformance(ElmanPlugin.self, cell: "elman", out: 2, layers: 2, bidirectional: true),
    CellConformance(LSTMPlugin.self, cell: "lstm"),
    CellConformance(LSTMPlugin.self, cell: "lstm", options: "peephole forget_bias=1"),
    CellConformance(LSTMPlugin.self, cell: "lstm", options: "act=linear memact=linear", bias: false),
    CellConformance(LSTMPlugin.self, cell: "lstm", options: "peephole", layers: 2, bidirectional: true),
    CellConformance(GRUPlugin.self, cell: "gru"),
    CellConformance(GRUPlugin.self, cell: "gru", options: "reset=before"),
    CellConformance(GRUPlugin.self, cell: "gru", options: "update_bias=2"),
    CellConformance(GRUPlugin.self, cell: "gru", options: "reset=before", out: 2, layers: 2, bidirectional: true),
    CellConformance(JordanPlugin.self, cell: "jordan", out: 2),
    CellConformance(JordanPlugin.self, cell: "jordan", out: 2, layers: 2, bidirectional: true),
    CellConformance(MGUPlugin.self, cell: "mgu"),
    CellConformance(MGUPlugin.self, cell: "mgu", layers: 2, bidirectional: true),
    CellConformance(FeedForwardPlugin.self, cell: "feedforward"),
    CellConformance(FeedForwardPlugin.self, cell: "feedforward", out: 2, layers: 2, bidirectional: true),
])
func cellConforms(_ check: CellConformance) {
    let failures = check.run()
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
}
