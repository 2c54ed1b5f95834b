import Foundation
import RNNKit

/// Adam and AdamW: steps from bias-corrected running averages of the
/// gradient and its square, `torch.optim.Adam` / `torch.optim.AdamW` step
/// for step.
///
///     t ← t + 1
///     Adam:  g ← g + weight_decay · θ          (L2 penalty in the gradient)
///     AdamW: θ ← θ · (1 − lr · weight_decay)   (decoupled weight decay)
///     m ← m + (1 − beta1) · (g − m)
///     v ← beta2 · v + (1 − beta2) · g²
///     v̂ ← max(v̂, v) with amsgrad, else v̂ = v
///     θ ← θ − lr / (1 − beta1^t) · m / (√v̂ / √(1 − beta2^t) + eps)
///
/// Arithmetic is Float32, as PyTorch does for Float32 parameters (the bias
/// corrections are Double scalars, as PyTorch's Python floats); `t`, `m`,
/// `v` and `v̂` are kept per parameter (by identity, see `ParameterSlots`).
public final class Adam: Optimizer {
    /// The step size `lr`; changing it keeps the moments and step counts.
    public var learningRate: Double
    /// Decay of the first-moment (mean) average, below 1.
    public let beta1: Double
    /// Decay of the second-moment (mean square) average, below 1.
    public let beta2: Double
    /// Added to the root mean square so it never divides by zero.
    public let epsilon: Double
    /// The weight-decay factor; how it acts depends on `decoupled`.
    public let weightDecay: Double
    /// AdamW's decoupled decay (shrink θ directly) rather than Adam's L2 term in the gradient.
    public let decoupled: Bool
    /// Divide by the largest second moment so far (AMSGrad).
    public let amsgrad: Bool

    private struct State {
        var step = 0
        var mean: [Float]
        var meanSquare: [Float]
        var maxMeanSquare: [Float]
    }
    private var states = ParameterSlots<State>()

    /// An Adam (or, with `decoupled`, AdamW) optimizer; the betas must be in `0..<1`.
    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0, decoupled: Bool = false, amsgrad: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupled = decoupled
        self.amsgrad = amsgrad
    }

    /// An independent copy, state included (the state is made of value types).
    public func copy() -> any Optimizer {
        let twin = Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay, decoupled: decoupled, amsgrad: amsgrad)
        twin.states = states
        return twin
    }

    public func step(_ parameters: [Parameter], gradients: [Matrix]) {
        precondition(parameters.count == gradients.count, "Adam: \(parameters.count) parameters, \(gradients.count) gradients")
        let b1 = Float(1 - beta1), b2 = Float(beta2), rest2 = Float(1 - beta2)
        let eps = Float(epsilon), wd = Float(weightDecay), shrink = Float(1 - learningRate * weightDecay)
        if states.count > parameters.count { states.pruneReleased() }
        for (p, gradient) in zip(parameters, gradients) {
            precondition(gradient.count == p.value.count, "Adam: gradient of \(p.name) has the wrong size")
            var g = gradient.data
            if weightDecay != 0 {
                if decoupled {
                    p.value.data.withUnsafeMutableBufferPointer { w in for i in 0..<w.count { w[i] *= shrink } }
                } else {
                    for i in g.indices { g[i] += wd * p.value.data[i] }
                }
            }
            let zeros = [Float](repeating: 0, count: g.count)
            states.withState(of: p, initial: { State(mean: zeros, meanSquare: zeros, maxMeanSquare: amsgrad ? zeros : []) }) { s in
                s.step += 1
                let stepSize = Float(learningRate / (1 - pow(beta1, Double(s.step))))
                let correction2 = Float((1 - pow(beta2, Double(s.step))).squareRoot())
                p.value.data.withUnsafeMutableBufferPointer { w in
                    for i in 0..<w.count {
                        s.mean[i] += b1 * (g[i] - s.mean[i])
                        s.meanSquare[i] = s.meanSquare[i] * b2 + rest2 * g[i] * g[i]
                        var v = s.meanSquare[i]
                        if amsgrad {
                            s.maxMeanSquare[i] = max(s.maxMeanSquare[i], v)
                            v = s.maxMeanSquare[i]
                        }
                        let denominator = v.squareRoot() / correction2 + eps
                        w[i] -= stepSize * (s.mean[i] / denominator)
                    }
                }
            }
        }
    }

    public func reset() { states.removeAll() }
}
