import RNNKit

/// Registers the `gru` cell.
public enum GRUPlugin: RNNPlugin {
    static let reset = Option<GRUCell.Reset>("reset", default: .after,
                                             help: "reset gate after the recurrent matmul (PyTorch) or before it (Cho et al. 2014)")
    static let updateBias = Option("update_bias", number: -100...100, default: 0,
                                   help: "added to the update gate's bias at init: > 0 keeps the old state by default (as lstm forget_bias=)")

    /// The cell's own options.
    public static let options = [reset.spec, updateBias.spec]

    public static func register(in registry: inout Registry) {
        registry.register(cell: CellDescriptor(
            name: "gru",
            summary: "GRU: update and reset gates, no separate memory cell",
            details: """
                r = σ(W_ir x + b_ir + W_hr h(t-1) + b_hr)           reset gate
                z = σ(W_iz x + b_iz + W_hz h(t-1) + b_hz)           update gate (1 = keep the old h)
                n = tanh(W_in x + b_in + r∘(W_hn h(t-1) + b_hn))    candidate, reset=after (PyTorch)
                n = tanh(W_in x + b_in + W_hn (r∘h(t-1)) + b_hn)    candidate, reset=before (Cho et al. 2014)
                h(t) = (1 - z)∘n + z∘h(t-1)
                Parameters (PyTorch nn.GRU names, rows r,z,n): weight_ih [3H, in], weight_hh [3H, H],
                bias_ih [3H], bias_hh [3H].
                Probes: r, z, n, h. State: h.
                """,
            options: options,
            make: { config in
                let reset = config.options[Self.reset]
                let updateBias = config.options[Self.updateBias]
                if updateBias != 0 && !config.bias {
                    throw CellError("update_bias needs bias terms: drop bias=off or update_bias=")
                }
                return GRUCell(inputSize: config.inputSize, hiddenSize: config.hiddenSize, reset: reset,
                               updateBias: Float(updateBias), bias: config.bias)
            }))
    }
}
