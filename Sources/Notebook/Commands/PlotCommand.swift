import Foundation
import RNNKit

/// `plot WHAT [to FILE.svg]`: the loss curve, gates/memory/hidden heatmaps
/// over the last run, a weight matrix, per-step gradient norms, or the loss
/// along one weight — in the terminal (Braille lines, half-block heatmaps)
/// or as an SVG file.
struct PlotCommand: Command {
    let name = "plot"
    let synopsis = "plot WHAT [to FILE.svg | FILE.csv] [force]"
    let summary = "plot loss, gates, memory, hidden, gradnorm, weights NAME, surface NAME[i,j] FROM..TO or attention (`help plot`)"
    let details = """
        plot loss                          train (and validation) loss per epoch, over every `train` since `net`
        plot gates                         heatmap of every gate of every unit over the time steps of the last
                                           `run`/`step` (the values the cell records as gates); first sequence of the batch
        plot memory                        the memory cells over time, for a cell that keeps them (c_l0, c_l1… for deep nets)
        plot hidden                        the hidden state h over time
        plot gradnorm                      ‖∂L/∂h_t‖ per time step of the last training batch (first layer):
                                           vanishing or exploding gradients at a glance; log scale when it spans decades
        plot weights weight_hh_l0          a parameter as a heatmap (a vector is one row); stacked gate rows grouped by gate
        plot surface weight_hh_l0[0,0] -2..2
                                           the training loss as that one weight moves from -2 to 2, all else fixed:
                                           the lecture's rough error surface (41 points; points=N). The weight is
                                           put back afterwards; needs data (`data …`)
        plot attention                     where an encoder–decoder (`net seq2seq attention=…`) looked in its last
                                           `predict`: a row per output token, a column per input token
        plot loss to loss.svg              any plot as an SVG file instead (same plot, same bytes)
        plot gates to gates.csv            its numbers instead: a header row, then a row per x (epoch, time step…)
        In the terminal: Braille line charts and `▀` heatmaps as wide as the window, coloured when colour
        is on (24-bit with COLORTERM=truecolor, else 256 colours). Without colour, markers and dashes tell
        lines apart and heatmaps use the ramp ` ░▒▓█`, its bands' edges printed underneath.
        `set units N` limits the units shown per gate in the terminal; an SVG file, and `export`, show every unit. Notebooks keep the plain 80-column version of a plot;
        `export FILE.html` keeps every plot as SVG.
        """

    static let kinds = ["loss", "gates", "memory", "hidden", "gradnorm", "weights", "surface", "attention"]
    static let points = Option("points", int: 3...401, default: 41, help: "weight values evaluated along the range")

    /// A plot, ready to draw either way.
    enum Figure {
        case line(LineChart)
        case heatmap(Heatmap)

        var svg: String {
            switch self {
            case .line(let chart): return chart.svg()
            case .heatmap(let map): return map.svg()
            }
        }

        /// The plotted numbers as CSV (`CSVWriter`): a header, then a row per x.
        var csv: String {
            switch self {
            case .line(let chart): return chart.csv()
            case .heatmap(let map): return map.csv()
            }
        }

