import RNNKit
import Foundation

/// How numbers are printed: `precision` significant digits (`set precision N`),
/// trailing zeros dropped, so `2.0` prints as `2` and `0.123456` as `0.1235`.
public struct NumberFormat: Sendable, Equatable {
    public var precision: Int
    /// Most units shown per vector before it is summarised; nil shows all.
    public var maxUnits: Int?

    /// The significant digits `set precision` takes.
    public static let precisions = 1...17
    /// The units shown per vector `set units` takes (besides `all`).
    public static let unitCounts = 2...100_000

    public init(precision: Int = 4, maxUnits: Int? = 8) {
        self.precision = precision
        self.maxUnits = maxUnits
    }

    /// One number.
    public func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        if !x.isFinite { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        var s = String(format: "%.\(precision)g", x)
        if let e = s.firstIndex(of: "e") {
            var mantissa = String(s[..<e])
            let exponent = String(s[e...])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            s = mantissa + exponent
        } else if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    public func format(_ x: Float) -> String { format(Double(x)) }

    /// A vector `[a, b, c]`; past `maxUnits`, the first units, `…`, the last,
    /// and the unit count and norm.
    public func format(vector v: [Float]) -> String {
        if let limit = maxUnits, v.count > limit {
            let head = v.prefix(max(limit - 1, 1)).map { format($0) }
            let norm = v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return "[" + head.joined(separator: ", ") + ", …, " + format(v[v.count - 1]) + "]  (\(v.count) units, norm \(format(norm)))"
        }
        return "[" + v.map { format($0) }.joined(separator: ", ") + "]"
    }

    /// `format(vector:)` with fewer units shown, if need be, so the text fits
    /// in `columns` (never fewer than two; `set units all` shows everything).
    public func format(vector v: [Float], fitting columns: Int) -> String {
        let text = format(vector: v)
        guard let limit = maxUnits, displayWidth(Array(text)) > columns else { return text }
        // The shortened forms show u − 1 units, `…` and the last: their width grows with u, so the
        // most units that fit are found by bisection (a linear search from `set units 100000` took seconds).
        func shown(_ units: Int) -> String { NumberFormat(precision: precision, maxUnits: units).format(vector: v) }
        let top = min(limit, v.count) - 1
        guard top >= 2 else { return text }
        var (low, high) = (2, top)
        while low < high {
            let middle = (low + high + 1) / 2
            if displayWidth(Array(shown(middle))) <= columns { low = middle } else { high = middle - 1 }
        }
        return shown(low)
    }

    /// A matrix, one row per line, columns aligned.
    public func format(matrix m: Matrix) -> [String] {
        let cells = (0..<m.rows).map { r in m.row(r).map { format($0) } }
        let widths = (0..<m.cols).map { c in cells.map { $0[c].count }.max() ?? 0 }
        return cells.enumerated().map { r, row in
            let body = row.enumerated().map { c, s in String(repeating: " ", count: widths[c] - s.count) + s }
            let open = r == 0 ? "[[" : " ["
            let close = r == m.rows - 1 ? "]]" : "],"
            return open + body.joined(separator: ", ") + close
        }
    }

    /// A parameter's shape as PyTorch prints it: `[4, 3]`.
    public static func shape(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
}

/// Lays out rows of cells as a left-aligned table with two-space gaps.
public func table(_ rows: [[String]]) -> [String] {
    guard let width = rows.map(\.count).max() else { return [] }
    let cols = (0..<width).map { c in rows.map { c < $0.count ? displayWidth(Array($0[c])) : 0 }.max() ?? 0 }
    return rows.map { row in
        var line = ""
        for (c, cell) in row.enumerated() {
            line += cell
            if c < row.count - 1 { line += String(repeating: " ", count: cols[c] - displayWidth(Array(cell)) + 2) }
        }
        return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// `table(rows)` when it fits in `width` columns; otherwise each row's first
/// cell on its own line and the rest below it, indented and word-wrapped.
public func table(_ rows: [[String]], width: Int) -> [String] {
    let plain = table(rows)
    if plain.allSatisfy({ displayWidth(Array($0)) <= width }) { return plain }
    return rows.flatMap { row -> [String] in
        guard let first = row.first else { return [] }
        let rest = row.dropFirst().filter { !$0.isEmpty }.joined(separator: "  ")
        return [first] + wrap(rest, width: width, indent: String(repeating: " ", count: 6))
    }
}

/// Word-wraps `text` to `width` columns, every line starting with `indent`.
public func wrap(_ text: String, width: Int, indent: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var lines: [String] = []
    var current = indent
    for word in text.split(separator: " ") {
        if current.count > indent.count, displayWidth(Array(current)) + 1 + displayWidth(Array(word)) > width {
            lines.append(current)
            current = indent
        }
        current += (current.count > indent.count ? " " : "") + word
    }
    lines.append(current)
    return lines
}
