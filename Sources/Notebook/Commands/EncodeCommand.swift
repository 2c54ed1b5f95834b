import RNNKit

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
        if v.entries.isEmpty { return "dim \(v.dimension), all zero" }
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
