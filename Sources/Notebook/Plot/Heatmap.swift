import Foundation

extension Heatmap {
    /// At most `maxRows` rows and `maxColumns` columns: neighbours averaged
    /// in equal bins (ignoring NaN), with a note saying so.
    func binned(maxRows: Int, maxColumns: Int) -> Heatmap {
        var out = self
        let columnCount = columnLabels.count
        if columnCount > maxColumns, maxColumns > 0 {
            let k = (columnCount + maxColumns - 1) / maxColumns
            let bins = stride(from: 0, to: columnCount, by: k).map { $0..<min($0 + k, columnCount) }
            out.values = values.map { row in bins.map { mean(row[$0]) } }
            out.columnLabels = bins.map { columnLabels[$0.lowerBound] }
            out.notes.append("columns averaged in groups of \(k) (\(columnCount) in all)")
        }
        if rows.count > maxRows, maxRows > 0 {
            let k = (rows.count + maxRows - 1) / maxRows
            let bins = stride(from: 0, to: rows.count, by: k).map { $0..<min($0 + k, rows.count) }
            out.values = bins.map { bin in (0..<out.columnLabels.count).map { c in mean(bin.map { out.values[$0][c] }[...]) } }
            out.rows = bins.map { bin in
                let first = rows[bin.lowerBound], last = rows[bin.upperBound - 1]
                let label = first.group == last.group ? "\(first.label)–\(last.label)" : "\(first.label)–\(last.group) \(last.label)"
                return Row(group: first.group, label: label)
            }
            out.notes.append("rows averaged in groups of \(k) (\(rows.count) in all)")
        }
        return out
    }

    private func mean(_ xs: ArraySlice<Double>) -> Double {
        let finite = xs.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }

    /// The heatmap as terminal lines of exactly `width` columns (not
    /// counting colour codes). With colour, each character is two rows
    /// (`▀`, foreground the upper row, background the lower); without, one
    /// row per line in the ramp ` ░▒▓█`. A colour scale (or the ramp's
    /// bands) with numbers goes underneath.
    func terminalLines(width requestedWidth: Int, depth: ColorDepth) -> [String] {
        let width = max(requestedWidth, 30)
        let labelWidth = (rows.map(\.group.count).max() ?? 0) + (rows.map(\.label.count).max() ?? 0) * 2 + 3
        let fitted = binned(maxRows: depth == .none ? 64 : 128, maxColumns: max(8, width - labelWidth - 1))
        return fitted.drawn(width: width, depth: depth)
    }

