import Foundation

/// Builds an SVG document as text, deterministically: numbers with at most
/// two decimals, colours from the fixed palette, no ids, no timestamps —
/// the same plot always gives the same bytes. Text stays text (`<text>`).
struct SVGWriter {
    let width: Double
    let height: Double
    let title: String
    private var body: [String] = []

    /// A canvas of `width` × `height` user units with a white background.
    init(width: Double, height: Double, title: String) {
        self.width = width.rounded(.up)
        self.height = height.rounded(.up)
        self.title = title
        body.append("<rect x=\"0\" y=\"0\" width=\"\(Self.number(self.width))\" height=\"\(Self.number(self.height))\" fill=\"#ffffff\"/>")
    }

    /// `v` with at most two decimals and no trailing zeros: `12`, `3.5`, `-0.25`.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// `s` safe inside XML text and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0.
                if let v = ch.unicodeScalars.first?.value, v < 0x20, ch != "\n", ch != "\t" { continue }
                out.append(ch)
            }
        }
        return out
    }

    mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String, stroke: String? = nil) {
        let strokeText = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
        body.append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(w))\" height=\"\(Self.number(h))\" fill=\"\(fill)\"\(strokeText)/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width w: Double = 1, dash: String? = nil) {
        let dashText = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        body.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(w))\"\(dashText)/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width w: Double = 2, dash: String? = nil) {
        let dashText = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let text = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(text)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(w))\" stroke-linejoin=\"round\"\(dashText)/>")
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String) {
        body.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>")
    }

    /// Text at (x, y) (the baseline). `anchor` is start, middle or end; `rotate` in degrees about (x, y).
    mutating func text(_ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 12, bold: Bool = false,
                       rotate: Double? = nil, fill: String = "#222222") {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if size != 12 { attributes += " font-size=\"\(Self.number(size))\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if fill != "#222222" { attributes += " fill=\"\(fill)\"" }
        if let r = rotate { attributes += " transform=\"rotate(\(Self.number(r)) \(Self.number(x)) \(Self.number(y)))\"" }
        body.append("<text \(attributes)>\(Self.escape(s))</text>")
    }

    /// The document: an `<svg>` element with a viewBox and a `<title>`, ending in a newline.
    func finished() -> String {
        let w = Self.number(width), h = Self.number(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" "
            + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"#222222\">\n"
            + "<title>\(Self.escape(title))</title>\n" + body.joined(separator: "\n") + "\n</svg>\n"
    }

    /// About how wide `s` is in user units at `size`.
    static func textWidth(_ s: String, size: Double = 12) -> Double { Double(s.count) * size * 0.6 }
}

extension LineChart {
    /// The chart as an SVG document, 720 × 440.
    func svg() -> String {
        let width = 720.0, height = 440.0
        let (xAxis, yAxis) = axes(xTicks: 8, yTicks: 6)
        let yLabelWidth = (yAxis.labels.map { SVGWriter.textWidth($0, size: 11) }.max() ?? 20)
        let left = 34 + yLabelWidth, right = 24.0, top = 44.0, bottom = 88.0
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + xAxis.fraction(x) * plotW }
        func py(_ y: Double) -> Double { top + (1 - yAxis.fraction(y)) * plotH }
        var svg = SVGWriter(width: width, height: height, title: title)
        svg.text(title, x: left + plotW / 2, y: 24, anchor: "middle", size: 15, bold: true)
        // Grid, axes, ticks.
        for (v, label) in zip(yAxis.ticks, yAxis.labels) {
            svg.line(left, py(v), left + plotW, py(v), stroke: "#e6e6e6")
            svg.text(label, x: left - 6, y: py(v) + 4, anchor: "end", size: 11)
        }
        for (v, label) in zip(xAxis.ticks, xAxis.labels) {
            svg.line(px(v), top, px(v), top + plotH, stroke: "#f0f0f0")
            svg.line(px(v), top + plotH, px(v), top + plotH + 5, stroke: "#444444")
            svg.text(label, x: px(v), y: top + plotH + 18, anchor: "middle", size: 11)
        }
        svg.line(left, top, left, top + plotH, stroke: "#444444")
        svg.line(left, top + plotH, left + plotW, top + plotH, stroke: "#444444")
        svg.text(xLabel, x: left + plotW / 2, y: top + plotH + 38, anchor: "middle")
        svg.text(yLabel + (logY ? " (log scale)" : ""), x: 14, y: top + plotH / 2, anchor: "middle", rotate: -90)
        // References, then the data.
        for reference in references {
            svg.line(px(reference.x), top, px(reference.x), top + plotH, stroke: Palette.reference.hex, width: 1.5, dash: "4 4")
        }
        let marked = series.allSatisfy { $0.xs.count <= 60 }
        for (s, line) in series.enumerated() {
            let color = Palette.series[s % Palette.series.count].hex
            let dash = s % 3 == 1 ? "7 4" : s % 3 == 2 ? "2 3" : nil
            var run: [(Double, Double)] = []
            func flush() { if run.count > 1 { svg.polyline(run, stroke: color, dash: dash) }; run = [] }
            var points: [(Double, Double)] = []
            for (x, y) in zip(line.xs, line.ys) {
                guard y.isFinite, !logY || y > 0 else { flush(); continue }
                run.append((px(x), py(y)))
                points.append((px(x), py(y)))
            }
            flush()
            if marked || points.count == 1 { for p in points { svg.circle(p.0, p.1, radius: 3, fill: color) } }
        }
        // Legend, one row under the axis label.
        var x = left
        let y = height - 22
        for (s, line) in series.enumerated() {
            let color = Palette.series[s % Palette.series.count].hex
            svg.line(x, y - 4, x + 24, y - 4, stroke: color, width: 2, dash: s % 3 == 1 ? "7 4" : s % 3 == 2 ? "2 3" : nil)
            if marked { svg.circle(x + 12, y - 4, radius: 3, fill: color) }
            svg.text(line.name, x: x + 30, y: y)
            x += 46 + SVGWriter.textWidth(line.name)
        }
        for reference in references {
            svg.line(x, y - 4, x + 24, y - 4, stroke: Palette.reference.hex, width: 1.5, dash: "4 4")
            svg.text(reference.label, x: x + 30, y: y)
            x += 46 + SVGWriter.textWidth(reference.label)
        }
        return svg.finished()
    }
}

