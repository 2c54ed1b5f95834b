import RNNKit

/// Long short-term memory, as PyTorch's `nn.LSTM` (gate rows `i, f, g, o`),
/// with the lecture's knobs:
///
///     z = act(W_iz x + b_iz + W_hz h(t-1) + b_hz)          cell input (g)
///     i = σ(W_ii x + b_ii + W_hi h(t-1) + b_hi [+ p_i ∘ c(t-1)])
///     f = σ(W_if x + b_if + W_hf h(t-1) + b_hf [+ p_f ∘ c(t-1)])
///     c(t) = f ∘ c(t-1) + i ∘ z
///     o = σ(W_io x + b_io + W_ho h(t-1) + b_ho [+ p_o ∘ c(t)])
///     h(t) = o ∘ memact(c(t))
///
/// The bracketed peephole terms (Gers & Schmidhuber) exist only with `peephole`.
public final class LSTMCell: RecurrentCell {
    public let inputSize: Int
    /// Number of memory cells (H); also the width of `h`.
    public let outputSize: Int
    /// Activation of the cell input `z` (PyTorch: tanh).
    public let activation: Activation
    /// Activation of the memory before the output gate (PyTorch: tanh).
    public let memoryActivation: Activation
    /// Added to the forget-gate slice of `bias_ih` by `initialize`.
    public let forgetBias: Float
    public let weightIH: Parameter
    public let weightHH: Parameter
    public let biasIH: Parameter?
    public let biasHH: Parameter?
    /// Peephole weights `(i, f, o)`, each `[H]`, or nil without `peephole`.
    public let peepholes: (i: Parameter, f: Parameter, o: Parameter)?

    public init(inputSize: Int, hiddenSize: Int, activation: Activation, memoryActivation: Activation,
                peephole: Bool, forgetBias: Float, bias: Bool) {
        self.inputSize = inputSize
        self.outputSize = hiddenSize
        self.activation = activation
        self.memoryActivation = memoryActivation
        self.forgetBias = forgetBias
        weightIH = Parameter("weight_ih", rows: 4 * hiddenSize, cols: inputSize)
        weightHH = Parameter("weight_hh", rows: 4 * hiddenSize, cols: hiddenSize)
        biasIH = bias ? Parameter("bias_ih", count: 4 * hiddenSize) : nil
        biasHH = bias ? Parameter("bias_hh", count: 4 * hiddenSize) : nil
        peepholes = peephole
            ? (Parameter("peephole_i", count: hiddenSize), Parameter("peephole_f", count: hiddenSize),
               Parameter("peephole_o", count: hiddenSize))
            : nil
    }

    public var parameters: [Parameter] {
        [weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 } + (peepholes.map { [$0.i, $0.f, $0.o] } ?? [])
    }

    public var stateLayout: StateLayout { StateLayout([(.h, outputSize), (.c, outputSize)]) }
    /// Rows of weight_ih, weight_hh, bias_ih and bias_hh, in PyTorch's order:
    /// `set weight_ih_l0.f = …` sets the forget gate's block.
    public var gateNames: [String] { ["i", "f", "g", "o"] }
    /// `.z` is the cell input too, the lecture's (and the probes') name for `g`.
    public var gateAliases: [String: String] { ["z": "g"] }

    /// `nn.LSTM`: tanh cell input and memory, no peepholes (`forget_bias` only changes the initial values).
    public var pytorchModule: String? {
        activation == .tanh && memoryActivation == .tanh && peepholes == nil ? "torch.nn.LSTM" : nil
    }

    public var summary: String {
        var parts = activation == memoryActivation ? [activation.rawValue]
            : ["act=\(activation.rawValue)", "memact=\(memoryActivation.rawValue)"]
        if peepholes != nil { parts.append("peephole") }
        if forgetBias != 0 { parts.append("forget_bias=\(Double(forgetBias).formatted)") }
        return parts.joined(separator: ", ")
    }

    public func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let tape = x.tape
        let hPrev = state[.h], cPrev = state[.c]
        let gates = linear(x, tape.variable(for: weightIH), biasIH.map { tape.variable(for: $0) })
            + linear(hPrev, tape.variable(for: weightHH), biasHH.map { tape.variable(for: $0) })
        if !probes.enabled && peepholes == nil {
            let (c, h) = fusedLSTMPointwise(gates, cPrev, act: activation, memact: memoryActivation)
            return (h, state.with(.h, h).with(.c, c))
        }
        let pre = chunk(gates, 4)  // i, f, g, o
        let peep = peepholes.map { (i: tape.variable(for: $0.i), f: tape.variable(for: $0.f), o: tape.variable(for: $0.o)) }
        let z = activation(pre[2])
        let i = sigmoid(peep.map { pre[0] + $0.i * cPrev } ?? pre[0])
        let f = sigmoid(peep.map { pre[1] + $0.f * cPrev } ?? pre[1])
        let c = f * cPrev + i * z
        let o = sigmoid(peep.map { pre[3] + $0.o * c } ?? pre[3])
        let h = o * memoryActivation(c)
        probes.record(.candidate, "z", "cell input", z)
        probes.record(.gate, "i", "input gate", i)
        probes.record(.gate, "f", "forget gate", f)
        probes.record(.gate, "o", "output gate", o)
        probes.record(.other, "c_prev", "memory before", cPrev)  // the last step's c: shown, not plotted twice
        probes.record(.memory, "c", "memory", c)
        probes.record(.hidden, "h", "hidden", h)
        return (h, state.with(.h, h).with(.c, c))
    }

    /// Applies `scheme` to every parameter (PyTorch's bound uses H), then adds
    /// `forgetBias` to the forget-gate rows of `bias_ih`.
    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) {
        for p in parameters { scheme.apply(to: p, hiddenSize: initializationFan, rng: &rng) }
        guard let b = biasIH, forgetBias != 0 else { return }
        for k in outputSize..<(2 * outputSize) { b.value.data[k] += forgetBias }
    }
}
