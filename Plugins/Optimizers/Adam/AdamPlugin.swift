import RNNKit

/// Registers `adam` and `adamw`: one update rule (`torch.optim.Adam` /
/// `torch.optim.AdamW`) that differs only in how weight decay acts.
public enum AdamPlugin: RNNPlugin {
    static func options(weightDecay: Double, decayHelp: String) -> [OptionSpec] {
        [
            OptionSpec("lr", number: 0...100, default: 0.001, help: "learning rate (step size)"),
            OptionSpec("beta1", number: 0...1, default: 0.9, help: "decay of the running mean of the gradient (below 1)"),
            OptionSpec("beta2", number: 0...1, default: 0.999, help: "decay of the running mean of the squared gradient (below 1)"),
            OptionSpec("eps", number: 0...1, default: 1e-8, help: "added to the root mean square to avoid dividing by zero"),
            OptionSpec("weight_decay", number: 0...1, default: weightDecay, help: decayHelp),
            OptionSpec("amsgrad", flag: false, help: "divide by the largest mean square so far (AMSGrad)"),
        ]
    }

    /// Builds the optimizer, refusing a beta of 1 (its bias correction 1 − beta^t would be 0).
    static func make(_ o: Options, weightDecay: Double, decoupled: Bool) throws(OptionError) -> Adam {
        let beta1 = o.number("beta1") ?? 0.9, beta2 = o.number("beta2") ?? 0.999
        for (key, beta) in [("beta1", beta1), ("beta2", beta2)] where beta >= 1 {
            throw .badValue(key: key, value: beta.formatted, expected: "below 1 (1 - \(key)^t would be 0)")
        }
        return Adam(learningRate: o.number("lr") ?? 0.001, beta1: beta1, beta2: beta2,
                    epsilon: o.number("eps") ?? 1e-8, weightDecay: o.number("weight_decay") ?? weightDecay,
                    decoupled: decoupled, amsgrad: o.flag("amsgrad"))
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
            options: options(weightDecay: 0, decayHelp: "L2 penalty: adds weight_decay·θ to the gradient"),
            make: { o in try make(o, weightDecay: 0, decoupled: false) }))
        registry.register(optimizer: OptimizerDescriptor(
            name: "adamw",
            summary: "AdamW: Adam with decoupled weight decay (torch.optim.AdamW)",
            details: """
                t ← t + 1;  θ ← θ · (1 − lr · weight_decay)   (decoupled, not through m and v)
                m ← beta1 · m + (1 − beta1) · g;  v ← beta2 · v + (1 − beta2) · g²
                θ ← θ − lr / (1 − beta1^t) · m / (√v / √(1 − beta2^t) + eps)
                amsgrad: v replaced by the largest v so far. Defaults as torch.optim.AdamW.
                """,
            options: options(weightDecay: 0.01, decayHelp: "decoupled weight decay: θ shrinks by lr·weight_decay each step"),
            make: { o in try make(o, weightDecay: 0.01, decoupled: true) }))
    }
}
