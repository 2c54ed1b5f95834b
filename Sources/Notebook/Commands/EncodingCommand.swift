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
        guard let d = registry.encoding(named: name) else {
            let names = registry.encodings.map(\.name)
            let hint = closestMatch(to: name, in: names).map { "did you mean '\($0)'?" } ?? "encodings: \(names.joined(separator: ", "))"
            throw CommandError("unknown encoding '\(name)' (\(hint))", at: range)
        }
        let options = try line.options(line.arguments.dropFirst(), specs: d.options, context: "encoding \(d.name)")
        let choice = try session.makeEncoding(d, options: options, at: range)
        session.encodingChoice = choice
        return CommandResult(["encoding \(d.name): \(choice.encoding.dimension) dimensions"])
    }

    func completions(after words: [String], in session: Session) -> [String] {
        guard let first = words.first else { return session.registry.encodings.map(\.name) }
        return optionSpecs(after: [first], in: session).map { $0.defaultValue == .flag(false) ? $0.key : $0.key + "=" }
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] {
        words.first.flatMap { session.registry.encoding(named: $0)?.options } ?? []
    }
}

/// `encode WORD…` shows each word's vector.
struct EncodeCommand: Command {
    let name = "encode"
    let synopsis = "encode WORD…"
    let summary = "show each word's vector (a sparse view when it is wide)"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard !line.arguments.isEmpty else { throw CommandError("encode which words? e.g. encode Taipei", at: line.endRange) }
        let encoding = try session.requireEncoding(at: line.commandRange)
        var out: [String] = []
        for arg in line.arguments {
            guard case .value(let value, let range) = arg, let word = value.optionText, value.isWordLike else {
                throw CommandError("expected a word", at: arg.range)
            }
            _ = range
            let v = encoding.encode(word)
            out.append(word + "  " + render(v, encoding: encoding, format: session.format))
            out += encoding.notes(for: word).map { "  " + $0 }
        }
        return CommandResult(out)
    }

    /// Dense `[0, 0, 1]` when narrow, else `dim N, k non-zero: label=value …`.
    func render(_ v: SparseVector, encoding: any Encoding, format: NumberFormat) -> String {
        if v.dimension <= 16 {
            return "[" + v.dense.data.map { format.format($0) }.joined(separator: ", ") + "]"
        }
        let shown = v.entries.prefix(12).map { "\(encoding.label(ofIndex: $0.index))=\(format.format($0.value))" }
        let more = v.entries.count > 12 ? " …" : ""
        return "dim \(v.dimension), \(v.entries.count) non-zero: " + shown.joined(separator: " ") + more
    }
}

extension Value {
    /// Words, strings and numbers can all stand for a word (`2nd`, `"New York"`, `2`).
    var isWordLike: Bool {
        switch self {
        case .word, .string, .number: return true
        case .vector, .matrix: return false
        }
    }
}
