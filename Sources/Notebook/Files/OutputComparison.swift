import RNNKit
/// Compares recorded and new output: text exactly (runs of spaces count as
/// one, so column alignment may shift), numbers within a relative tolerance,
/// so float noise between platforms does not fail a check but an edited
/// number does. A run of lines recorded with `#>~` is machine-dependent: it
/// stands for one or more lines whose text is not compared (a plot may gain
/// a row on another CPU), as doctest's ELLIPSIS does.
public struct OutputComparison: Sendable {
    /// The default relative tolerance (`rnnbook check --rtol`).
    public static let defaultRelative = 1e-3
    /// The default absolute tolerance, for numbers near zero.
    public static let defaultAbsolute = 1e-5

    /// |a - b| ≤ relative · max(|a|, |b|) + absolute.
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = OutputComparison.defaultRelative, absolute: Double = OutputComparison.defaultAbsolute) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Whether `actual` matches a command's recorded output, every line compared.
    public func outputsMatch(_ recorded: [String], _ actual: [String]) -> Bool {
        outputsMatch(RecordedCommand(text: "", line: 0, output: recorded), actual)
    }

    /// Whether `actual` matches `recorded`'s output, its `#>~` runs standing for any lines.
    public func outputsMatch(_ recorded: RecordedCommand, _ actual: [String]) -> Bool {
        align(recorded, actual) != nil
    }

    /// For each line of `actual`, whether it fell in a machine-dependent run
    /// of `recorded`; nil when `actual` does not match. With `textOnly`,
    /// exact lines match whatever their numbers (to carry the marks over to
    /// a re-recorded output whose numbers changed).
    public func align(_ recorded: RecordedCommand, _ actual: [String], textOnly: Bool = false) -> [Bool]? {
        // Segments: an exact line, or a run of `#>~` lines (one or more actual lines).
        var segments: [String?] = []
        for (i, line) in recorded.output.enumerated() {
            if recorded.machineDependent.contains(i) {
                if segments.last.map({ $0 == nil }) != true { segments.append(nil) }
            } else {
                segments.append(line)
            }
        }
        // matches[s][j]: segments s... match actual lines j...; filled from the end.
        let n = segments.count, m = actual.count
        var matches = Array(repeating: Array(repeating: false, count: m + 1), count: n + 1)
        matches[n][m] = true
        for s in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m, through: 0, by: -1) {
                if let exact = segments[s] {
                    let same = j < m && (textOnly ? Self.textPieces(exact) == Self.textPieces(actual[j]) : linesMatch(exact, actual[j]))
                    matches[s][j] = same && matches[s + 1][j + 1]
                } else {
                    // A run takes actual[j] and then either ends or goes on.
                    matches[s][j] = j < m && (matches[s + 1][j + 1] || matches[s][j + 1])
                }
            }
        }
        guard matches[0][0] else { return nil }
        var loose: [Bool] = []
        var s = 0, j = 0
        while j < m {
            if segments[s] != nil { loose.append(false); s += 1; j += 1; continue }
            loose.append(true)
            // End the run here if the rest matches without it (shortest run), else extend it.
            if matches[s + 1][j + 1] { s += 1 }
            j += 1
        }
        return loose
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

    /// A line's text without its numbers.
    static func textPieces(_ line: String) -> [String] {
        pieces(line).compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }

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
