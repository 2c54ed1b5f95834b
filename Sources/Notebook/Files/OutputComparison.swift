import RNNKit
/// Compares recorded and new output: text exactly (runs of spaces count as
/// one, so column alignment may shift), numbers within a relative tolerance,
/// so float noise between platforms does not fail a check but an edited
/// number does.
public struct OutputComparison: Sendable {
    /// |a - b| ≤ relative · max(|a|, |b|) + absolute.
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 1e-3, absolute: Double = 1e-5) {
        self.relative = relative
        self.absolute = absolute
    }

    public func outputsMatch(_ recorded: [String], _ actual: [String]) -> Bool {
        recorded.count == actual.count && zip(recorded, actual).allSatisfy { linesMatch($0, $1) }
    }

    public func linesMatch(_ a: String, _ b: String) -> Bool {
        let ta = Self.pieces(a), tb = Self.pieces(b)
        guard ta.count == tb.count else { return false }
        for (x, y) in zip(ta, tb) {
            switch (x, y) {
            case (.text(let s), .text(let t)): if s != t { return false }
            case (.number(let u), .number(let v)):
                if abs(u - v) > relative * max(abs(u), abs(v)) + absolute { return false }
            default: return false
            }
        }
        return true
    }

    enum Piece: Equatable { case text(String), number(Double) }

    /// Splits a line into numbers and the text between them (spaces collapsed).
    static func pieces(_ line: String) -> [Piece] {
        var out: [Piece] = []
        var text = ""
        let chars = Array(line)
        var i = 0
        func flush() {
            let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if !collapsed.isEmpty { out.append(.text(collapsed)) }
            text = ""
        }
        while i < chars.count {
            if let (value, next) = number(chars, at: i) {
                flush()
                out.append(.number(value))
                i = next
            } else {
                text.append(chars[i])
                i += 1
            }
        }
        flush()
        return out
    }

    /// A number starting at `i` (not inside a word: `l0`, `x2` stay text).
    static func number(_ chars: [Character], at i: Int) -> (Double, Int)? {
        if i > 0, chars[i - 1].isLetter || chars[i - 1] == "_" || chars[i - 1].isNumber { return nil }
        var j = i
        if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
        let digitsStart = j
        while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
        if j < chars.count, chars[j] == ".", j + 1 < chars.count, chars[j + 1].isASCII, chars[j + 1].isNumber {
            j += 1
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
        }
        guard j > digitsStart else { return nil }
        if j < chars.count, chars[j] == "e" || chars[j] == "E" {
            var k = j + 1
            if k < chars.count, chars[k] == "-" || chars[k] == "+" { k += 1 }
            let expStart = k
            while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
            if k > expStart { j = k }
        }
        if j < chars.count, chars[j].isLetter || chars[j] == "_" { return nil }
        guard let value = Double(String(chars[i..<j])) else { return nil }
        return (value, j)
    }
}
