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
/// momentum buffer is kept per parameter (see `PerParameterOptimizer`).
public final class SGD: PerParameterOptimizer {
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

    /// Each parameter's step count and momentum buffer (PyTorch's `momentum_buffer`),
    /// empty until its first step with momentum.
    public var perParameterState = ParameterSlots<[Float]>()

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

    public var decay: WeightDecay { .l2(weightDecay) }

    public func initialState(count: Int) -> [Float] { [] }

    public func update(_ w: inout [Float], gradient: [Float], state buffer: inout [Float], step: Int) {
        let lr = Float(learningRate), mu = Float(momentum), keep = Float(1 - dampening)
        var g = gradient
        if mu != 0 {
            if buffer.isEmpty {
                buffer = g
            } else {
                for i in g.indices { buffer[i] = buffer[i] * mu + keep * g[i] }
            }
            if nesterov {
                for i in g.indices { g[i] += mu * buffer[i] }
            } else {
                g = buffer
            }
        }
        for i in w.indices { w[i] -= lr * g[i] }
    }

    public func slots(of buffer: [Float]) -> [OptimizerSlot: [Float]] {
        buffer.isEmpty ? [:] : [.momentumBuffer: buffer]
    }

    public func state(from slots: inout OptimizerSlotReader) throws(OptimizerStateError) -> [Float] {
        momentum != 0 ? slots.optional(.momentumBuffer) ?? [] : []
    }
}
