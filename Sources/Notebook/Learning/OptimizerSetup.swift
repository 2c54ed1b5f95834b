import RNNKit

// Building and describing the session's optimizer, shared by `optimizer` and `train`.

/// `adam lr=0.01 beta1=0.8`: the optimizer, its learning rate and every
/// option that differs from its default.
func describe(_ choice: OptimizerChoice) -> String {
    let settings = choice.descriptor.options.compactMap { spec -> String? in
        if spec.key == "lr" { return "lr=\(Double(choice.optimizer.learningRate).formatted)" }
        guard let value = choice.options[spec.key], value != spec.defaultValue else { return nil }
        return "\(spec.key)=\(value)"
    }
    return ([choice.descriptor.name] + settings).joined(separator: " ")
}

/// Builds the optimizer `name` with options from `arguments`.
func makeOptimizer(_ name: String, range: Range<Int>, options arguments: ArraySlice<Argument>, line: ParsedLine,
                   session: Session) throws(CommandError) -> OptimizerChoice {
    guard let d = session.registry.optimizer(named: name) else {
        let names = session.registry.optimizers.map(\.name)
        let hint = closestMatch(to: name, in: names).map { "did you mean '\($0)'?" } ?? "optimizers: \(names.joined(separator: ", "))"
        throw CommandError("unknown optimizer '\(name)' (\(hint))", at: range)
    }
    let options = try line.options(arguments, specs: d.options, context: "optimizer \(d.name)")
    do {
        return OptimizerChoice(descriptor: d, options: options, optimizer: try d.make(options))
    } catch {
        throw CommandError("cannot build optimizer \(d.name): \(describeError(error))", at: range)
    }
}