    /// `terminalLines` once the grid fits.
    private func drawn(width: Int, depth: ColorDepth) -> [String] {
        let colour = depth != .none
        let groupWidth = rows.map(\.group.count).max() ?? 0

        // Display rows: with half blocks, each group starts on a fresh line.
        var displayRows: [Int?] = []
        for (i, row) in rows.enumerated() {
            if colour, i > 0, rows[i - 1].group != row.group, displayRows.count % 2 == 1 { displayRows.append(nil) }
            displayRows.append(i)
        }
        if colour, displayRows.count % 2 == 1 { displayRows.append(nil) }
        let perLine = colour ? 2 : 1
        let lineCount = displayRows.count / perLine
        var rowLabels: [(group: String, unit: String)] = []
        for line in 0..<lineCount {
            let members = displayRows[(line * perLine)..<((line + 1) * perLine)].compactMap { $0 }
            guard let first = members.first else { rowLabels.append(("", "")); continue }
            let last = members[members.count - 1]
            let startsGroup = first == 0 || rows[first - 1].group != rows[first].group
            let unit = first == last ? rows[first].label : "\(rows[first].label),\(rows[last].label)"
            rowLabels.append((startsGroup ? rows[first].group : "", unit))
        }
        let unitWidth = rowLabels.map(\.unit.count).max() ?? 0
        let margin = (groupWidth > 0 ? groupWidth + 1 : 0) + unitWidth + 1
        let columnCount = columnLabels.count
        let available = max(1, width - margin - 1)
        // Cells near square: a half-block cell is about as wide as one column (two rows share a line),
        // a ramp cell fills a whole line, about two columns tall; at most twice that wide. Column labels
        // that do not fit under their cells go in a numbered key.
        let square = colour ? 1 : 2
        let cellWidth = max(1, min(available / max(columnCount, 1), 2 * square))

        func colorStyle(_ v: Double, background: Bool) -> String {
            scale.color(v).sgr(background: background, depth: depth)
        }
        var lines: [String] = []
        // The title, whole: over the cells when it fits there, else from column 0, wrapped at spaces.
        let titleIndent = title.count <= width - margin ? margin : 0
        for piece in wrap(title, width: width, indent: String(repeating: " ", count: titleIndent)) {
            var head = StyledLine(depth: depth)
            head.append(String(repeating: " ", count: titleIndent))
            head.append(String(piece.dropFirst(titleIndent).prefix(max(0, width - titleIndent))), style: "1")
            lines.append(head.finished(columns: width))
        }

        for line in 0..<lineCount {
            var out = StyledLine(depth: depth)
            let label = rowLabels[line]
            if groupWidth > 0 { out.append(label.group + String(repeating: " ", count: groupWidth - label.group.count + 1)) }
            out.append(String(repeating: " ", count: unitWidth - label.unit.count) + label.unit + " ")
            let upper = displayRows[line * perLine], lower = colour ? displayRows[line * perLine + 1] : nil
            for c in 0..<columnCount {
                let cell = String(repeating: " ", count: cellWidth)
                let u = upper.map { values[$0][c] }.flatMap { $0.isFinite ? $0 : nil }
                let l = lower.map { values[$0][c] }.flatMap { $0.isFinite ? $0 : nil }
                if !colour {
                    out.append(u.map { String(repeating: String(scale.rampCharacter($0)), count: cellWidth) } ?? cell)
                    continue
                }
                switch (u, l) {
                case let (u?, l?):
                    out.append(String(repeating: "▀", count: cellWidth), style: colorStyle(u, background: false) + ";" + colorStyle(l, background: true))
                case let (u?, nil):
                    out.append(String(repeating: "▀", count: cellWidth), style: colorStyle(u, background: false))
                case let (nil, l?):
                    out.append(String(repeating: "▄", count: cellWidth), style: colorStyle(l, background: false))
                case (nil, nil):
                    out.append(cell)
                }
            }
            lines.append(out.finished(columns: width))
        }

        // Column labels: each under its cell when they fit, else every few columns plus a key.
        var labelChars = Array(repeating: Character(" "), count: width)
        let fits = columnLabels.allSatisfy { $0.count < cellWidth || ($0.count == cellWidth && cellWidth == 1) }
        var key: [String] = []
        if fits {
            for (c, label) in columnLabels.enumerated() {
                let start = margin + c * cellWidth + (cellWidth - label.count) / 2
                for (i, ch) in label.enumerated() where start + i < width { labelChars[start + i] = ch }
            }
        } else {
            let numbers = columnLabels.allSatisfy { Double($0) != nil }
            let shown = numbers ? columnLabels : (1...max(columnCount, 1)).map(String.init)
            // Every `step`-th column, a round step wide enough for the longest label: evenly spaced.
            let longest = shown.map(\.count).max() ?? 1
            let step = Self.labelStep(cellWidth: cellWidth, labelWidth: longest)
            var nextFree = 0
            for (c, label) in shown.enumerated().prefix(columnCount) where c % step == 0 {
                let start = margin + c * cellWidth
                guard start >= nextFree, start + label.count <= width else { continue }
                for (i, ch) in label.enumerated() { labelChars[start + i] = ch }
                nextFree = start + label.count + 1
            }
            if !numbers {
                key = wrap(zip(shown, columnLabels).map { "\($0) \($1)" }.joined(separator: " · "), width: width, indent: "  ")
            }
        }
        var labelLine = StyledLine(depth: depth); labelLine.append(String(labelChars))
        lines.append(labelLine.finished(columns: width))
        var xLine = StyledLine(depth: depth)
        let plotWidth = columnCount * cellWidth
        xLine.append(String(repeating: " ", count: max(0, min(width - xLabel.count, margin + (plotWidth - xLabel.count) / 2))))
        xLine.append(String(xLabel.prefix(max(0, width - xLine.width))))
        lines.append(xLine.finished(columns: width))
        for k in key { var l = StyledLine(depth: depth); l.append(String(k.prefix(width))); lines.append(l.finished(columns: width)) }

        // The scale: a colour bar between its end values, or the ramp's bands.
        let f = NumberFormat(precision: 2)
        var legend = StyledLine(depth: depth)
        legend.append(String(repeating: " ", count: min(margin, 4)))
        if colour {
            let low = f.format(scale.low), high = f.format(scale.high)
            // The bar shrinks (to 4) before the note goes; nothing wraps.
            let note = scale.kind == .diverging ? "  (0 in the middle)" : ""
            let room = width - 1 - legend.width - low.count - high.count - 2
            let barWidth = max(4, min(32, room - (room - note.count >= 4 ? note.count : 0)))
            legend.append(low + " ")
            for i in 0..<barWidth {
                let v = scale.low + (scale.high - scale.low) * (Double(i) + 0.5) / Double(barWidth)
                legend.append("█", style: colorStyle(v, background: false))
            }
            legend.append(" " + high)
            if !note.isEmpty, legend.width + note.count < width { legend.append(note) }
        } else {
            // The band edges between the ramp's characters: `-1 [ ] -0.6 [░] -0.2 [▒] 0.2 [▓] 0.6 [█] 1`.
            let edges = scale.rampEdges
            var text = f.format(edges[0])
            for (i, ch) in Palette.ramp.enumerated() { text += " [\(ch)] " + f.format(edges[i + 1]) }
            legend.append(String(text.prefix(max(0, width - legend.width))))
        }
        lines.append(legend.finished(columns: width))
        for note in notes {
            for piece in wrap(note, width: width, indent: "  ") {
                var l = StyledLine(depth: depth); l.append(String(piece.prefix(width))); lines.append(l.finished(columns: width))
            }
        }
        return lines
    }

    /// Label every `step`-th column, `step` the smallest of 1, 2, 5, 10, 20, 50… whose span
    /// (`step` cells) holds the widest label and a space.
    static func labelStep(cellWidth: Int, labelWidth: Int) -> Int {
        var step = 1
        var k = 0
        while step * max(cellWidth, 1) < labelWidth + 1 && step < 1_000_000 {
            k += 1
            step = [1, 2, 5][k % 3] * Int(pow(10.0, Double(k / 3)))
        }
        return step
    }
}
