import RNNKit

/// Stochastic gradient descent with optional momentum, dampening, Nesterov
/// momentum and L2 weight decay: `torch.optim.SGD`, step for step.
///
///     g ← g + weight_decay · θ                       (if weight_decay ≠ 0)
///     b ← g                      on the first step    (if momentum ≠ 0)
///     b ← momentum · b + (1 − dampening) · g          later steps
///     g ← g + momentum · b  (Nesterov)  or  g ← b  (classical)
///     θ ← θ − lr · g
///
/// Arithmetic is Float32, as PyTorch does for Float32 parameters; the
/// momentum buffer is kept per parameter (by identity, see `ParameterSlots`).
public final class SGD: Optimizer {
    /// The step size `lr`; changing it keeps the momentum buffers.
    public var learningRate: Double
    /// The momentum factor (0: plain SGD, no buffer kept).
    public let momentum: Double
    /// How much of each new gradient is held back from the buffer.
    public let dampening: Double
    /// L2 penalty added to the gradient: `g + weight_decay · θ`.
    public let weightDecay: Double
    /// Nesterov's look-ahead form of momentum.
    public let nesterov: Bool

    private var buffers = ParameterSlots<[Float]>()

    /// An SGD optimizer; Nesterov needs `momentum > 0` and `dampening == 0`
    /// (the plugin's options check this before calling).
    public init(learningRate: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    /// An independent copy, state included (the state is made of value types).
    public func copy() -> any Optimizer {
        let twin = SGD(learningRate: learningRate, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
        twin.buffers = buffers
        return twin
    }

    public func step(_ parameters: [Parameter], gradients: [Matrix]) {
        precondition(parameters.count == gradients.count, "SGD: \(parameters.count) parameters, \(gradients.count) gradients")
        let lr = Float(learningRate), mu = Float(momentum), keep = Float(1 - dampening), wd = Float(weightDecay)
        if buffers.count > parameters.count { buffers.pruneReleased() }
        for (p, gradient) in zip(parameters, gradients) {
            precondition(gradient.count == p.value.count, "SGD: gradient of \(p.name) has the wrong size")
            var g = gradient.data
            if wd != 0 { for i in g.indices { g[i] += wd * p.value.data[i] } }
            if mu != 0 {
                buffers.withState(of: p, initial: { [] }) { buf in
                    if buf.isEmpty {
                        buf = g
                    } else {
                        for i in g.indices { buf[i] = buf[i] * mu + keep * g[i] }
                    }
                    if nesterov {
                        for i in g.indices { g[i] += mu * buf[i] }
                    } else {
                        g = buf
                    }
                }
            }
            p.value.data.withUnsafeMutableBufferPointer { w in
                for i in 0..<w.count { w[i] -= lr * g[i] }
            }
        }
    }

    public func reset() { buffers.removeAll() }
}