        /// The plot for a terminal `width` columns wide, trailing blanks trimmed (notebooks stay tidy).
        func terminalLines(width: Int, depth: ColorDepth) -> [String] {
            let lines: [String]
            switch self {
            case .line(let chart): lines = chart.terminalLines(width: width, height: max(12, min(24, width / 5 + 2)), depth: depth)
            case .heatmap(let map): lines = map.terminalLines(width: width, depth: depth)
            }
            return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        }
    }

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard !line.arguments.isEmpty else {
            throw CommandError("plot what? one of \(Self.kinds.joined(separator: ", ")) (`help plot`)", at: line.endRange)
        }
        let (kind, kindRange) = try line.word(at: 0, expected: "what to plot: \(Self.kinds.joined(separator: ", "))")
        guard Self.kinds.contains(kind) else {
            let hint = closestMatch(to: kind, in: Self.kinds).map { "did you mean '\($0)'?" } ?? "one of \(Self.kinds.joined(separator: ", "))"
            throw CommandError("unknown plot '\(kind)' (\(hint))", at: kindRange)
        }
        // A trailing `to FILE.svg`.
        var arguments = line.arguments
        var target: (path: String, range: Range<Int>)?
        var readOnly = ReadOnlyFiles.refuse(hint: forceHint)
        if let toIndex = arguments.firstIndex(where: { if case .value(.word("to"), _) = $0 { return true } else { return false } }) {
            let (path, range) = try line.path(at: toIndex + 1)
            if try line.force(at: toIndex + 2, usage: "plot \(kind) … to FILE.svg [force]") { readOnly = .overwrite }
            guard path.lowercased().hasSuffix(".svg") || path.lowercased().hasSuffix(".csv") else {
                throw CommandError("plots are written as SVG (FILE.svg) or as their numbers (FILE.csv)", at: range)
            }
            target = (path, range)
            arguments = Array(arguments[..<toIndex])
        }
        let figure: Figure
        // A file shows every unit; `set units` is a terminal setting (see `probeHeatmap`).
        var fileFigure: Figure?
        switch kind {
        case "loss":
            try expectOnly(1, arguments, usage: "plot loss [to FILE.svg]")
            figure = try lossChart(session, at: kindRange)
        case "gates", "memory", "hidden":
            try expectOnly(1, arguments, usage: "plot \(kind) [to FILE.svg]")
            figure = try probeHeatmap(kind, session: session, limit: session.format.maxUnits, at: kindRange)
            fileFigure = try probeHeatmap(kind, session: session, limit: nil, at: kindRange)
        case "gradnorm":
            try expectOnly(1, arguments, usage: "plot gradnorm [to FILE.svg]")
            figure = try gradientChart(session, at: kindRange)
        case "attention":
            try expectOnly(1, arguments, usage: "plot attention [to FILE.svg]")
            figure = try attentionHeatmap(session, at: kindRange)
        case "weights":
            try expectOnly(2, arguments, usage: "plot weights NAME [to FILE.svg]")
            figure = try weightHeatmap(line, session: session, kindRange: kindRange)
        default:
            figure = try surfaceChart(line, arguments: arguments, session: session, kindRange: kindRange)
        }

