import RNNKit

/// Registers the `lstm` cell.
public enum LSTMPlugin: RNNPlugin {
    static let act = Option<Activation>("act", default: .tanh, help: "activation of the cell input z (linear in the lecture example)")
    static let memact = Option<Activation>("memact", default: .tanh,
                                           help: "activation of the memory before the output gate: h = o * memact(c)")
    static let peephole = Option("peephole", flag: false, help: "gates also see the memory: i and f see c(t-1), o sees c(t)")
    static let forgetBias = Option("forget_bias", number: -100...100, default: 0,
                                   help: "added to the forget-gate bias at init (1 keeps memory longer early in training)")

    /// The cell's own options (the network owns `in= hidden= out= layers= bidirectional bias= outact=`).
    public static let options = [act.spec, memact.spec, peephole.spec, forgetBias.spec]

    public static func register(in registry: inout Registry) {
        registry.register(cell: CellDescriptor(
            name: "lstm",
            summary: "LSTM: a memory cell guarded by input, forget and output gates",
            details: """
                z = act(W_iz x + b_iz + W_hz h(t-1) + b_hz)            cell input
                i = σ(W_ii x + b_ii + W_hi h(t-1) + b_hi [+ p_i∘c(t-1)])   input gate
                f = σ(W_if x + b_if + W_hf h(t-1) + b_hf [+ p_f∘c(t-1)])   forget gate (1 = remember)
                c(t) = f∘c(t-1) + i∘z                                   memory
                o = σ(W_io x + b_io + W_ho h(t-1) + b_ho [+ p_o∘c(t)])     output gate
                h(t) = o∘memact(c(t))
                Parameters (PyTorch nn.LSTM names, rows i,f,g,o): weight_ih [4H, in], weight_hh [4H, H],
                bias_ih [4H], bias_hh [4H]; with peephole also peephole_i, peephole_f, peephole_o [H].
                Probes: z, i, f, o, c_prev, c, h. State: h, c.
                """,
            options: options,
            make: { config in
                let forgetBias = config.options[Self.forgetBias]
                if forgetBias != 0 && !config.bias {
                    throw CellError("forget_bias needs bias terms: drop bias=off or forget_bias=")
                }
                return LSTMCell(inputSize: config.inputSize, hiddenSize: config.hiddenSize, activation: config.options[Self.act],
                                memoryActivation: config.options[Self.memact], peephole: config.options[Self.peephole],
                                forgetBias: Float(forgetBias), bias: config.bias)
            }))
    }
}
