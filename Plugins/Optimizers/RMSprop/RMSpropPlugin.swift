import RNNKit

/// Registers `rmsprop` (`torch.optim.RMSprop`).
public enum RMSpropPlugin: RNNPlugin {
    static let lr = Option("lr", number: 0...100, default: 0.01, help: "learning rate (step size)")
    static let alpha = Option("alpha", number: 0...1, default: 0.99, help: "smoothing constant of the running mean square")
    static let eps = Option("eps", number: 0...1, default: 1e-8, help: "added to the root mean square to avoid dividing by zero")
    static let weightDecay = Option("weight_decay", number: 0...1, default: 0, help: "L2 penalty: adds weight_decay·θ to the gradient")
    static let momentum = Option("momentum", number: 0...1, default: 0, help: "momentum on the normalised step (0: none)")
    static let centered = Option("centered", flag: false, help: "divide by the running variance (mean gradient subtracted)")

    public static func register(in registry: inout Registry) {
        registry.register(optimizer: OptimizerDescriptor(
            name: "rmsprop",
            summary: "RMSprop: steps divided by a running RMS of the gradients (torch.optim.RMSprop)",
            details: """
                g ← g + weight_decay · θ;  v ← alpha · v + (1 − alpha) · g²
                d ← √v + eps   (centered: m ← alpha · m + (1 − alpha) · g,  d ← √(v − m²) + eps)
                θ ← θ − lr · g / d   (momentum > 0: b ← momentum · b + g / d,  θ ← θ − lr · b)
                Defaults as torch.optim.RMSprop.
                """,
            options: [lr.spec, alpha.spec, eps.spec, weightDecay.spec, momentum.spec, centered.spec],
            make: { o in
                RMSprop(learningRate: o[lr], alpha: o[alpha], epsilon: o[eps], weightDecay: o[weightDecay],
                        momentum: o[momentum], centered: o[centered])
            }))
    }
}
