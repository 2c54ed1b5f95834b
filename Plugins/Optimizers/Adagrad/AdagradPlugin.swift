import RNNKit

/// Registers `adagrad` (`torch.optim.Adagrad`).
public enum AdagradPlugin: RNNPlugin {
    public static func register(in registry: inout Registry) {
        registry.register(optimizer: OptimizerDescriptor(
            name: "adagrad",
            summary: "Adagrad: per-weight steps shrinking with the sum of squared gradients (torch.optim.Adagrad)",
            details: """
                t ← t + 1;  g ← g + weight_decay · θ
                s ← s + g²            (s starts at initial_accumulator)
                θ ← θ − lr / (1 + (t − 1) · lr_decay) · g / (√s + eps)
                Defaults as torch.optim.Adagrad.
                """,
            options: [
                OptionSpec("lr", number: 0...100, default: 0.01, help: "learning rate (step size)"),
                OptionSpec("lr_decay", number: 0...1, default: 0, help: "learning-rate decay: lr / (1 + (t-1)·lr_decay) at step t"),
                OptionSpec("weight_decay", number: 0...1, default: 0, help: "L2 penalty: adds weight_decay·θ to the gradient"),
                OptionSpec("eps", number: 0...1, default: 1e-10, help: "added to √s to avoid dividing by zero"),
                OptionSpec("initial_accumulator", number: 0...100, default: 0, help: "starting value of each sum of squared gradients"),
            ],
            make: { o in
                Adagrad(learningRate: o.number("lr") ?? 0.01, learningRateDecay: o.number("lr_decay") ?? 0,
                        weightDecay: o.number("weight_decay") ?? 0, epsilon: o.number("eps") ?? 1e-10,
                        initialAccumulator: o.number("initial_accumulator") ?? 0)
            }))
    }
}
