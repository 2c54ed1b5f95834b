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
/// `t` are kept per parameter (by identity, see `ParameterSlots`).
public final class Adagrad: Optimizer {
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

    private struct State {
        var step = 0
        var sum: [Float]
    }
    private var states = ParameterSlots<State>()

    public init(learningRate: Double, learningRateDecay: Double = 0, weightDecay: Double = 0,
                epsilon: Double = 1e-10, initialAccumulator: Double = 0) {
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.epsilon = epsilon
        self.initialAccumulator = initialAccumulator
    }

    /// An independent copy, state included (the state is made of value types).
    public func copy() -> any Optimizer {
        let twin = Adagrad(learningRate: learningRate, learningRateDecay: learningRateDecay, weightDecay: weightDecay, epsilon: epsilon, initialAccumulator: initialAccumulator)
        twin.states = states
        return twin
    }

    public func step(_ parameters: [Parameter], gradients: [Matrix]) {
        precondition(parameters.count == gradients.count, "Adagrad: \(parameters.count) parameters, \(gradients.count) gradients")
        let wd = Float(weightDecay), eps = Float(epsilon), start = Float(initialAccumulator)
        if states.count > parameters.count { states.pruneReleased() }
        for (p, gradient) in zip(parameters, gradients) {
            precondition(gradient.count == p.value.count, "Adagrad: gradient of \(p.name) has the wrong size")
            var g = gradient.data
            if wd != 0 { for i in g.indices { g[i] += wd * p.value.data[i] } }
            states.withState(of: p, initial: { State(sum: [Float](repeating: start, count: g.count)) }) { s in
                s.step += 1
                let clr = Float(learningRate / (1 + Double(s.step - 1) * learningRateDecay))
                p.value.data.withUnsafeMutableBufferPointer { w in
                    for i in 0..<w.count {
                        s.sum[i] += g[i] * g[i]
                        w[i] -= clr * (g[i] / (s.sum[i].squareRoot() + eps))
                    }
                }
            }
        }
    }

    public func reset() { states.removeAll() }
}