        let svg = (fileFigure ?? figure).svg
        if let target, target.path.lowercased().hasSuffix(".csv") {
            let csv = (fileFigure ?? figure).csv
            try writeTextFile(csv, to: session.resolve(target.path), at: target.range, readOnly: readOnly)
            let rows = csv.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) } - 1
            var result = CommandResult(["wrote \(target.path) (\(kind) plot's numbers, \(rows) row\(rows == 1 ? "" : "s"))"])
            result.svg = svg
            return result
        }
        if let target {
            try writeTextFile(svg, to: session.resolve(target.path), at: target.range, readOnly: readOnly)
            var result = CommandResult(["wrote \(target.path) (\(kind) plot, \(svg.utf8.count) bytes)"])
            result.svg = svg
            return result
        }
        var result = CommandResult(figure.terminalLines(width: session.width, depth: session.colorDepth))
        // Notebooks keep the plain, 80-column plot, which is what replaying them prints.
        if session.colorDepth != .none || session.width != 80 {
            result.transcriptLines = figure.terminalLines(width: 80, depth: .none)
        }
        result.svg = svg
        return result
    }

    private func expectOnly(_ count: Int, _ arguments: [Argument], usage: String) throws(CommandError) {
        if arguments.count > count {
            throw CommandError("too many arguments; usage: \(usage)", at: arguments[count].range)
        }
    }

    // MARK: - The plots

    private func lossChart(_ session: Session, at range: Range<Int>) throws(CommandError) -> Figure {
        let history = session.lossHistory
        guard !history.isEmpty else { throw CommandError("no training yet: `train` first, then `plot loss`", at: range) }
        var series = [LineChart.Series(name: "train", xs: history.map { Double($0.epoch) }, ys: history.map(\.trainLoss))]
        let valid = history.filter { $0.validLoss != nil }
        if !valid.isEmpty {
            series.append(LineChart.Series(name: "validation", xs: valid.map { Double($0.epoch) }, ys: valid.map { $0.validLoss! }))
        }
        let unit: String
        if case .text? = session.data { unit = "loss per character" } else if case .pairs? = session.data { unit = "loss per token" } else { unit = "loss per word" }
        return .line(LineChart(title: "loss per epoch", xLabel: "epoch", yLabel: unit, series: series, integerX: true))
    }

    /// Gates, memory cells or hidden state over the last run; at most `limit`
    /// units per probe (the terminal's `set units`), every unit when nil (files).
    private func probeHeatmap(_ kind: String, session: Session, limit: Int?, at range: Range<Int>) throws(CommandError) -> Figure {
        let steps = session.lastProbes
        guard let first = steps.first else { throw CommandError("no run yet: `run …` or `step …` first", at: range) }
        let probeKind: ProbeKind = kind == "gates" ? .gate : kind == "memory" ? .memory : .hidden
        let chosen = first.filter { $0.kind == probeKind }
        let cell = session.network?.config.cell ?? "this net"
        guard !chosen.isEmpty else {
            switch probeKind {
            case .gate: throw CommandError("\(cell) has no gates to plot: try `plot hidden`", at: range)
            case .memory: throw CommandError("\(cell) has no memory cells to plot: try `plot hidden`", at: range)
            default: throw CommandError("the last run recorded no hidden state", at: range)
            }
        }
        var rows: [Heatmap.Row] = []
        var values: [[Double]] = []
        var cut: (shown: Int, of: Int)?
        for entry in chosen {
            let units = entry.value.cols
            let shown = limit.map { min($0, units) } ?? units
            if shown < units { cut = (shown, units) }
            for u in 0..<shown {
                rows.append(Heatmap.Row(group: entry.name, label: "\(u)"))
                values.append(steps.map { step in
                    guard let e = step.first(where: { $0.name == entry.name }), u < e.value.cols else { return .nan }
                    return Double(e.value[0, u])
                })
            }
        }
        let words = inputWords(steps, session: session)
        let columns = words ?? (1...steps.count).map(String.init)
        var named: [String] = []
        for entry in chosen where !named.contains("\(entry.baseName) \(entry.label)") {
            named.append("\(entry.baseName) \(entry.label)")
        }
        let legend = named.joined(separator: " · ")
        let what = kind == "gates" ? "gates" : kind == "memory" ? "memory cells" : "hidden state"
        var map = Heatmap(title: "\(what) over \(steps.count) step\(steps.count == 1 ? "" : "s"): \(legend)",
                          rows: rows, columnLabels: columns, values: values,
                          scale: kind == "gates" ? .sequential(0, 1) : .diverging(covering: values.flatMap { $0 }),
                          xLabel: words == nil ? "time step" : "input word (time →)", yLabel: "unit")
        if let cut { map.notes.append("units 0–\(cut.shown - 1) of \(cut.of) shown (`set units all` shows every unit)") }
        if steps.count == 1 { map.notes.append("one step: `run` a sequence to see values change over time") }
        return .heatmap(map)
    }

    /// The words fed at each step, when each input is one index of the session's encoding.
    private func inputWords(_ steps: [[Probes.Entry]], session: Session) -> [String]? {
        guard let encoding = session.encodingChoice?.encoding else { return nil }
        var words: [String] = []
        for step in steps {
            guard let x = step.first(where: { $0.kind == .input }), x.value.cols == encoding.dimension else { return nil }
            let row = x.value.row(0)
            let hot = row.indices.filter { row[$0] != 0 }
            guard hot.count == 1, row[hot[0]] == 1 else { return nil }
            words.append(encoding.label(ofIndex: hot[0]))
        }
        return words
    }

    private func gradientChart(_ session: Session, at range: Range<Int>) throws(CommandError) -> Figure {
        let norms = session.lastStepGradientNorms
        guard !norms.isEmpty else {
            throw CommandError("no gradients yet: `train` first (the norms come from its last batch)", at: range)
        }
        let positive = norms.filter { $0 > 0 && $0.isFinite }
        let spread = (positive.max() ?? 1) / (positive.min() ?? 1)
        let chart = LineChart(title: "‖∂L/∂h_t‖ per time step (last training batch, first layer)",
                              xLabel: "time step t", yLabel: "gradient norm",
                              series: [LineChart.Series(name: "‖∂L/∂h_t‖", xs: norms.indices.map { Double($0 + 1) }, ys: norms)],
                              logY: positive.count == norms.count && spread > 30, integerX: true)
        return .line(chart)
    }

    private func weightHeatmap(_ line: ParsedLine, session: Session, kindRange: Range<Int>) throws(CommandError) -> Figure {
        let net = try session.require((any Model).self, as: "a model", at: line.commandRange)
        let (name, range) = try line.word(at: 1, expected: "a parameter name, e.g. plot weights \(net.namedParameters.first?.name ?? "weight_hh_l0")")
        let p = try parameter(name, range: range, in: net)
        let m = p.value
        let gates = Self.gateRows(of: p, in: net)
        var rows: [Heatmap.Row] = (0..<(p.isVector ? 1 : m.rows)).map { r in
            if let gates { return Heatmap.Row(group: gates.names[r / gates.size], label: "\(r % gates.size)") }
            return Heatmap.Row(group: "", label: "\(r)")
        }
        let values: [[Double]] = p.isVector ? [m.data.map(Double.init)] : (0..<m.rows).map { m.row($0).map(Double.init) }
        let columnCount = values.first?.count ?? 0
        var columns = (0..<columnCount).map(String.init)
        var xLabel = p.isVector ? "element" : "column"
        // A tag-by-input table (an HMM's emissions) reads its columns as the encoding's, as the first layer does.
        let tagByInput = (net as? any TagIndexedParameters).map { $0.tagAxes(of: name) == (true, false) } ?? false
        let inputColumns = name.hasPrefix("weight_ih_l0") || (tagByInput && (net as? any SequenceModel)?.inputWidth == columnCount)
        if inputColumns, let encoding = session.encodingChoice?.encoding,
           encoding.dimension == columnCount, columnCount <= 200 {
            columns = (0..<columnCount).map { encoding.label(ofIndex: $0) }
            xLabel = "input (encoding index)"
        } else if name.hasPrefix("weight_hh") {
            xLabel = "from hidden unit"
        } else if name.hasPrefix("weight_ih") {
            xLabel = "from input"
        }
        var yLabel = gates == nil ? "row" : "gate, unit"
        // Tag-indexed axes (an HMM's or a CRF's transitions) are labelled with the data's tag names.
        if let axes = (net as? any TagIndexedParameters)?.tagAxes(of: name), let tags = session.data?.classNames {
            if axes.rows, !p.isVector, m.rows == tags.count { rows = tags.map { Heatmap.Row(group: "", label: $0) }; yLabel = "from tag" }
            if axes.columns, columnCount == tags.count { columns = tags; xLabel = axes.rows ? "to tag" : "tag" }
        }
        let norm = m.norm
        let map = Heatmap(title: "\(name) \(NumberFormat.shape(p.shape)), norm \(session.format.format(norm))",
                          rows: rows, columnLabels: columns, values: values,
                          scale: .diverging(covering: values.flatMap { $0 }), xLabel: xLabel, yLabel: yLabel)
        return .heatmap(map)
    }

    /// The gate names of a matrix whose rows stack one block per gate (the
    /// cell's declared `gateNames`, PyTorch's layout), with the block size;
    /// nil for a vector, the output layer, or a cell without stacked gates.
    static func gateRows(of p: Parameter, in model: any Model) -> (names: [String], size: Int)? {
        guard !p.isVector, let net = model as? Network,
              let cell = net.cells.joined().first(where: { $0.parameters.contains { $0 === p } }) else { return nil }
        let names = cell.gateNames, size = cell.outputSize
        return !names.isEmpty && p.shape[0] == names.count * size ? (names, size) : nil
    }

    private func surfaceChart(_ line: ParsedLine, arguments: [Argument], session: Session, kindRange: Range<Int>) throws(CommandError) -> Figure {
        let net = try session.require((any GradientTrainable).self, as: "a model trained by gradient", at: line.commandRange)
        let example = "plot surface \(net.namedParameters.first.map { $0.parameter.isVector ? "\($0.name)[0]" : "\($0.name)[0,0]" } ?? "weight_hh_l0[0,0]") -2..2"
        guard arguments.count >= 2 else { throw CommandError("which weight? e.g. \(example)", at: line.endRange) }
        let name: String, indices: [Int], targetRange: Range<Int>
        switch arguments[1] {
        case .indexed(let n, let i, let r): (name, indices, targetRange) = (n, i, r)
        case .value(.word(let n), let r):
            _ = try parameter(n, range: r, in: net)
            throw CommandError("one weight: add its indices, e.g. \(n)[0,0]", at: r)
        default: throw CommandError("expected one weight, e.g. \(example)", at: arguments[1].range)
        }
        let p = try parameter(name, range: targetRange, in: net)
        let (r, c) = try parameterElement(indices, of: p, name: name, range: targetRange)
        guard arguments.count >= 3 else { throw CommandError("over what range? add FROM..TO, e.g. -2..2", at: line.endRange) }
        guard case .value(.word(let text), let rangeRange) = arguments[2], let (from, to) = Self.parseRange(text) else {
            throw CommandError("expected a range FROM..TO, e.g. -2..2", at: arguments[2].range)
        }
        guard from < to else { throw CommandError("the range must go up: FROM below TO, e.g. -2..2", at: rangeRange) }
        let options = try line.options(arguments[3...], specs: [Self.points.spec], context: "plot surface")
        let count = options[Self.points]
        let data = try TrainingData(session: session, model: net, at: kindRange)
        var none: SeededGenerator? = nil
        let batches = data.batches(data.train, size: session.evaluationShape.batch, bptt: session.evaluationShape.bptt, shuffle: &none)
        let original = p.value[r, c]
        defer { p.value[r, c] = original }
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<count {
            let w = from + (to - from) * Double(k) / Double(count - 1)
            p.value[r, c] = Float(w)
            xs.append(w)
            ys.append(try networkCall(at: kindRange) { () throws(CellError) in try net.meanLoss(batches, layout: data.layout) })
            if session.isCancelled() {
                throw CommandError("stopped (Ctrl-C) after \(k + 1) of \(count) points; the weight is unchanged", at: kindRange)
            }
        }
        guard ys.contains(where: \.isFinite) else {
            throw CommandError("the loss is not finite anywhere in \(text): try a narrower range", at: rangeRange)
        }
        let target = p.isVector ? "\(name)[\(c)]" : "\(name)[\(r),\(c)]"
        let unit: String
        if case .text? = session.data { unit = "loss per character" } else if case .pairs? = session.data { unit = "loss per token" } else { unit = "loss per word" }
        var chart = LineChart(title: "training loss along \(target), every other weight fixed", xLabel: target, yLabel: unit,
                              series: [LineChart.Series(name: "training loss", xs: xs, ys: ys)])
        if Double(original) >= from && Double(original) <= to {
            chart.references = [LineChart.Reference(x: Double(original), label: "now \(session.format.format(original))")]
        }
        return .line(chart)
    }

    /// `-2..2` as (-2, 2).
    static func parseRange(_ text: String) -> (Double, Double)? {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, !parts[1].hasPrefix("."), !parts[0].hasSuffix("."),
              let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite else { return nil }
        return (a, b)
    }


    // MARK: - Completion

    func completions(after words: [String], in session: Session) -> [String] {
        guard let kind = words.first else { return Self.kinds }
        if words.last == "to" { return [] }
        if let to = words.lastIndex(of: "to"), to == words.count - 2 { return ["force"] }
        let parameters = session.model?.namedParameters.map(\.name) ?? []
        if words.count == 1, kind == "weights" { return parameters }
        if words.count == 1, kind == "surface" { return parameters.map { $0 + "[" } }
        if words.contains("to") { return [] }
        if kind == "surface", words.count == 2 { return ["-2..2", "-1..1"] }
        return kind == "surface" ? ["points=", "to"] : ["to"]
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] {
        words.first == "surface" ? [Self.points.spec] : []
    }

    func completesFilePath(after words: [String]) -> Bool { words.last == "to" }
}
