import RNNKit

/// RMSprop: each weight's step is divided by a running root mean square of
/// its gradients, `torch.optim.RMSprop` step for step.
///
///     g ← g + weight_decay · θ                        (if weight_decay ≠ 0)
///     v ← alpha · v + (1 − alpha) · g²
///     centered:  m ← alpha · m + (1 − alpha) · g,  d ← √(v − m²) + eps
///     otherwise: d ← √v + eps
///     momentum > 0:  b ← momentum · b + g / d,  θ ← θ − lr · b
///     otherwise:     θ ← θ − lr · g / d
///
/// Arithmetic is Float32, as PyTorch does for Float32 parameters; `v`, `m`
/// and `b` are kept per parameter (see `PerParameterOptimizer`).
public final class RMSprop: PerParameterOptimizer {
    /// The step size `lr`; changing it keeps the running averages.
    public var learningRate: Double
    /// Smoothing constant of the running averages.
    public let alpha: Double
    /// Added to the root mean square so it never divides by zero.
    public let epsilon: Double
    /// L2 penalty added to the gradient.
    public let weightDecay: Double
    /// Momentum on the normalised step (0: none).
    public let momentum: Double
    /// Normalise by the running variance (subtracting the mean gradient) instead of the raw mean square.
    public let centered: Bool

    /// One parameter's running averages, by PyTorch's names.
    public struct State: Sendable {
        /// `square_avg`: the running mean square of the gradient.
        var squareAverage: [Float]
        /// `grad_avg`: the running mean gradient (`centered` only, else empty).
        var gradientAverage: [Float]
        /// `momentum_buffer` (`momentum > 0` only, else empty).
        var buffer: [Float]
    }
    /// Each parameter's step count and `State`.
    public var perParameterState = ParameterSlots<State>()

    public init(learningRate: Double, alpha: Double = 0.99, epsilon: Double = 1e-8,
                weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }

    public var decay: WeightDecay { .l2(weightDecay) }

    public func initialState(count: Int) -> State {
        let zeros = [Float](repeating: 0, count: count)
        return State(squareAverage: zeros, gradientAverage: centered ? zeros : [], buffer: momentum > 0 ? zeros : [])
    }

    public func update(_ w: inout [Float], gradient g: [Float], state s: inout State, step: Int) {
        let lr = Float(learningRate), a = Float(alpha), rest = Float(1 - alpha)
        let eps = Float(epsilon), mu = Float(momentum)
        for i in w.indices {
            s.squareAverage[i] = s.squareAverage[i] * a + rest * g[i] * g[i]
            var d: Float
            if centered {
                s.gradientAverage[i] += rest * (g[i] - s.gradientAverage[i])
                // Never below 0 (rounding could make it so; PyTorch would give NaN).
                d = max(0, s.squareAverage[i] - s.gradientAverage[i] * s.gradientAverage[i]).squareRoot()
            } else {
                d = s.squareAverage[i].squareRoot()
            }
            d += eps
            if mu > 0 {
                s.buffer[i] = s.buffer[i] * mu + g[i] / d
                w[i] -= lr * s.buffer[i]
            } else {
                w[i] -= lr * (g[i] / d)
            }
        }
    }

    public func slots(of s: State) -> [OptimizerSlot: [Float]] {
        var slots: [OptimizerSlot: [Float]] = [.squareAvg: s.squareAverage]
        if centered { slots[.gradAvg] = s.gradientAverage }
        if momentum > 0 { slots[.momentumBuffer] = s.buffer }
        return slots
    }

    public func state(from slots: inout OptimizerSlotReader) throws(OptimizerStateError) -> State {
        try State(squareAverage: slots.required(.squareAvg),
                  gradientAverage: centered ? slots.required(.gradAvg) : [],
                  buffer: momentum > 0 ? slots.required(.momentumBuffer) : [])
    }
}
