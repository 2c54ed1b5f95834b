import RNNKit

/// A layer with no memory: `h(t) = act(W x(t) + b)`. Each time step sees only
/// its own input, which is the lecture's point of comparison — a plain
/// feed-forward net tags "Taipei" the same way after "arrive" and "leave".
public final class FeedForwardCell: RecurrentCell {
    public let inputSize: Int
    public let outputSize: Int
    public let activation: Activation
    let weight: Parameter
    let bias: Parameter?

    public init(inputSize: Int, hiddenSize: Int, activation: Activation, bias: Bool) {
        self.inputSize = inputSize
        self.outputSize = hiddenSize
        self.activation = activation
        weight = Parameter("weight_ih", rows: hiddenSize, cols: inputSize)
        self.bias = bias ? Parameter("bias_ih", count: hiddenSize) : nil
    }

    public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }
    /// No state: nothing is carried from one step to the next.
    public var stateLayout: StateLayout { .none }
    public var summary: String { "\(activation.rawValue), no memory" }

    public func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let tape = x.tape
        let h = activation(linear(x, tape.variable(for: weight), bias.map { tape.variable(for: $0) }))
        probes.record(.hidden, "h", "hidden", h)
        return (h, state)
    }
}

/// Registers the `feedforward` cell.
public enum FeedForwardPlugin: RNNPlugin {
    public static func register(in registry: inout Registry) {
        registry.register(cell: CellDescriptor(
            name: "feedforward",
            summary: "no memory: each step sees only its own input (the lecture's baseline)",
            details: """
                h(t) = act(W_ih x(t) + b_ih)      nothing is fed back
                Parameters: weight_ih [H, in], bias_ih [H]. Probes: h (hidden).
                """,
            options: [Activation.hiddenOption.spec],
            make: { config in
                FeedForwardCell(inputSize: config.inputSize, hiddenSize: config.hiddenSize,
                                activation: config.options[Activation.hiddenOption], bias: config.bias)
            }))
    }
}
