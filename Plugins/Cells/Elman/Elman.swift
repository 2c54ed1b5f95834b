import RNNKit

/// The Elman (simple) recurrent cell, as PyTorch's `nn.RNN`:
///
///     h(t) = act(W_ih x(t) + b_ih + W_hh h(t-1) + b_hh)
///
/// The hidden state is the memory: it is copied back as input at the next step.
public final class ElmanCell: RecurrentCell {
    public let inputSize: Int
    public let outputSize: Int
    public let activation: Activation
    public let weightIH: Parameter
    public let weightHH: Parameter
    public let biasIH: Parameter?
    public let biasHH: Parameter?

    public init(inputSize: Int, hiddenSize: Int, activation: Activation, bias: Bool) {
        self.inputSize = inputSize
        self.outputSize = hiddenSize
        self.activation = activation
        weightIH = Parameter("weight_ih", rows: hiddenSize, cols: inputSize)
        weightHH = Parameter("weight_hh", rows: hiddenSize, cols: hiddenSize)
        biasIH = bias ? Parameter("bias_ih", count: hiddenSize) : nil
        biasHH = bias ? Parameter("bias_hh", count: hiddenSize) : nil
    }

    public var parameters: [Parameter] { [weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 } }
    public var stateLayout: StateLayout { StateLayout([(.h, outputSize)]) }
    public var summary: String { activation.rawValue }
    /// `nn.RNN` has tanh and relu only.
    public var pytorchModule: String? {
        activation == .tanh || activation == .relu ? "torch.nn.RNN(nonlinearity='\(activation.rawValue)')" : nil
    }

    public func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let tape = x.tape
        let hPrev = state[.h]
        let input = linear(x, tape.variable(for: weightIH), biasIH.map { tape.variable(for: $0) })
        let recurrent = linear(hPrev, tape.variable(for: weightHH), biasHH.map { tape.variable(for: $0) })
        let h = activation(input + recurrent)
        probes.record(.hidden, "h", "hidden", h)
        return (h, state.with(.h, h))
    }
}

/// Registers the `elman` cell.
public enum ElmanPlugin: RNNPlugin {
    public static func register(in registry: inout Registry) {
        registry.register(cell: CellDescriptor(
            name: "elman",
            summary: "Elman (simple) RNN: the hidden state is fed back as memory",
            details: """
                h(t) = act(W_ih x(t) + b_ih + W_hh h(t-1) + b_hh)
                Parameters (PyTorch nn.RNN names): weight_ih [H, in], weight_hh [H, H], bias_ih [H], bias_hh [H].
                Probes: h (hidden).
                """,
            options: [Activation.hiddenOption.spec],
            make: { config in
                let act = config.options[Activation.hiddenOption]
                return ElmanCell(inputSize: config.inputSize, hiddenSize: config.hiddenSize, activation: act, bias: config.bias)
            }))
    }
}
