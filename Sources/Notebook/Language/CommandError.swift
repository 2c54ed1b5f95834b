import RNNKit
/// A command refused: one line naming the problem, and where in the line.
public struct CommandError: Error, Equatable, Sendable {
    public let message: String
    /// Character offsets of the offending token, if one is to blame.
    public let range: Range<Int>?

    public init(_ message: String, at range: Range<Int>? = nil) {
        self.message = message
        self.range = range
    }

    /// `error: MESSAGE`, then the line with a caret under the token. A long
    /// line is cut to a window around the token, tabs shown as spaces.
    public func render(line: String) -> [String] {
        var out = ["error: \(message)"]
        guard var range, !line.isEmpty else { return out }
        // Tabs as spaces; other control characters as their visible symbols (␀ for NUL).
        var chars = Array(line).map { ch -> Character in
            if ch == "\t" { return " " }
            guard Lexer.controlCharacterName(ch) != nil, let v = ch.unicodeScalars.first?.value else { return ch }
            return v < 0x20 ? Character(Unicode.Scalar(0x2400 + v) ?? "?") : v == 0x7F ? "␡" : "?"
        }
        let window = 76
        if chars.count > window {
            let tokenEnd = min(range.upperBound, range.lowerBound + window / 2)
            let start = max(0, min(range.lowerBound - 10, tokenEnd - window + 2))
            let end = min(chars.count, start + window)
            var cut = Array(chars[start..<end])
            var shift = start
            if start > 0 { cut.insert("…", at: 0); shift -= 1 }
            if end < chars.count { cut.append("…") }
            chars = cut
            range = (range.lowerBound - shift)..<min(range.upperBound - shift, chars.count)
        }
        let line = String(chars)
        let start = min(range.lowerBound, chars.count)
        let end = min(max(range.upperBound, start + 1), max(chars.count, start + 1))
        let pad = displayWidth(chars[0..<start])
        let underline = max(1, displayWidth(chars[start..<min(end, chars.count)]))
        out.append("  " + line)
        out.append("  " + String(repeating: " ", count: pad) + "^" + String(repeating: "~", count: underline - 1))
        return out
    }
}

/// Columns a run of characters takes in a terminal (East Asian wide and
/// fullwidth characters take two; tabs are counted as one).
public func displayWidth<S: Sequence>(_ chars: S) -> Int where S.Element == Character {
    chars.reduce(0) { total, ch in
        guard let v = ch.unicodeScalars.first?.value else { return total }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return total + (wide ? 2 : 1)
    }
}

/// Runs network code for a command, turning a cell plugin's mistake (a
/// `CellError` naming the cell and the operation) into this command's error
/// at `range`, so the session lives on.
func networkCall<T>(at range: Range<Int>?, _ body: () throws(CellError) -> T) throws(CommandError) -> T {
    do throws(CellError) { return try body() } catch { throw CommandError(error.message, at: range) }
}
