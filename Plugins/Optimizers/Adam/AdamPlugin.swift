import RNNKit

/// Registers `adam` and `adamw`: one update rule (`torch.optim.Adam` /
/// `torch.optim.AdamW`) that differs only in how weight decay acts.
public enum AdamPlugin: RNNPlugin {
    static let lr = Option("lr", number: 0...100, default: 0.001, help: "learning rate (step size)")
    static let beta1 = Option("beta1", number: 0...1, default: 0.9, help: "decay of the running mean of the gradient (below 1)")
    static let beta2 = Option("beta2", number: 0...1, default: 0.999, help: "decay of the running mean of the squared gradient (below 1)")
    static let eps = Option("eps", number: 0...1, default: 1e-8, help: "added to the root mean square to avoid dividing by zero")
    static let amsgrad = Option("amsgrad", flag: false, help: "divide by the largest mean square so far (AMSGrad)")
    /// Adam's weight decay is an L2 penalty (default 0); AdamW's is decoupled (default 0.01).
    static let l2Decay = Option("weight_decay", number: 0...1, default: 0, help: "L2 penalty: adds weight_decay·θ to the gradient")
    static let decoupledDecay = Option("weight_decay", number: 0...1, default: 0.01,
                                       help: "decoupled weight decay: θ shrinks by lr·weight_decay each step")

    static func options(weightDecay: Option<Double>) -> [OptionSpec] {
        [lr.spec, beta1.spec, beta2.spec, eps.spec, weightDecay.spec, amsgrad.spec]
    }

    /// Builds the optimizer, refusing a beta of 1 (its bias correction 1 − beta^t would be 0).
    static func make(_ o: Options, weightDecay: Option<Double>, decoupled: Bool) throws(OptionError) -> Adam {
        for beta in [beta1, beta2] where o[beta] >= 1 {
            throw .badValue(key: beta.key, value: o[beta].formatted, expected: "below 1 (1 - \(beta.key)^t would be 0)")
        }
        return Adam(learningRate: o[lr], beta1: o[beta1], beta2: o[beta2], epsilon: o[eps], weightDecay: o[weightDecay],
                    decoupled: decoupled, amsgrad: o[amsgrad])
    }

    public static func register(in registry: inout Registry) {
        registry.register(optimizer: OptimizerDescriptor(
            name: "adam",
            summary: "Adam: bias-corrected running mean and mean square of the gradient (torch.optim.Adam)",
            details: """
                t ← t + 1;  g ← g + weight_decay · θ   (L2 penalty, as torch.optim.Adam)
                m ← beta1 · m + (1 − beta1) · g;  v ← beta2 · v + (1 − beta2) · g²
                θ ← θ − lr / (1 − beta1^t) · m / (√v / √(1 − beta2^t) + eps)
                amsgrad: v replaced by the largest v so far. Defaults as torch.optim.Adam.
                """,
            options: options(weightDecay: l2Decay),
            make: { o in try make(o, weightDecay: l2Decay, decoupled: false) }))
        registry.register(optimizer: OptimizerDescriptor(
            name: "adamw",
            summary: "AdamW: Adam with decoupled weight decay (torch.optim.AdamW)",
            details: """
                t ← t + 1;  θ ← θ · (1 − lr · weight_decay)   (decoupled, not through m and v)
                m ← beta1 · m + (1 − beta1) · g;  v ← beta2 · v + (1 − beta2) · g²
                θ ← θ − lr / (1 − beta1^t) · m / (√v / √(1 − beta2^t) + eps)
                amsgrad: v replaced by the largest v so far. Defaults as torch.optim.AdamW.
                """,
            options: options(weightDecay: decoupledDecay),
            make: { o in try make(o, weightDecay: decoupledDecay, decoupled: true) }))
    }
}
