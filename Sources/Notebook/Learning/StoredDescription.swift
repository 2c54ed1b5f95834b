import RNNKit

/// A description kept in a model file's metadata — the network
/// (`net elman in=2 hidden=2`) or the encoding (`letter-hash dim=100`) —
/// read as data: a first word and `key=value` options, never run as a
/// command. Whatever else the text is (another command, a blank, a comment,
/// brackets, several lines) is refused with a reason.
enum StoredDescription {
    /// The longest description read; rnnbook writes a few dozen characters.
    static let maximumLength = 1000

    /// Why a stored description was refused, as the end of one line.
    struct Refusal: Error {
        let reason: String
    }

    /// `text` split into its first word (`line.command`) and arguments.
    static func parse(_ text: String) throws(Refusal) -> ParsedLine {
        guard text.unicodeScalars.count <= maximumLength else {
            throw Refusal(reason: "it is \(text.unicodeScalars.count) characters long, more than the \(maximumLength) a description may be")
        }
        if text.unicodeScalars.contains(where: \.isLineBreakingOrControl) {
            throw Refusal(reason: "it holds control characters (a line break?): \(text.quotedForMessage())")
        }
        let tokens: [Token]
        do throws(CommandError) { tokens = try Lexer.tokenize(text) } catch {
            throw Refusal(reason: "\(error.message): \(text.quotedForMessage())")
        }
        // Options never hold vectors; refusing brackets up front also keeps the parser's nesting shallow.
        if tokens.contains(where: { $0.kind == .leftBracket || $0.kind == .rightBracket }) {
            throw Refusal(reason: "it holds brackets, which no option takes: \(text.quotedForMessage())")
        }
        let parsed: ParsedLine?
        do throws(CommandError) { parsed = try Parser.parse(text) } catch {
            throw Refusal(reason: "\(error.message): \(text.quotedForMessage())")
        }
        guard let parsed else { throw Refusal(reason: "it is empty or a comment: \(text.quotedForMessage())") }
        guard !parsed.quiet else { throw Refusal(reason: "it ends with ';': \(text.quotedForMessage())") }
        return parsed
    }
}
