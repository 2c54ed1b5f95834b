import Foundation
import Testing
import Notebook

/// Plots of fixed data against files kept in `Tests/NotebookTests/Golden`:
/// the terminal text and the SVG bytes. Run with `RNNBOOK_UPDATE_GOLDEN=1`
/// to rewrite them after an intended change (then look at the diff and the
/// rendered SVG before committing).
private let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

private func compareWithGolden(_ text: String, file: String) throws {
    let url = goldenDirectory.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["RNNBOOK_UPDATE_GOLDEN"] == "1" {
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let golden = try String(contentsOf: url, encoding: .utf8)
    #expect(text == golden, "\(file) differs from its golden copy (RNNBOOK_UPDATE_GOLDEN=1 rewrites it)")
}

/// The lecture's LSTM gate example, whose numbers are fixed by hand.
private func lectureLSTM() -> Session {
    let s = makeSession()
    run(s, "net lstm in=3 hidden=1 act=linear memact=linear", "set weight_hh_l0 = 0", "set bias_hh_l0 = 0",
        "set weight_ih_l0 = [[0, 100, 0], [0, 100, 0], [1, 0, 0], [0, 0, 100]]", "set bias_ih_l0 = [-10, 10, 0, -10]",
        "run [1, 0, 0] [3, 1, 0] [2, 0, 0] [4, 1, 0] [2, 0, 0] [1, 0, 1] [3, -1, 0] [6, 1, 0] [1, 0, 1]")
    return s
}

@Test(arguments: ["gates", "memory", "weights weight_ih_l0"])
func lectureLSTMPlotsMatchTheirGoldenCopies(kind: String) throws {
    let s = lectureLSTM()
    let name = kind.replacingOccurrences(of: " ", with: "-")
    try compareWithGolden(run(s, "plot \(kind)").joined(separator: "\n") + "\n", file: "lstm-\(name).txt")
    let svg = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString).svg")
    defer { try? FileManager.default.removeItem(at: svg) }
    run(s, "plot \(kind) to \(svg.path)")
    try compareWithGolden(try String(contentsOf: svg, encoding: .utf8), file: "lstm-\(name).svg")
}
