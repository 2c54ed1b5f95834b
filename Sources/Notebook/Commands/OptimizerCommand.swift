import RNNKit

/// `optimizer NAME [options]` chooses the optimizer; `optimizer reset` clears its state.
struct OptimizerCommand: Command {
    let name = "optimizer"
    let synopsis = "optimizer [NAME key=value… | reset]"
    let summary = "choose the optimizer plugin (sgd, momentum, adam, …) and its settings; bare shows it"
    let details = """
        optimizer adam lr=0.01          a new optimizer (fresh state)
        optimizer reset                 forget its state (momenta, step count)
        `train lr=…` changes the learning rate and keeps the state; `train opt=NAME` switches optimizer.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard !line.arguments.isEmpty else {
            let current = session.optimizerChoice.map { describe($0) } ?? "none (train uses adam lr=0.01)"
            return CommandResult(["optimizer: \(current)"]
                + table(session.registry.optimizers.map { d in
                    ["  " + d.name, d.summary + "; " + d.options.map { "\($0.key)=\($0.defaultValue.map(\.description) ?? "…")" }.joined(separator: " ")]
                }, width: session.width))
        }
        if case .value(.word("reset"), _) = line.arguments[0] {
            try line.expectNoMore(after: 1, usage: "optimizer reset")
            guard let choice = session.optimizerChoice else { return CommandResult(["no optimizer yet: nothing to reset"]) }
            choice.optimizer.reset()
            return CommandResult(["\(choice.descriptor.name): state cleared"])
        }
        let (name, range) = try line.word(at: 0, expected: "an optimizer name")
        let choice = try makeOptimizer(name, range: range, options: line.arguments.dropFirst(), line: line, session: session)
        session.optimizerChoice = choice
        return CommandResult(["optimizer: " + describe(choice)])
    }

    func completions(after words: [String], in session: Session) -> [String] {
        guard !words.isEmpty else { return session.registry.optimizers.map(\.name) + ["reset"] }
        return optionSpecs(after: words, in: session).map { $0.key + "=" }
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] {
        words.first.flatMap { session.registry.optimizer(named: $0)?.options } ?? []
    }
}
