import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Notebook
import RNNKit

// MARK: - Helpers

/// Columns a plain (or coloured) line takes on screen.
private func columns(_ line: String) -> Int { displayWidth(Array(stripANSI(line))) }

/// A fresh temporary folder for files a test writes.
private func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-plot-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Whether `text` parses as XML.
private func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

/// A session with a trained LSTM on the slot-filling data and a run of the lecture's sentence.
private func trainedSession() -> Session {
    let s = makeSession()
    run(s, "data slots n=60", "net lstm hidden=4 out=auto", "train epochs=3", "run leave Taipei on November 2nd")
    return s
}

private let sampleChart = LineChart(
    title: "loss per epoch", xLabel: "epoch", yLabel: "loss",
    series: [LineChart.Series(name: "train", xs: [1, 2, 3, 4, 5], ys: [1.3, 1.1, 0.9, 0.8, 0.7]),
             LineChart.Series(name: "validation", xs: [1, 2, 3, 4, 5], ys: [1.2, 1.05, 0.95, 0.9, 0.88])],
    integerX: true)

private let sampleHeatmap = Heatmap(
    title: "gates <&>", rows: [Heatmap.Row(group: "i", label: "0"), Heatmap.Row(group: "i", label: "1"), Heatmap.Row(group: "f", label: "0")],
    columnLabels: ["1", "2", "3", "4", "5"],
    values: [[0, 0.25, 0.5, 0.75, 1], [1, 0.9, 0.1, 0.05, 0], [0.5, 0.5, 0.5, 0.5, 0.5]],
    scale: .sequential(0, 1), xLabel: "time step", yLabel: "unit")

// MARK: - Braille

@Test func brailleBitsFollowRowAndColumn() {
    let expected: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    for row in 0..<4 {
        for column in 0..<2 {
            var canvas = BrailleCanvas(columns: 1, rows: 1)
            canvas.set(column, row, series: 0)
            let (ch, owner) = canvas.cell(column: 0, row: 0)
            #expect(ch.unicodeScalars.first!.value == 0x2800 + UInt32(expected[row][column]))
            #expect(owner == 0)
        }
    }
    var full = BrailleCanvas(columns: 1, rows: 1)
    for row in 0..<4 { for column in 0..<2 { full.set(column, row, series: 1) } }
    #expect(full.cell(column: 0, row: 0).0 == "⣿")
    #expect(BrailleCanvas.character([[true, false], [false, false], [false, false], [false, true]]) == "⢁")
    // The second character of a row, the second row of characters.
    var canvas = BrailleCanvas(columns: 2, rows: 2)
    canvas.set(3, 4, series: 0)
    #expect(canvas.cell(column: 1, row: 1).0 == "⠈")
    #expect(canvas.isEmpty(column: 0, row: 0))
}

