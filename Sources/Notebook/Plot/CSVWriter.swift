/// A plot's numbers as CSV (RFC 4180 quoting, `\n` line ends), for
/// matplotlib, pandas or a spreadsheet: a header row, then one row per x.
enum CSVWriter {
    /// One field: quoted when it holds a comma, a quote or a line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number in its shortest exact form: `3` for a whole number, a
    /// Float32 value (weights, gates) as Float32 prints it (`0.82554`, not
    /// its 17-digit Double widening); NaN and infinities as empty fields.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return "\(Int64(x))" }
        if let f = Float(exactly: x) { return "\(f)" }
        return "\(x)"
    }

    /// Rows of fields as the file's text.
    static func text(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }
}

extension LineChart {
    /// `x,SERIES…`: one row per x any series has (sorted), a series without
    /// a value at that x left empty.
    func csv() -> String {
        let xs = Array(Set(series.flatMap(\.xs).filter(\.isFinite))).sorted()
        let lookup = series.map { s in Dictionary(zip(s.xs, s.ys), uniquingKeysWith: { first, _ in first }) }
        let header = [xLabel.isEmpty ? "x" : xLabel] + series.map { $0.name.isEmpty ? yLabel : $0.name }
        return CSVWriter.text([header] + xs.map { x in [CSVWriter.number(x)] + lookup.map { $0[x].map(CSVWriter.number) ?? "" } })
    }
}

extension Heatmap {
    /// `COLUMNS,ROW…`: one row per column of the heatmap (its x: a time step,
    /// a word, an input index), one column per row (`i 0`, `f 1`, …).
    func csv() -> String {
        let header = [xLabel.isEmpty ? "x" : xLabel] + rows.map { $0.group.isEmpty ? $0.label : "\($0.group) \($0.label)" }
        let body = columnLabels.indices.map { c in
            [columnLabels[c]] + values.indices.map { r in c < values[r].count ? CSVWriter.number(values[r][c]) : "" }
        }
        return CSVWriter.text([header] + body)
    }
}
