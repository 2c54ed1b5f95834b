import RNNKit

/// `encoding NAME [options]` chooses how words become vectors; bare lists them.
struct EncodingCommand: Command {
    let name = "encoding"
    let synopsis = "encoding [NAME key=value…]"
    let summary = "choose the word encoding plugin (one-hot, other, letter-hash, …); bare lists them"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let registry = session.registry
        guard !line.arguments.isEmpty else {
            let current = session.encodingChoice?.descriptor.name
            return CommandResult(["encodings (current: \(current ?? "none")):"]
                + table(registry.encodings.map { [($0.name == current ? "* " : "  ") + $0.name, $0.summary] }))
        }
        let (name, range) = try line.word(at: 0, expected: "an encoding name")
        let choice = try Self.choice(named: name, at: range, options: line.arguments.dropFirst(), of: line, in: session)
        let d = choice.descriptor
        session.encodingChoice = choice
        return CommandResult(["encoding \(d.name): \(choice.encoding.dimension) dimensions"])
    }

    /// Validates an encoding's name and `key=value` options (as typed after
    /// `encoding`) and builds it for the session's vocabulary, without
    /// choosing it. Shared by `encoding` and by `load model`, which reads the
    /// encoding from a file and must never run it as a command.
    static func choice(named name: String, at range: Range<Int>?, options arguments: ArraySlice<Argument>,
                       of line: ParsedLine, in session: Session) throws(CommandError) -> EncodingChoice {
        let registry = session.registry
        guard let d = registry.encoding(named: name) else {
            let names = registry.encodings.map(\.name)
            let hint = closestMatch(to: name, in: names).map { "did you mean '\($0)'?" } ?? "encodings: \(names.joined(separator: ", "))"
            throw CommandError("unknown encoding '\(name)' (\(hint))", at: range)
        }
        let options = try line.options(arguments, specs: d.options, context: "encoding \(d.name)")
        return try session.makeEncoding(d, options: options, at: range)
    }

    func completions(after words: [String], in session: Session) -> [String] {
        guard let first = words.first else { return session.registry.encodings.map(\.name) }
        return optionSpecs(after: [first], in: session).map { $0.defaultValue == .flag(false) ? $0.key : $0.key + "=" }
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] {
        words.first.flatMap { session.registry.encoding(named: $0)?.options } ?? []
    }
}
