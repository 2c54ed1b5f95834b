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
/// and `b` are kept per parameter (by identity, see `ParameterSlots`).
public final class RMSprop: Optimizer {
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

    private struct State {
        var squareAverage: [Float]
        var gradientAverage: [Float]
        var buffer: [Float]
    }
    private var states = ParameterSlots<State>()

    public init(learningRate: Double, alpha: Double = 0.99, epsilon: Double = 1e-8,
                weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }

    /// An independent copy, state included (the state is made of value types).
    public func copy() -> any Optimizer {
        let twin = RMSprop(learningRate: learningRate, alpha: alpha, epsilon: epsilon, weightDecay: weightDecay, momentum: momentum, centered: centered)
        twin.states = states
        return twin
    }

    public func step(_ parameters: [Parameter], gradients: [Matrix]) {
        precondition(parameters.count == gradients.count, "RMSprop: \(parameters.count) parameters, \(gradients.count) gradients")
        let lr = Float(learningRate), a = Float(alpha), rest = Float(1 - alpha)
        let eps = Float(epsilon), wd = Float(weightDecay), mu = Float(momentum)
        if states.count > parameters.count { states.pruneReleased() }
        for (p, gradient) in zip(parameters, gradients) {
            precondition(gradient.count == p.value.count, "RMSprop: gradient of \(p.name) has the wrong size")
            var g = gradient.data
            if wd != 0 { for i in g.indices { g[i] += wd * p.value.data[i] } }
            let zeros = [Float](repeating: 0, count: g.count)
            states.withState(of: p, initial: {
                State(squareAverage: zeros, gradientAverage: centered ? zeros : [], buffer: mu > 0 ? zeros : [])
            }) { s in
                p.value.data.withUnsafeMutableBufferPointer { w in
                    for i in 0..<w.count {
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
            }
        }
    }

    public func reset() { states.removeAll() }
}
