/// How gradients are limited before an optimizer step.
public enum GradientClipping: Sendable, Equatable, CustomStringConvertible {
    /// Gradients are used as they are.
    case none
    /// Scale all gradients together so their global L2 norm is at most the
    /// given value: `torch.nn.utils.clip_grad_norm_`.
    case norm(Double)
    /// Clamp every element to `[-v, v]`: `torch.nn.utils.clip_grad_value_`.
    case value(Double)

    /// Clips `gradients` in place and returns their global L2 norm before
    /// clipping (`√Σ g²` over every element of every matrix, in Double).
    ///
    /// `.norm(max)` multiplies every gradient by `min(1, max / (norm + 1e-6))`,
    /// exactly as `clip_grad_norm_`. If the norm is not finite (an overflow
    /// or a NaN), the gradients are left as they are and the norm is
    /// returned for the caller to act on, rather than scaled into zeros or NaNs.
    @discardableResult
    public func apply(to gradients: inout [Matrix]) -> Double {
        var sumOfSquares = 0.0
        for g in gradients {
            g.data.withUnsafeBufferPointer { g in for x in g { sumOfSquares += Double(x) * Double(x) } }
        }
        let total = sumOfSquares.squareRoot()
        switch self {
        case .none:
            break
        case .norm(let maxNorm):
            guard total.isFinite else { break }
            let coefficient = min(1, maxNorm / (total + 1e-6))
            if coefficient < 1 {
                let c = Float(coefficient)
                for i in gradients.indices { gradients[i].scale(by: c) }
            }
        case .value(let limit):
            let v = Float(limit)
            for i in gradients.indices { gradients[i].data.withUnsafeMutableBufferPointer { g in for j in g.indices { g[j] = min(max(g[j], -v), v) } } }
        }
        return total
    }

    /// What the clipping does, for `train` and `show`: `no clipping`,
    /// `clip by global norm 5`, `clip by value 0.5`.
    public var description: String {
        switch self {
        case .none: return "no clipping"
        case .norm(let n): return "clip by global norm \(n.formatted)"
        case .value(let v): return "clip by value \(v.formatted)"
        }
    }
}
