import RNNKit

/// The Jordan network: the *output* (not the hidden state) is fed back.
///
///     h(t) = act(W_ih x(t) + W_yh y(t-1) + b_h)
///     y(t) = W_hy h(t) + b_y
///
/// The cell computes the network's output itself, so the network adds no
/// output layer; `out=` is the width of `y`, and is required.
public final class JordanCell: RecurrentCell {
    public let inputSize: Int
    /// Width of `y`, the output that is fed back.
    public let outputSize: Int
    /// Width of `h`.
    public let hiddenSize: Int
    public let activation: Activation
    public let weightIH: Parameter
    public let weightYH: Parameter
    public let biasH: Parameter?
    public let weightHY: Parameter
    public let biasY: Parameter?

    public init(inputSize: Int, hiddenSize: Int, outputSize: Int, activation: Activation, bias: Bool) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.outputSize = outputSize
        self.activation = activation
        weightIH = Parameter("weight_ih", rows: hiddenSize, cols: inputSize)
        weightYH = Parameter("weight_yh", rows: hiddenSize, cols: outputSize)
        biasH = bias ? Parameter("bias_h", count: hiddenSize) : nil
        weightHY = Parameter("weight_hy", rows: outputSize, cols: hiddenSize)
        biasY = bias ? Parameter("bias_y", count: outputSize) : nil
    }

    public var parameters: [Parameter] { [weightIH, weightYH, biasH, weightHY, biasY].compactMap { $0 } }
    /// The fed-back output; the fan is the hidden layer's (PyTorch's bound 1/√hidden).
    public var stateLayout: StateLayout { StateLayout([(.y, outputSize)], fanWidth: hiddenSize) }
    public var producesNetworkOutput: Bool { true }
    public var summary: String { "\(activation.rawValue), output fed back" }

    public func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let tape = x.tape
        let yPrev = state[.y]
        let h = activation(linear(x, tape.variable(for: weightIH), biasH.map { tape.variable(for: $0) })
            + linear(yPrev, tape.variable(for: weightYH)))
        let y = linear(h, tape.variable(for: weightHY), biasY.map { tape.variable(for: $0) })
        probes.record(.hidden, "h", "hidden", h)
        probes.record(.other, "y_prev", "fed-back output", yPrev)
        return (y, state.with(.y, y))
    }
}

/// Registers the `jordan` cell.
public enum JordanPlugin: RNNPlugin {
    public static func register(in registry: inout Registry) {
        registry.register(cell: CellDescriptor(
            name: "jordan",
            summary: "Jordan network: the output is fed back as memory",
            details: """
                h(t) = act(W_ih x(t) + W_yh y(t-1) + b_h)
                y(t) = W_hy h(t) + b_y        (the network's output; needs out=N)
                Parameters: weight_ih [H, in], weight_yh [H, out], bias_h [H], weight_hy [out, H], bias_y [out].
                Probes: h (hidden), y_prev (fed-back output). State: y.
                """,
            options: [Activation.hiddenOption.spec],
            make: { config in
                guard let out = config.outputSize, out > 0 else {
                    throw CellError("jordan needs out=N: its output is what it feeds back")
                }
                let act = config.options[Activation.hiddenOption]
                return JordanCell(inputSize: config.inputSize, hiddenSize: config.hiddenSize, outputSize: out,
                                  activation: act, bias: config.bias)
            }))
    }
}
