import RNNKit

/// Registers `adagrad` (`torch.optim.Adagrad`).
public enum AdagradPlugin: RNNPlugin {
    static let lr = Option("lr", number: 0...100, default: 0.01, help: "learning rate (step size)")
    static let lrDecay = Option("lr_decay", number: 0...1, default: 0, help: "learning-rate decay: lr / (1 + (t-1)·lr_decay) at step t")
    static let weightDecay = Option("weight_decay", number: 0...1, default: 0, help: "L2 penalty: adds weight_decay·θ to the gradient")
    static let eps = Option("eps", number: 0...1, default: 1e-10, help: "added to √s to avoid dividing by zero")
    static let initialAccumulator = Option("initial_accumulator", number: 0...100, default: 0,
                                           help: "starting value of each sum of squared gradients")

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
            options: [lr.spec, lrDecay.spec, weightDecay.spec, eps.spec, initialAccumulator.spec],
            make: { o in
                Adagrad(learningRate: o[lr], learningRateDecay: o[lrDecay], weightDecay: o[weightDecay], epsilon: o[eps],
                        initialAccumulator: o[initialAccumulator])
            }))
    }
}
