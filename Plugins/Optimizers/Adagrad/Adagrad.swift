import RNNKit

/// Adagrad: each weight's step shrinks with the sum of its squared
/// gradients, `torch.optim.Adagrad` step for step.
///
///     t ← t + 1
///     g ← g + weight_decay · θ                        (if weight_decay ≠ 0)
///     lr_t ← lr / (1 + (t − 1) · lr_decay)
///     s ← s + g²                   (s starts at initial_accumulator)
///     θ ← θ − lr_t · g / (√s + eps)
///
/// Arithmetic is Float32, as PyTorch does for Float32 parameters; `s` and
/// `t` are kept per parameter (see `PerParameterOptimizer`).
public final class Adagrad: PerParameterOptimizer {
    /// The base step size `lr`; changing it keeps the accumulated sums.
    public var learningRate: Double
    /// Decay of the learning rate with the step count.
    public let learningRateDecay: Double
    /// L2 penalty added to the gradient.
    public let weightDecay: Double
    /// Added to √s so a weight with no gradient yet does not divide by zero.
    public let epsilon: Double
    /// The starting value of every sum of squares.
    public let initialAccumulator: Double

    /// Each parameter's step count and sum of squared gradients (PyTorch's `sum`).
    public var perParameterState = ParameterSlots<[Float]>()

    public init(learningRate: Double, learningRateDecay: Double = 0, weightDecay: Double = 0,
                epsilon: Double = 1e-10, initialAccumulator: Double = 0) {
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.epsilon = epsilon
        self.initialAccumulator = initialAccumulator
    }

    public var decay: WeightDecay { .l2(weightDecay) }

    public func initialState(count: Int) -> [Float] { [Float](repeating: Float(initialAccumulator), count: count) }

    public func update(_ w: inout [Float], gradient g: [Float], state sum: inout [Float], step: Int) {
        let eps = Float(epsilon)
        let clr = Float(learningRate / (1 + Double(step - 1) * learningRateDecay))
        for i in w.indices {
            sum[i] += g[i] * g[i]
            w[i] -= clr * (g[i] / (sum[i].squareRoot() + eps))
        }
    }

    public func slots(of sum: [Float]) -> [OptimizerSlot: [Float]] { [.sum: sum] }

    public func state(from slots: inout OptimizerSlotReader) throws(OptimizerStateError) -> [Float] {
        try slots.required(.sum)
    }
}