@Test func brailleLineIsContinuous() {
    var canvas = BrailleCanvas(columns: 4, rows: 1)
    canvas.line(from: (0, 0), to: (7, 3), series: 0)
    for c in 0..<4 { #expect(!canvas.isEmpty(column: c, row: 0)) }
}

// MARK: - Line charts

@Test(arguments: [(80, 18), (40, 10), (120, 24), (30, 8)])
func lineChartHasRequestedSize(width: Int, height: Int) {
    for depth in ColorDepth.allCases {
        let lines = sampleChart.terminalLines(width: width, height: height, depth: depth)
        #expect(lines.count == height)
        for line in lines { #expect(columns(line) == width, "\(depth): \(stripANSI(line))") }
    }
}

@Test func lineChartHasAxesTitleAndLegend() {
    let lines = sampleChart.terminalLines(width: 80, height: 18, depth: .none)
    let text = lines.joined(separator: "\n")
    #expect(lines[0].contains("loss per epoch"))
    #expect(lines[0].hasPrefix("loss"))
    #expect(text.contains("┤"))
    #expect(text.contains("└"))
    for label in ["1", "2", "3", "4", "5"] { #expect(lines[lines.count - 3].contains(label)) }
    #expect(lines[lines.count - 2].contains("epoch"))
    #expect(lines.last!.contains("• train"))
    #expect(lines.last!.contains("× validation"))
    // Y tick labels: the range 0.7…1.3 is covered by round numbers.
    #expect(text.contains("1.2"))
    #expect(text.contains("0.8"))
    #expect(!text.contains("\u{1B}"))
    // Braille dots are drawn.
    #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
}

@Test func lineChartColoursSeriesOnlyWhenAllowed() {
    let truecolor = sampleChart.terminalLines(width: 80, height: 18, depth: .truecolor).joined()
    #expect(truecolor.contains("\u{1B}[38;2;78;121;167m"))
    let ansi = sampleChart.terminalLines(width: 80, height: 18, depth: .ansi256).joined()
    #expect(ansi.contains("\u{1B}[38;5;"))
    #expect(!ansi.contains("38;2;"))
}

@Test func logAxisTicksArePowersOfTen() {
    let axis = Axis.logarithmic(covering: [0.002, 0.5, 30], ticks: 8)
    #expect(axis.log)
    #expect(axis.labels == ["0.001", "0.01", "0.1", "1", "10", "100"])
    #expect(abs(axis.fraction(0.01) - 0.2) < 1e-9)
    let chart = LineChart(title: "norms", xLabel: "t", yLabel: "norm",
                          series: [LineChart.Series(name: "g", xs: [1, 2, 3], ys: [1e-6, 1e-3, 1])], logY: true, integerX: true)
    let lines = chart.terminalLines(width: 60, height: 14, depth: .none)
    #expect(lines.count == 14)
    #expect(lines.joined().contains("1e-6"))
}

@Test func niceTicks() {
    let axis = Axis.linear(covering: [0.13, 0.92], ticks: 5)
    #expect(axis.low == 0 && axis.high == 1)
    #expect(axis.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let epochs = Axis.linear(covering: [1, 9], ticks: 5, integer: true, exact: true)
    #expect(epochs.labels == ["1", "3", "5", "7", "9"])
    let flat = Axis.linear(covering: [2, 2], ticks: 5)
    #expect(flat.low < 2 && flat.high > 2)
}

// MARK: - Heatmaps

@Test func heatmapWithoutColourUsesTheRamp() {
    let lines = sampleHeatmap.terminalLines(width: 60, depth: .none)
    let text = lines.joined(separator: "\n")
    #expect(!text.contains("\u{1B}"))
    #expect(!text.contains("▀"))
    // One line per row: the first row runs through the whole ramp.
    let first = lines[1]
    #expect(first.hasPrefix("i 0 "))
    for ch in ["░", "▒", "▓", "█"] { #expect(first.contains(ch)) }
    #expect(lines[3].hasPrefix("f 0 ▒"))
    // The scale names the bands' edges.
    #expect(text.contains("0 [ ] 0.2 [░] 0.4 [▒] 0.6 [▓] 0.8 [█] 1"))
    #expect(text.contains("time step"))
    for line in lines { #expect(columns(line) == 60) }
}

@Test func heatmapWithColourUsesHalfBlocks() {
    let lines = sampleHeatmap.terminalLines(width: 60, depth: .truecolor)
    let text = lines.joined(separator: "\n")
    #expect(text.contains("▀"))
    #expect(text.contains("\u{1B}[38;2;"))
    #expect(text.contains(";48;2;"))
    // Two rows of a group share a line; a new group starts a new line.
    #expect(stripANSI(lines[1]).hasPrefix("i 0,1 "))
    #expect(stripANSI(lines[2]).hasPrefix("f   0 "))
    for line in lines { #expect(columns(line) == 60) }
    let ansi = sampleHeatmap.terminalLines(width: 60, depth: .ansi256).joined()
    #expect(ansi.contains("\u{1B}[38;5;"))
}

@Test func wideHeatmapsAreAveraged() {
    let wide = Heatmap(title: "w", rows: [Heatmap.Row(group: "", label: "0")], columnLabels: (0..<500).map(String.init),
                       values: [(0..<500).map(Double.init)], scale: .diverging(covering: [500]), xLabel: "column", yLabel: "row")
    let lines = wide.terminalLines(width: 80, depth: .none)
    for line in lines { #expect(columns(line) == 80) }
    #expect(lines.joined().contains("columns averaged in groups of"))
}

@Test func colorScale() {
    let s = ColorScale.diverging(covering: [-2, 1])
    #expect(s.low == -2 && s.high == 2)
    #expect(s.color(0) == RGB(hex: 0xF7F7F7))
    #expect(s.color(-5) == RGB(hex: 0x2166AC))
    #expect(s.rampCharacter(0) == "▒")
    #expect(RGB(255, 255, 255).xterm256 == 231)
    #expect(RGB(0, 0, 0).xterm256 == 16)
    #expect(ColorDepth(colorEnabled: true, environment: ["COLORTERM": "truecolor"]) == .truecolor)
    #expect(ColorDepth(colorEnabled: true, environment: [:]) == .ansi256)
    #expect(ColorDepth(colorEnabled: false, environment: ["COLORTERM": "truecolor"]) == .none)
}

// MARK: - SVG

@Test func svgIsDeterministicAndWellFormed() {
    let a = sampleChart.svg(), b = sampleChart.svg()
    #expect(a == b)
    #expect(isWellFormedXML(a))
    #expect(a.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 440\""))
    #expect(a.contains("<title>loss per epoch</title>"))
    #expect(a.contains("<text"))
    #expect(a.contains(">validation</text>"))
    #expect(!a.contains("id="))
    let h = sampleHeatmap.svg()
    #expect(h == sampleHeatmap.svg())
    #expect(isWellFormedXML(h))
    #expect(h.contains("<title>gates &lt;&amp;&gt;</title>"))
    // Numbers have at most two decimals.
    let numbers = h.split(whereSeparator: { !"0123456789.-".contains($0) }).filter { $0.contains(".") && Double($0) != nil }
    #expect(!numbers.isEmpty)
    for n in numbers { #expect((n.split(separator: ".").last?.count ?? 0) <= 2, "\(n)") }
}

@Test func sessionPlotsGiveTheSameBytes() {
    let a = trainedSession(), b = trainedSession()
    for kind in ["loss", "gates", "memory", "hidden", "gradnorm", "weights weight_hh_l0"] {
        let x = a.execute("plot \(kind)"), y = b.execute("plot \(kind)")
        #expect(x.error == nil, "\(kind): \(x.output)")
        #expect(x.output == y.output)
        #expect(a.transcript.last?.svg == b.transcript.last?.svg)
        #expect(a.transcript.last?.svg.map(isWellFormedXML) == true)
    }
}

// MARK: - The command

@Test func plotCommandDrawsEveryKind() {
    let s = trainedSession()
    let loss = run(s, "plot loss")
    #expect(loss.count == 18)
    #expect(loss[0].contains("loss per epoch"))
    #expect(loss.last!.contains("validation"))
    let gates = run(s, "plot gates")
    let text = gates.joined(separator: "\n")
    #expect(text.contains("i input gate · f forget gate · o output gate"))
    #expect(text.contains("leave"))
    #expect(text.contains("Taipei"))
    #expect(gates.filter { $0.hasPrefix("i ") || $0.hasPrefix("f ") || $0.hasPrefix("o ") }.count == 3)
    #expect(run(s, "plot memory").joined().contains("c memory"))
    #expect(run(s, "plot hidden").joined().contains("h hidden"))
    #expect(run(s, "plot gradnorm")[0].contains("‖∂L/∂h_t‖"))
    let weights = run(s, "plot weights weight_hh_l0")
    #expect(weights[0].contains("weight_hh_l0 [16, 4]"))
    #expect(weights.contains { $0.hasPrefix("g 0 ") })
    #expect(run(s, "plot weights bias_ih_l0").count > 3)
    for line in loss + gates + weights { #expect(columns(line) <= 80) }
}

@Test func plotFollowsTheTerminalWidthAndKeepsNotebooksPlain() {
    let s = trainedSession()
    s.width = 120
    s.colorDepth = .truecolor
    let out = s.execute("plot loss").output
    #expect(out.allSatisfy { columns($0) <= 120 })
    #expect(out.contains { columns($0) > 100 })
    #expect(out.joined().contains("\u{1B}["))
    let kept = s.transcript.last!.output
    #expect(kept.allSatisfy { columns($0) <= 80 && !$0.contains("\u{1B}") && !$0.hasSuffix(" ") })
    #expect(kept.contains { columns($0) > 70 })
    s.width = 80
    s.colorDepth = .none
    #expect(s.execute("plot loss").output == kept)
}

@Test func surfaceRestoresTheWeight() throws {
    let s = trainedSession()
    let net = try #require(s.network)
    let before = net.namedParameters.map { $0.parameter.value }
    let out = run(s, "plot surface weight_hh_l0[0,1] -3..3 points=9")
    #expect(out[0].contains("weight_hh_l0[0,1]"))
    #expect(out.last!.contains("┊ now"))
    #expect(net.namedParameters.map { $0.parameter.value } == before)
    let svg = try #require(s.transcript.last?.svg)
    #expect(svg.contains("stroke-dasharray=\"4 4\""))
    #expect(isWellFormedXML(svg))
}

@Test func plotToFileWritesSVG() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let s = trainedSession()
    let path = folder.appendingPathComponent("loss.svg").path
    let out = run(s, "plot loss to \(path)")
    #expect(out.count == 1)
    #expect(out[0].hasPrefix("wrote \(path)"))
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(isWellFormedXML(written))
    #expect(written == s.transcript.last?.svg)
    run(s, "plot loss to \(path)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
}

@Test func exportWritesOnePageWithEveryPlot() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let s = trainedSession()
    run(s, "plot loss", "plot gates", "plot weights weight_ih_l0 to \(folder.appendingPathComponent("w.svg").path)")
    _ = s.execute("set units 3 # a comment with <tags> & \"quotes\"")
    let path = folder.appendingPathComponent("notebook.html").path
    let out = run(s, "export \(path)")
    #expect(out == ["exported \(s.transcript.count) commands and 3 plots to \(path)"])
    let page = try String(contentsOfFile: path, encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.components(separatedBy: "<svg ").count - 1 == 3)
    #expect(page.contains("# a comment with &lt;tags&gt; &amp; &quot;quotes&quot;"))
    #expect(!page.contains("<tags>"))
    #expect(page.contains("In [1]:</span> data slots n=60"))
    #expect(!page.contains("<script"))
    // The same session exports the same bytes; export itself is not in the transcript.
    run(s, "export \(path)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == page)
    #expect(!s.transcript.contains { $0.input.hasPrefix("export") })
}

@Test func htmlEscapesEverything() {
    let page = ExportCommand.html([TranscriptEntry(input: "vocab <b>&", output: ["a < b && c > d"], svg: nil)], title: "x<y>.html")
    #expect(page.contains("vocab &lt;b&gt;&amp;"))
    #expect(page.contains("a &lt; b &amp;&amp; c &gt; d"))
    #expect(page.contains("<title>x&lt;y&gt;.html</title>"))
}

@Test(arguments: [
    ("plot", "plot what?"),
    ("plot gatse", "did you mean 'gates'"),
    ("plot gates", "no run yet: `run …` or `step …` first"),
    ("plot memory", "no run yet"),
    ("plot loss", "no training yet"),
    ("plot gradnorm", "no gradients yet"),
    ("plot weights", "missing a parameter name"),
    ("plot weights wieght_hh_l0", "did you mean 'weight_hh_l0'"),
    ("plot surface weight_hh_l0[0,0] -2..2", "no data yet"),
    ("plot surface weight_hh_l0 -2..2", "add its indices"),
    ("plot surface weight_hh_l0[9,0] -2..2", "out of range"),
    ("plot loss to loss.png", "SVG (FILE.svg) or as their numbers (FILE.csv)"),
    ("plot loss extra", "too many arguments"),
    ("export notebook.txt", "FILE.html"),
])
func plotErrors(line: String, message: String) {
    let s = makeSession()
    run(s, "net lstm in=2 hidden=2")
    let before = s.transcript
    let outcome = s.execute(line)
    #expect(outcome.error?.message.contains(message) == true, "\(line): \(outcome.output)")
    #expect(outcome.error?.range != nil)
    #expect(outcome.output.count == 3, "one message line, the line, the caret")
    #expect(s.transcript == before)
}

@Test func plotErrorsPointAtTheToken() {
    let s = makeSession()
    run(s, "net elman in=2 hidden=2", "run [1, 1] [0, 1]")
    let outcome = s.execute("plot gates")
    #expect(outcome.error?.message.contains("elman has no gates") == true)
    #expect(outcome.output[2] == "       ^~~~~")
    let range = s.execute("plot surface weight_hh_l0[0,0] 2..-2")
    #expect(range.error != nil)
}

@Test func plotCompletion() {
    let s = makeSession()
    run(s, "net lstm in=2 hidden=2")
    #expect(Completer.complete("plot ", in: s).candidates == PlotCommand.kinds)
    #expect(Completer.complete("plot g", in: s).candidates == ["gates", "gradnorm"])
    #expect(Completer.complete("plot weights weight_h", in: s).candidates == ["weight_hh_l0"])
    #expect(Completer.complete("plot surface weight_hh", in: s).candidates == ["weight_hh_l0["])
    #expect(Completer.complete("plot loss ", in: s).candidates == ["to"])
    #expect(PlotCommand().completesFilePath(after: ["loss", "to"]))
    #expect(!PlotCommand().completesFilePath(after: ["loss"]))
    #expect(ExportCommand().completesFilePath(after: []))
    #expect(Completer.complete("ex", in: s).candidates.contains("export"))
}

@Test func helpDocumentsPlotAndExport() {
    let s = makeSession()
    let help = run(s, "help plot").joined(separator: "\n")
    for word in ["loss", "gates", "memory", "hidden", "gradnorm", "weights", "surface", "to loss.svg", "COLORTERM", "░▒▓█"] {
        #expect(help.contains(word), "\(word)")
    }
    #expect(run(s, "help export").joined().contains("FILE.html"))
    #expect(run(s, "help").joined(separator: "\n").contains("plot"))
}

@Test func markdownExportWritesSVGFilesBesideIt() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-md-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let s = makeSession()
    run(s, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1", "run [1, 1] [2, 2]", "plot hidden")
    run(s, "export \(dir.path)/notes.md")
    let text = try String(contentsOf: dir.appendingPathComponent("notes.md"), encoding: .utf8)
    #expect(text.contains("```\nrun [1, 1] [2, 2]\n#> t  x       h"))
    #expect(text.contains("![plot hidden](notes-plot-1.svg)"))
    let svg = try String(contentsOf: dir.appendingPathComponent("notes-plot-1.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<svg"))
}

@Test func aMarkdownExportThatCannotWriteAPlotWritesNothing() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-md-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let s = makeSession()
    run(s, "net lstm in=2 hidden=2 out=2", "run [1, 1] [2, 2]", "plot hidden", "plot memory")
    // The second plot's file is read-only: the first must not be written either, nor the page.
    let second = dir.appendingPathComponent("notes-plot-2.svg").path
    _ = FileManager.default.createFile(atPath: second, contents: Data("old".utf8), attributes: [.posixPermissions: 0o444])
    let refused = s.execute("export \(dir.path)/notes.md")
    #expect(refused.error?.message == "cannot write \(second): it is read-only (add `force` to overwrite it)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes-plot-2.svg"])
    run(s, "export \(dir.path)/notes.md force")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["notes-plot-1.svg", "notes-plot-2.svg", "notes.md"])
}

@Test func plotAndDataSaveTakeForceForAReadOnlyFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-force-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let s = makeSession()
    run(s, "data recall n=20 length=4 seed=1", "net elman in=auto hidden=2 out=auto", "train epochs=1")
    for (name, command) in [("loss.svg", "plot loss to"), ("d.txt", "data save")] {
        let path = dir.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o444])
        #expect(s.execute("\(command) \(path)").error?.message == "cannot write \(path): it is read-only (add `force` to overwrite it)")
        run(s, "\(command) \(path) force")
        #expect(try String(contentsOfFile: path, encoding: .utf8) != "old", "\(command)")
    }
    // Tab offers force after the file, parameters of any model after `plot weights`, and beam= to an encoder–decoder.
    #expect(PlotCommand().completions(after: ["loss", "to", "loss.svg"], in: s) == ["force"])
    run(s, "data reverse n=20", "net seq2seq in=auto out=auto hidden=4")
    #expect(PlotCommand().completions(after: ["weights"], in: s).contains("encoder.weight_ih_l0"))
    #expect(PredictCommand().completions(after: ["1", "2"], in: s) == ["beam="])
    #expect(EvalCommand().completions(after: [], in: s) == ["valid", "train", "beam="])
}
