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
/// `v` and `v̂` are kept per parameter (see `PerParameterOptimizer`).
public final class Adam: PerParameterOptimizer {
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

    /// One parameter's running averages, by PyTorch's names.
    public struct State: Sendable {
        /// `exp_avg`: the running mean of the gradient.
        var mean: [Float]
        /// `exp_avg_sq`: the running mean of the squared gradient.
        var meanSquare: [Float]
        /// `max_exp_avg_sq`: the largest `exp_avg_sq` so far (`amsgrad` only, else empty).
        var maxMeanSquare: [Float]
    }
    /// Each parameter's step count and `State`.
    public var perParameterState = ParameterSlots<State>()

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

    public var decay: WeightDecay { decoupled ? .decoupled(weightDecay) : .l2(weightDecay) }

    public func initialState(count: Int) -> State {
        let zeros = [Float](repeating: 0, count: count)
        return State(mean: zeros, meanSquare: zeros, maxMeanSquare: amsgrad ? zeros : [])
    }

    public func update(_ w: inout [Float], gradient g: [Float], state s: inout State, step: Int) {
        let b1 = Float(1 - beta1), b2 = Float(beta2), rest2 = Float(1 - beta2), eps = Float(epsilon)
        let stepSize = Float(learningRate / (1 - pow(beta1, Double(step))))
        let correction2 = Float((1 - pow(beta2, Double(step))).squareRoot())
        let n = w.count
        // A state of another size (never made by this optimizer) starts afresh rather than being misread.
        if g.count != n || s.mean.count != n || s.meanSquare.count != n || (amsgrad && s.maxMeanSquare.count != n) {
            s = initialState(count: n)
            guard g.count == n else { return }
        }
        guard n > 0 else { return }
        let amsgrad = self.amsgrad
        // In vectors through pointers: the indexed scalar loop was a tenth of a tiny net's training step.
        w.withUnsafeMutableBufferPointer { w in
        g.withUnsafeBufferPointer { g in
        s.mean.withUnsafeMutableBufferPointer { mean in
        s.meanSquare.withUnsafeMutableBufferPointer { meanSquare in
        s.maxMeanSquare.withUnsafeMutableBufferPointer { maxMeanSquare in
            // Eight lanes at a time: the same operations, lane by lane, in the same order as PyTorch's.
            let (w, g, mean, meanSquare, maxMeanSquare) = (w.baseAddress!, g.baseAddress!, mean.baseAddress!, meanSquare.baseAddress!, maxMeanSquare.baseAddress)
            VectorMath.forEachVector(n) { i, lanes in
                let gv = VectorMath.load(g, i, lanes)
                var m = VectorMath.load(mean, i, lanes)
                m += b1 * (gv - m)
                let v = VectorMath.load(meanSquare, i, lanes) * b2 + rest2 * gv * gv
                VectorMath.store(m, mean, i, lanes)
                VectorMath.store(v, meanSquare, i, lanes)
                var largest = v
                if amsgrad, let maxMeanSquare {
                    largest = pointwiseMax(VectorMath.load(maxMeanSquare, i, lanes), v)
                    VectorMath.store(largest, maxMeanSquare, i, lanes)
                }
                let denominator = largest.squareRoot() / correction2 + eps
                VectorMath.store(VectorMath.load(w, i, lanes) - stepSize * (m / denominator), w, i, lanes)
            }
        }}}}}
    }

    public func slots(of s: State) -> [OptimizerSlot: [Float]] {
        var slots: [OptimizerSlot: [Float]] = [.expAvg: s.mean, .expAvgSq: s.meanSquare]
        if amsgrad { slots[.maxExpAvgSq] = s.maxMeanSquare }
        return slots
    }

    public func state(from slots: inout OptimizerSlotReader) throws(OptimizerStateError) -> State {
        try State(mean: slots.required(.expAvg), meanSquare: slots.required(.expAvgSq),
                  maxMeanSquare: amsgrad ? slots.required(.maxExpAvgSq) : [])
    }
}
