import RNNKit

/// The minimal gated unit (Zhou, Wu, Zhang & Zhou 2016): one forget gate
/// does the work of the GRU's two.
///
///     f(t) = σ(W_f x(t) + U_f h(t-1) + b_f)
///     ĥ(t) = tanh(W_h x(t) + U_h (f(t) ∘ h(t-1)) + b_h)
///     h(t) = (1 - f(t)) ∘ h(t-1) + f(t) ∘ ĥ(t)
public final class MGUCell: RecurrentCell {
    public let inputSize: Int
    public let outputSize: Int
    // One Parameter per matrix in the equations. The name is what `params`
    // shows and `save model` writes; the network appends `_l0`, `_reverse`.
    let wf: Parameter, uf: Parameter, bf: Parameter?
    let wh: Parameter, uh: Parameter, bh: Parameter?

    public init(inputSize: Int, hiddenSize: Int, bias: Bool) {
        self.inputSize = inputSize
        self.outputSize = hiddenSize
        wf = Parameter("weight_if", rows: hiddenSize, cols: inputSize)   // [out, in], like nn.Linear
        uf = Parameter("weight_hf", rows: hiddenSize, cols: hiddenSize)
        bf = bias ? Parameter("bias_f", count: hiddenSize) : nil         // a vector: shape [H]
        wh = Parameter("weight_ih", rows: hiddenSize, cols: inputSize)
        uh = Parameter("weight_hh", rows: hiddenSize, cols: hiddenSize)
        bh = bias ? Parameter("bias_h", count: hiddenSize) : nil
    }

    public var parameters: [Parameter] { [wf, uf, bf, wh, uh, bh].compactMap { $0 } }
    public var stateLayout: StateLayout { StateLayout([(.h, outputSize)]) }

    public func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let tape = x.tape
        let h = state[.h]
        // tape.variable(for:) puts a parameter on the tape; linear(x, W, b) is x·Wᵀ + b.
        let f = sigmoid(linear(x, tape.variable(for: wf), bf.map { tape.variable(for: $0) })
            + linear(h, tape.variable(for: uf)))
        let candidate = tanh(linear(x, tape.variable(for: wh), bh.map { tape.variable(for: $0) })
            + linear(f * h, tape.variable(for: uh)))
        let hNext = oneMinus(f) * h + f * candidate
        probes.record(.gate, "f", "forget gate", f)
        probes.record(.candidate, "hhat", "candidate", candidate)
        probes.record(.hidden, "h", "hidden", hNext)
        return (hNext, state.with(.h, hNext))
    }
}

/// Registers the `mgu` cell.
public enum MGUPlugin: RNNPlugin {
    public static func register(in registry: inout Registry) {
        registry.register(cell: CellDescriptor(
            name: "mgu",
            summary: "minimal gated unit: a GRU with a single (forget) gate",
            details: """
                f(t) = σ(W_f x(t) + U_f h(t-1) + b_f)            forget gate
                ĥ(t) = tanh(W_h x(t) + U_h (f(t)∘h(t-1)) + b_h)   candidate
                h(t) = (1 - f(t))∘h(t-1) + f(t)∘ĥ(t)
                Parameters: weight_if [H, in], weight_hf [H, H], bias_f [H], weight_ih [H, in], weight_hh [H, H], bias_h [H].
                Probes: f, hhat, h. State: h.
                """,
            options: [],
            make: { config in MGUCell(inputSize: config.inputSize, hiddenSize: config.hiddenSize, bias: config.bias) }))
    }
}
