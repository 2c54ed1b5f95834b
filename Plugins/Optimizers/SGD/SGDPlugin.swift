import RNNKit

/// Registers `sgd`, `momentum` and `nesterov`: one update rule
/// (`torch.optim.SGD`) offered under three names, each with only the
/// options that make sense for it.
public enum SGDPlugin: RNNPlugin {
    static let lr = Option("lr", number: 0...100, default: 0.001, help: "learning rate (step size)")
    static let weightDecay = Option("weight_decay", number: 0...1, default: 0,
                                    help: "L2 penalty: adds weight_decay·θ to the gradient")
    static let momentum = Option("momentum", number: 0...1, default: 0.9,
                                 help: "momentum factor: how much of the previous update is kept")
    static let dampening = Option("dampening", number: 0...1, default: 0,
                                  help: "dampening: the new gradient enters the buffer scaled by 1-dampening")

    public static func register(in registry: inout Registry) {
        registry.register(optimizer: OptimizerDescriptor(
            name: "sgd",
            summary: "plain stochastic gradient descent (torch.optim.SGD)",
            details: """
                θ ← θ − lr · (g + weight_decay · θ)
                Defaults as torch.optim.SGD.
                """,
            options: [lr.spec, weightDecay.spec],
            make: { o in SGD(learningRate: o[lr], weightDecay: o[weightDecay]) }))
        registry.register(optimizer: OptimizerDescriptor(
            name: "momentum",
            summary: "SGD with (heavy-ball) momentum (torch.optim.SGD momentum=0.9)",
            details: """
                g ← g + weight_decay · θ
                b ← g on the first step, then b ← momentum · b + (1 − dampening) · g
                θ ← θ − lr · b
                PyTorch's form: lr multiplies the buffer, not each gradient entering it.
                """,
            options: [lr.spec, momentum.spec, dampening.spec, weightDecay.spec],
            make: { o in SGD(learningRate: o[lr], momentum: o[momentum], dampening: o[dampening], weightDecay: o[weightDecay]) }))
        registry.register(optimizer: OptimizerDescriptor(
            name: "nesterov",
            summary: "SGD with Nesterov momentum (torch.optim.SGD nesterov=True)",
            details: """
                g ← g + weight_decay · θ
                b ← g on the first step, then b ← momentum · b + g
                θ ← θ − lr · (g + momentum · b)
                Needs momentum > 0 (and no dampening, as in PyTorch).
                """,
            options: [lr.spec, momentum.spec, weightDecay.spec],
            make: { o throws(OptionError) in
                let mu = o[momentum]
                guard mu > 0 else {
                    throw .badValue(key: momentum.key, value: mu.formatted, expected: "above 0 for Nesterov momentum")
                }
                return SGD(learningRate: o[lr], momentum: mu, weightDecay: o[weightDecay], nesterov: true)
            }))
    }
}
