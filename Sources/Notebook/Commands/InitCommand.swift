import RNNKit

/// `init [scheme] [seed=N] [std=X]` re-initialises every parameter.
struct InitCommand: Command {
    let name = "init"
    let synopsis = "init [pytorch|xavier|normal|zeros] [seed=N] [std=X]"
    let summary = "re-initialise every parameter reproducibly (and clear the memory)"
    let details = """
        pytorch  every parameter U(-1/√H, 1/√H), as torch.nn's recurrent layers (the default)
        xavier   Glorot uniform matrices, zero biases
        normal   N(0, std²) matrices (std=0.1 unless given), zero biases
        zeros    everything zero
        seed=N restarts the session's generator first, so `init seed=1` always gives the same weights.
        """
    static let seed = Option("seed", int: 0...9_007_199_254_740_992, help: "restart the generator from this seed")
    static let std = Option("std", number: 0...1e6, default: 0.1, help: "standard deviation for `normal`")
    static let specs = [seed.spec, std.spec]

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.require((any Model).self, as: "a model", at: line.commandRange)
        var rest = line.arguments[...]
        var schemeName = "pytorch"
        if case .value(.word(let w), let range)? = rest.first, !w.contains("=") {
            guard InitScheme.names.contains(w.lowercased()) else {
                let hint = closestMatch(to: w, in: InitScheme.names).map { " (did you mean '\($0)'?)" } ?? ""
                throw CommandError("unknown scheme '\(w)'\(hint); schemes: \(InitScheme.names.joined(separator: ", "))", at: range)
            }
            schemeName = w.lowercased()
            rest = rest.dropFirst()
        }
        let options = try line.options(rest, specs: Self.specs, context: "init")
        if schemeName != "normal", let std = line.arguments.first(where: { if case .option("std", _, _, _) = $0 { return true } else { return false } }) {
            throw CommandError("std= applies to `init normal` only", at: std.range)
        }
        let scheme: InitScheme
        switch schemeName {
        case "xavier": scheme = .xavier
        case "normal": scheme = .normal(std: options[Self.std])
        case "zeros": scheme = .zeros
        default: scheme = .pytorch
        }
        if let seed = options[Self.seed] { session.reseed(UInt64(seed)) }
        net.initialize(scheme, rng: &session.rng)
        session.resetMemory()
        if net is any CountTrainable {
            return CommandResult(["reset the \(net.parameterCount) numbers of the tables to untrained (a counted model has no \(schemeName) scheme; `train` counts again); memory cleared"])
        }
        return CommandResult(["initialised \(net.parameterCount) parameters (\(schemeName)); memory cleared"])
    }

    func completions(after words: [String], in session: Session) -> [String] {
        (words.isEmpty ? InitScheme.names : []) + ["seed=", "std="]
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] { Self.specs }
}
