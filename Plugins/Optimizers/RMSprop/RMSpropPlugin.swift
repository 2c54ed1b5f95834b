import RNNKit

/// Registers `rmsprop` (`torch.optim.RMSprop`).
public enum RMSpropPlugin: RNNPlugin {
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
            options: [
                OptionSpec("lr", number: 0...100, default: 0.01, help: "learning rate (step size)"),
                OptionSpec("alpha", number: 0...1, default: 0.99, help: "smoothing constant of the running mean square"),
                OptionSpec("eps", number: 0...1, default: 1e-8, help: "added to the root mean square to avoid dividing by zero"),
                OptionSpec("weight_decay", number: 0...1, default: 0, help: "L2 penalty: adds weight_decay·θ to the gradient"),
                OptionSpec("momentum", number: 0...1, default: 0, help: "momentum on the normalised step (0: none)"),
                OptionSpec("centered", flag: false, help: "divide by the running variance (mean gradient subtracted)"),
            ],
            make: { o in
                RMSprop(learningRate: o.number("lr") ?? 0.01, alpha: o.number("alpha") ?? 0.99,
                        epsilon: o.number("eps") ?? 1e-8, weightDecay: o.number("weight_decay") ?? 0,
                        momentum: o.number("momentum") ?? 0, centered: o.flag("centered"))
            }))
    }
}
