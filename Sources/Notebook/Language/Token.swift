import RNNKit
/// One lexical token of a command line, with where it came from.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A bare word: command names, parameter names, paths, `one-hot`, `*`.
        case word(String)
        /// A finite number: `2`, `-1e-3`, `.5`.
        case number(Double)
        /// A double-quoted string, escapes resolved.
        case string(String)
        case leftBracket, rightBracket, comma, equals, semicolon
    }

    public let kind: Kind
    /// Character offsets `[start, end)` in the line.
    public let range: Range<Int>
    /// True when whitespace (or the line start) comes right before this token.
    public let spaceBefore: Bool

    /// The word's text, if this is a word.
    public var word: String? { if case .word(let w) = kind { return w } else { return nil } }
}
