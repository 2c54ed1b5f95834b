/// An optimizer's state as a value, keyed by network-wide parameter name:
/// what PyTorch's `optimizer.state_dict()` holds, with PyTorch's names, so
/// it can be written out and read back (and a PyTorch user recognises it).
///
/// `parameters["weight_ih_l0"]` is that parameter's step count and named
/// buffers (`exp_avg`, `exp_avg_sq`, …), each shaped as the parameter. A
/// parameter that has not been stepped has no entry. The other settings
/// (betas, momentum, …) are fixed when the optimizer is built, so they are
/// not here; the learning rate, which `train lr=` changes, is.
public struct OptimizerState: Equatable, Sendable {
    /// One parameter's state: PyTorch's `state[p]`.
    public struct ParameterState: Equatable, Sendable {
        /// Steps taken on this parameter (PyTorch's `step`).
        public var step: Int
        /// The optimizer's buffers for this parameter, by PyTorch's slot name.
        public var slots: [OptimizerSlot: Matrix]

        public init(step: Int, slots: [OptimizerSlot: Matrix]) {
            self.step = step
            self.slots = slots
        }
    }

    /// The learning rate (PyTorch's `param_groups[0]["lr"]`).
    public var learningRate: Double
    /// Per-parameter state by network-wide name (`weight_ih_l0`, `out.bias`).
    public var parameters: [String: ParameterState]

    public init(learningRate: Double, parameters: [String: ParameterState] = [:]) {
        self.learningRate = learningRate
        self.parameters = parameters
    }
}

/// The name of one per-parameter buffer, as PyTorch's optimizers call it.
public struct OptimizerSlot: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { self.rawValue = name }

    public var description: String { rawValue }
    public static func < (a: OptimizerSlot, b: OptimizerSlot) -> Bool { a.rawValue < b.rawValue }

    /// SGD's and RMSprop's momentum buffer.
    public static let momentumBuffer = OptimizerSlot("momentum_buffer")
    /// Adagrad's sum of squared gradients.
    public static let sum = OptimizerSlot("sum")
    /// RMSprop's running mean square of the gradient.
    public static let squareAvg = OptimizerSlot("square_avg")
    /// RMSprop's (`centered`) running mean of the gradient.
    public static let gradAvg = OptimizerSlot("grad_avg")
    /// Adam's running mean of the gradient.
    public static let expAvg = OptimizerSlot("exp_avg")
    /// Adam's running mean of the squared gradient.
    public static let expAvgSq = OptimizerSlot("exp_avg_sq")
    /// Adam's (`amsgrad`) largest `exp_avg_sq` so far.
    public static let maxExpAvgSq = OptimizerSlot("max_exp_avg_sq")
}