extension Heatmap {
    /// The heatmap as an SVG document: one rectangle per cell (at most 400
    /// rows and columns; more are averaged), row and column labels, and a
    /// colour bar with its numbers.
    func svg() -> String {
        let map = binned(maxRows: 400, maxColumns: 400)
        let rowCount = map.rows.count, columnCount = map.columnLabels.count
        let cellW = max(3, min(48, 560 / Double(max(columnCount, 1))))
        let cellH = max(3, min(22, 380 / Double(max(rowCount, 1))))
        let groupWidth = (map.rows.map { SVGWriter.textWidth($0.group, size: 11) }.max() ?? 0)
        let unitWidth = (map.rows.map { SVGWriter.textWidth($0.label, size: 10) }.max() ?? 0)
        let left = 16 + groupWidth + 8 + unitWidth + 6
        let top = 52.0
        let longestColumn = map.columnLabels.map { SVGWriter.textWidth($0, size: 10) }.max() ?? 0
        let rotated = longestColumn > cellW - 2
        let labelSpace = rotated ? min(longestColumn, 120) * 0.75 + 14 : 18
        let plotW = cellW * Double(columnCount), plotH = cellH * Double(rowCount)
        let width = max(left + plotW + 100, SVGWriter.textWidth(title, size: 15) + 40, 320)
        // Tall enough for the colour bar (at least 80 high) and its bottom number, even for one row.
        let height = max(top + plotH + labelSpace + 34 + 16 * Double(map.notes.count) + 10, top + max(plotH, 80) + 20)
        var svg = SVGWriter(width: width, height: height, title: title)
        svg.text(title, x: 16, y: 24, size: 15, bold: true)
        if !yLabel.isEmpty { svg.text(yLabel, x: 16, y: top - 10, size: 11, fill: "#555555") }

        for (r, row) in map.values.enumerated() {
            for (c, v) in row.enumerated() where v.isFinite {
                svg.rect(x: left + Double(c) * cellW, y: top + Double(r) * cellH, width: cellW, height: cellH, fill: map.scale.color(v).hex)
            }
        }
        // Row labels: a group's name at its middle, unit labels when rows are tall enough.
        var start = 0
        let unitEvery = max(1, Int((10 / cellH).rounded(.up)))
        for r in 0...rowCount {
            if r == rowCount || map.rows[r].group != map.rows[start].group {
                let middle = top + (Double(start) + Double(r - start) / 2) * cellH
                svg.text(map.rows[start].group, x: 16, y: middle + 4, size: 11, bold: true)
                if start > 0 { svg.line(left - 4, top + Double(start) * cellH, left + plotW, top + Double(start) * cellH, stroke: "#ffffff", width: 2) }
                start = r
            }
            if r < rowCount, (r - start) % unitEvery == 0 {
                svg.text(map.rows[r].label, x: left - 6, y: top + (Double(r) + 0.5) * cellH + 3.5, anchor: "end", size: 10, fill: "#555555")
            }
        }
        // Column labels, slanted when they do not fit.
        let columnEvery = rotated ? max(1, Int((12 / cellW).rounded(.up))) : 1
        for (c, label) in map.columnLabels.enumerated() where c % columnEvery == 0 {
            let x = left + (Double(c) + 0.5) * cellW
            if rotated {
                svg.text(label, x: x + 3, y: top + plotH + 10, anchor: "end", size: 10, rotate: -45)
            } else {
                svg.text(label, x: x, y: top + plotH + 14, anchor: "middle", size: 10)
            }
        }
        svg.text(xLabel, x: left + plotW / 2, y: top + plotH + labelSpace + 16, anchor: "middle")
        for (i, note) in map.notes.enumerated() {
            svg.text(note, x: 16, y: top + plotH + labelSpace + 36 + 16 * Double(i), size: 10, fill: "#555555")
        }
        // The colour bar: high at the top.
        let barX = left + plotW + 24, barH = max(plotH, 80), steps = 48
        for i in 0..<steps {
            let v = map.scale.high - (map.scale.high - map.scale.low) * (Double(i) + 0.5) / Double(steps)
            svg.rect(x: barX, y: top + barH * Double(i) / Double(steps), width: 14, height: barH / Double(steps) + 0.5, fill: map.scale.color(v).hex)
        }
        svg.rect(x: barX, y: top, width: 14, height: barH, fill: "none", stroke: "#888888")
        let f = NumberFormat(precision: 3)
        let marks = map.scale.kind == .diverging ? [map.scale.high, 0, map.scale.low]
            : [map.scale.high, (map.scale.high + map.scale.low) / 2, map.scale.low]
        for (i, v) in marks.enumerated() {
            let y = top + barH * Double(i) / 2
            svg.line(barX + 14, y, barX + 18, y, stroke: "#444444")
            svg.text(f.format(v), x: barX + 21, y: y + 4, size: 10)
        }
        return svg.finished()
    }
}
