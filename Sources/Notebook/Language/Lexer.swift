import RNNKit
/// Splits a command line into tokens. `#` starts a comment (outside quotes).
///
/// A run of word characters is a number when the whole run reads as one
/// (`-1e-3`, `2`, `.5`), else a word (`2nd`, `one-hot`, `out.weight`,
/// `../x.rnn`). Numbers must be finite: `1e999` and `nan` are refused here,
/// with a caret, rather than becoming infinities in a weight matrix.
public enum Lexer {
    static let punctuation: Set<Character> = ["[", "]", ",", "=", ";", "\"", "#"]

    public static func tokenize(_ line: String) throws(CommandError) -> [Token] {
        let chars = Array(line)
        if let bad = chars.firstIndex(where: { controlCharacterName($0) != nil }), let name = controlCharacterName(chars[bad]) {
            throw CommandError("a control character (\(name)) in the line: type it again without it", at: bad..<bad + 1)
        }
        var tokens: [Token] = []
        var i = 0
        var spaceBefore = true
        while i < chars.count {
            let ch = chars[i]
            if ch.isWhitespace { i += 1; spaceBefore = true; continue }
            if ch == "#" { break }
            let start = i
            // Comparisons (`>=`, `<=`, `==`, `!=`, for `expect`) are one word; a lone `<` or `>` stays
            // part of a word, so `<unk>` is still one.
            if "<>!=".contains(ch), i + 1 < chars.count, chars[i + 1] == "=" {
                tokens.append(Token(kind: .word(String(chars[i...i + 1])), range: i..<i + 2, spaceBefore: spaceBefore))
                i += 2
                spaceBefore = false
                continue
            }
            switch ch {
            case "[": tokens.append(Token(kind: .leftBracket, range: i..<i + 1, spaceBefore: spaceBefore)); i += 1
            case "]": tokens.append(Token(kind: .rightBracket, range: i..<i + 1, spaceBefore: spaceBefore)); i += 1
            case ",": tokens.append(Token(kind: .comma, range: i..<i + 1, spaceBefore: spaceBefore)); i += 1
            case "=": tokens.append(Token(kind: .equals, range: i..<i + 1, spaceBefore: spaceBefore)); i += 1
            case ";": tokens.append(Token(kind: .semicolon, range: i..<i + 1, spaceBefore: spaceBefore)); i += 1
            case "\"", "'":
                // Double quotes anywhere; single quotes when they open a token (so `don't` stays a word).
                let quote = ch
                var text = ""
                i += 1
                var closed = false
                while i < chars.count {
                    let c = chars[i]
                    if c == quote { closed = true; i += 1; break }
                    if c == "\\", i + 1 < chars.count {
                        let n = chars[i + 1]
                        switch n {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        default: text.append(n)
                        }
                        i += 2
                        continue
                    }
                    text.append(c)
                    i += 1
                }
                guard closed else { throw CommandError("unterminated string: add a closing \(quote)", at: start..<chars.count) }
                tokens.append(Token(kind: .string(text), range: start..<i, spaceBefore: spaceBefore))
            default:
                while i < chars.count, !chars[i].isWhitespace, !punctuation.contains(chars[i]) { i += 1 }
                let text = String(chars[start..<i])
                tokens.append(Token(kind: try classify(text, range: start..<i), range: start..<i, spaceBefore: spaceBefore))
            }
            spaceBefore = false
        }
        return tokens
    }

    /// The name of a control character other than tab (`NUL`, `U+001B`), or
    /// nil. Such a byte would cut a number short (`1\u{0}2` read as 1) or
    /// hide in the terminal, so a line holding one is refused.
    static func controlCharacterName(_ ch: Character) -> String? {
        guard ch != "\t", let scalar = ch.unicodeScalars.first, scalar.properties.generalCategory == .control else { return nil }
        if scalar.value == 0 { return "NUL" }
        return "U+" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count)) + String(scalar.value, radix: 16, uppercase: true)
    }

    /// A number if the whole run reads as a finite decimal number, else a word.
    static func classify(_ text: String, range: Range<Int>) throws(CommandError) -> Token.Kind {
        guard let first = text.unicodeScalars.first else { return .word(text) }
        let lower = text.lowercased()
        let body = (first == "-" || first == "+") ? String(lower.dropFirst()) : lower
        if ["inf", "infinity", "nan"].contains(body) {
            throw CommandError("'\(text)' is not a finite number", at: range)
        }
        let looksNumeric = body.first.map { $0.isASCII && ($0.isNumber || $0 == ".") } ?? false
        guard looksNumeric, !body.hasPrefix("0x"), !text.contains(".."), let value = Double(text) else { return .word(text) }
        // A number of 100,000 digits is named by its start: the caret shows where it is.
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        guard value.isFinite, abs(value) <= Double(Float.greatestFiniteMagnitude) else {
            throw CommandError("number \(shown) is too large (the limit is about 3.4e38, Float32's)", at: range)
        }
        // `1e-400` is 0 as a Double too: only a number whose digits are all 0 may be 0.
        let mantissa = body.prefix { $0 != "e" }
        let isZero = !mantissa.contains { $0.isASCII && $0.isNumber && $0 != "0" }
        guard isZero || abs(value) >= Double(Float.leastNormalMagnitude) else {
            throw CommandError("number \(shown) is too small for Float32 (it would become 0 or lose precision; the limit is about 1.2e-38)", at: range)
        }
        return .number(value)
    }
}
