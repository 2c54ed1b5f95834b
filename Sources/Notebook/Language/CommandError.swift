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

    /// `error: MESSAGE`, then the line with a caret under the token.
    public func render(line: String) -> [String] {
        var out = ["error: \(message)"]
        guard let range, !line.isEmpty else { return out }
        let chars = Array(line)
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
func displayWidth<S: Sequence>(_ chars: S) -> Int where S.Element == Character {
    chars.reduce(0) { total, ch in
        guard let v = ch.unicodeScalars.first?.value else { return total }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return total + (wide ? 2 : 1)
    }
}
