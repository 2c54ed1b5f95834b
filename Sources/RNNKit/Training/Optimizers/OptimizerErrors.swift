/// An optimizer step refused its arguments (nothing was updated).
public enum OptimizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not one gradient per parameter.
    case gradientCount(parameters: Int, gradients: Int)
    /// A gradient with a different number of elements from its parameter.
    case gradientSize(parameter: String, expected: Int, got: Int)

    /// One line for the user.
    public var message: String {
        switch self {
        case .gradientCount(let p, let g):
            return "the optimizer was given \(p) parameter\(p == 1 ? "" : "s") and \(g) gradient\(g == 1 ? "" : "s")"
        case .gradientSize(let name, let expected, let got):
            return "the gradient of \(name) has \(got) element\(got == 1 ? "" : "s"), the parameter \(expected)"
        }
    }

    public var description: String { message }
}

/// A state dict `Optimizer.load(_:into:)` refused (the optimizer was left as it was).
public enum OptimizerStateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A name that is not one of the network's parameters.
    case unknownParameter(String, known: [String])
    /// A buffer whose shape is not its parameter's.
    case wrongShape(parameter: String, slot: OptimizerSlot, expected: [Int], got: [Int])
    /// A buffer this optimizer, as configured, does not keep.
    case unknownSlot(parameter: String, slot: OptimizerSlot, expected: [OptimizerSlot])
    /// A buffer this optimizer, as configured, needs and the state lacks.
    case missingSlot(parameter: String, slot: OptimizerSlot)
    /// A negative step count.
    case negativeStep(parameter: String, step: Int)
    /// A learning rate that is negative, infinite or not a number.
    case badLearningRate(Double)

    /// One line for the user.
    public var message: String {
        switch self {
        case .unknownParameter(let name, let known):
            return "optimizer state for '\(name)', which is not a parameter of this net (its parameters: \(known.joined(separator: ", ")))"
        case .wrongShape(let name, let slot, let expected, let got):
            return "optimizer state \(name).\(slot) is \(got), the parameter is \(expected)"
        case .unknownSlot(let name, let slot, let expected):
            let keeps = expected.isEmpty ? "keeps none" : "keeps " + expected.map(\.rawValue).joined(separator: ", ")
            return "optimizer state \(name).\(slot) is not kept by this optimizer (it \(keeps))"
        case .missingSlot(let name, let slot):
            return "optimizer state for \(name) has no \(slot), which this optimizer needs"
        case .negativeStep(let name, let step):
            return "optimizer state for \(name) has step \(step); a step count is 0 or more"
        case .badLearningRate(let lr):
            return "optimizer state has learning rate \(lr); it must be finite and 0 or more"
        }
    }

    public var description: String { message }
}
