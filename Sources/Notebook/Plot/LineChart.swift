import Foundation

extension LineChart {
    /// Lines of a Braille chart, exactly `height` lines of exactly `width`
    /// columns (at least 8 × 30; colour codes not counted): a title line (with the y label at
    /// the left), the plot with y tick labels, the x axis with its ticks and
    /// label, and a legend. Without colour, series differ by marker (when the
    /// points are few enough to mark) and by dashing.
    func terminalLines(width requestedWidth: Int, height requestedHeight: Int, depth: ColorDepth) -> [String] {
        let width = max(requestedWidth, 30), height = max(requestedHeight, 8)
        let plotRows = height - 5
        let yAxis = axes(xTicks: 5, yTicks: max(2, min(plotRows / 3 + 1, 8))).y
        let labelWidth = yAxis.labels.map(\.count).max() ?? 1
        let axisColumn = labelWidth + 1
        let plotColumns = width - axisColumn - 3
        let xAxis = axes(xTicks: max(2, min(plotColumns / 10, 12)), yTicks: 2).x

        var canvas = BrailleCanvas(columns: plotColumns, rows: plotRows)
        func dotX(_ x: Double) -> Int { Int((xAxis.fraction(x) * Double(canvas.dotWidth - 1)).rounded()) }
        func dotY(_ y: Double) -> Int { Int(((1 - yAxis.fraction(y)) * Double(canvas.dotHeight - 1)).rounded()) }
        func usable(_ y: Double) -> Bool { y.isFinite && (!logY || y > 0) }

        // Reference lines first, so the data draws over them.
        for (k, reference) in references.enumerated() {
            let x = dotX(reference.x)
            canvas.line(from: (x, 0), to: (x, canvas.dotHeight - 1), series: series.count + k) { $0 % 2 == 0 }
        }
        let marked = series.allSatisfy { $0.xs.count <= max(plotColumns / 3, 1) }
        var overlay: [Int: (Character, Int)] = [:]
        for (s, line) in series.enumerated() {
            let dashed: (Int) -> Bool
            switch depth == .none ? s % 3 : 0 {
            case 1: dashed = { $0 % 4 < 2 }
            case 2: dashed = { $0 % 3 == 0 }
            default: dashed = { _ in true }
            }
            var previous: (Int, Int)?
            for (x, y) in zip(line.xs, line.ys) {
                guard usable(y) else { previous = nil; continue }
                let point = (dotX(x), dotY(y))
                if let p = previous { canvas.line(from: p, to: point, series: s, pattern: dashed) } else { canvas.set(point.0, point.1, series: s) }
                previous = point
                if marked { overlay[(point.1 / 4) * plotColumns + point.0 / 2] = (Palette.markers[s % Palette.markers.count], s) }
            }
        }

        func style(_ owner: Int) -> String {
            let color = owner < series.count ? Palette.series[owner % Palette.series.count] : Palette.reference
            return color.sgr(background: false, depth: depth)
        }
        var tickRows: [Int: String] = [:]
        for (v, label) in zip(yAxis.ticks, yAxis.labels) { tickRows[min(plotRows - 1, max(0, dotY(v) / 4))] = label }

        var lines: [String] = []
        // Title, with the y label over the tick labels.
        // A title wider than the plot starts at column 0 and wraps at spaces: it is never cut.
        let titleStart = title.count <= plotColumns ? axisColumn + (plotColumns - title.count) / 2
            : title.count <= width - axisColumn ? axisColumn : 0
        let titleLines = wrap(title, width: width - titleStart, indent: "")
        var head = StyledLine(depth: depth)
        if yLabel.count + 2 <= titleStart || title.isEmpty { head.append(String(yLabel.prefix(width))) }
        if head.width < titleStart { head.append(String(repeating: " ", count: titleStart - head.width)) }
        head.append(String((titleLines.first ?? "").prefix(max(0, width - head.width))), style: "1")
        lines.append(head.finished(columns: width))
        for piece in titleLines.dropFirst() {
            var more = StyledLine(depth: depth)
            more.append(String(repeating: " ", count: titleStart))
            more.append(String(piece.prefix(max(0, width - titleStart))), style: "1")
            lines.append(more.finished(columns: width))
        }

        for r in 0..<plotRows {
            var line = StyledLine(depth: depth)
            let label = tickRows[r] ?? ""
            line.append(String(repeating: " ", count: labelWidth - label.count) + label + " ")
            line.append(tickRows[r] == nil ? "│" : "┤")
            for c in 0..<plotColumns {
                if let (mark, owner) = overlay[r * plotColumns + c] {
                    line.append(String(mark), style: style(owner))
                } else if canvas.isEmpty(column: c, row: r) {
                    line.append(" ")
                } else {
                    let (ch, owner) = canvas.cell(column: c, row: r)
                    line.append(String(ch), style: owner.map(style) ?? "")
                }
            }
            lines.append(line.finished(columns: width))
        }

        // The x axis, its tick labels and its label.
        var axisChars = Array(String(repeating: " ", count: axisColumn) + "└" + String(repeating: "─", count: plotColumns))
        var tickText = Array(repeating: Character(" "), count: width)
        var nextFree = 0
        for (v, label) in zip(xAxis.ticks, xAxis.labels) {
            let column = axisColumn + 1 + dotX(v) / 2
            if column < axisChars.count { axisChars[column] = "┬" }
            // Centred under its tick, or left out: a label pushed aside would name the wrong place.
            let start = min(column - label.count / 2, width - label.count)
            guard start >= nextFree, start >= 0 else { continue }
            for (i, ch) in label.enumerated() { tickText[start + i] = ch }
            nextFree = start + label.count + 1
        }
        var axisLine = StyledLine(depth: depth); axisLine.append(String(axisChars))
        var tickLine = StyledLine(depth: depth); tickLine.append(String(tickText))
        lines.append(axisLine.finished(columns: width))
        lines.append(tickLine.finished(columns: width))
        var xLabelLine = StyledLine(depth: depth)
        xLabelLine.append(String(repeating: " ", count: max(0, axisColumn + 1 + (plotColumns - xLabel.count) / 2)))
        xLabelLine.append(String(xLabel.prefix(max(0, width - xLabelLine.width))))
        lines.append(xLabelLine.finished(columns: width))

        // The legend: a sample of each line (marker or dash style) and its name.
        var legend = StyledLine(depth: depth)
        legend.append(String(repeating: " ", count: axisColumn + 1))
        var items: [(sample: String, text: String, owner: Int)] = series.enumerated().map { s, line in
            let sample = marked ? String(Palette.markers[s % Palette.markers.count])
                : Palette.lineSamples[depth == .none ? s % 3 : 0]
            return (sample, line.name, s)
        }
        items += references.enumerated().map { k, reference in ("┊", reference.label, series.count + k) }
        for (i, item) in items.enumerated() {
            let needed = (i > 0 ? 3 : 0) + item.sample.count + 1 + item.text.count
            guard legend.width + needed <= width else { break }
            if i > 0 { legend.append("   ") }
            legend.append(item.sample, style: style(item.owner))
            legend.append(" " + item.text)
        }
        let scaleNote = logY ? "   (\(yLabel.isEmpty ? "y" : yLabel): log scale)" : ""
        if legend.width + scaleNote.count <= width { legend.append(scaleNote) }
        lines.append(legend.finished(columns: width))
        return lines
    }
}
