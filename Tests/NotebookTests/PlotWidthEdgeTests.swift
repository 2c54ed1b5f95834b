import Foundation
import Testing
@testable import Notebook

/// Issue 15, item 8: terminal plots at 60 and 200 columns keep their text
/// whole and their heatmap cells near square.
@Suite struct PlotWidthEdgeTests {
    /// A trained net with a 32-unit layer, its last batch's gradients, and a run.
    static func session() -> Session {
        let s = makeSession()
        run(s, "data recall n=64 length=12 seed=1", "net lstm hidden=32 in=auto out=auto", "train epochs=2 batch=16;")
        return s
    }

    /// `line` without SGR escapes.
    static func plain(_ line: String) -> String {
        line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    static let depths: [ColorDepth] = [.none, .ansi256, .truecolor]

    @Test(arguments: [60, 110, 200])
    func noLineIsWiderThanTheTerminalAndTextStaysWhole(width: Int) {
        let s = Self.session()
        s.width = width
        for depth in Self.depths {
            s.colorDepth = depth
            for kind in ["loss", "gradnorm", "weights weight_hh_l0"] {
                let lines = run(s, "plot \(kind)").map(Self.plain)
                for line in lines { #expect(displayWidth(Array(line)) <= width, "plot \(kind) at \(width), \(depth): \(line)") }
                let text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                if kind == "gradnorm" { #expect(text.contains("‖∂L/∂h_t‖ per time step (last training batch, first layer)")) }
                if kind.hasPrefix("weights") {
                    #expect(text.contains("weight_hh_l0 [128, 32], norm"))
                    if depth != .none { #expect(lines.contains { $0.hasSuffix("(0 in the middle)") }) }
                }
            }
        }
    }

    /// A cell is at most twice as wide as it is tall: 2 columns per half-block cell, 4 per ramp cell (a whole line).
    @Test(arguments: [60, 110, 200])
    func heatmapCellsStayNearSquare(width: Int) throws {
        let s = Self.session()
        s.width = width
        for depth in Self.depths {
            s.colorDepth = depth
            let lines = run(s, "plot weights weight_hh_l0").map(Self.plain)
            let row = try #require(lines.first { $0.hasPrefix("i ") })
            let cells = row.filter { "▀▄ ░▒▓█".contains($0) }.count - row.prefix { !"▀▄░▒▓█".contains($0) }.filter { $0 == " " }.count
            #expect(cells <= 32 * (depth == .none ? 4 : 2), "\(depth) at \(width): \(row)")
        }
    }

    @Test func numberedColumnLabelsAreEvenlySpaced() throws {
        let s = Self.session()
        s.width = 60
        s.colorDepth = .truecolor
        let lines = run(s, "plot weights weight_hh_l0").map(Self.plain)
        let labels = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("0 ") })
        let numbers = labels.split(separator: " ").compactMap { Int($0) }
        let steps = Set(zip(numbers, numbers.dropFirst()).map { $1 - $0 })
        #expect(steps.count == 1, "\(labels)")
    }

    @Test func labelSteps() {
        #expect(Heatmap.labelStep(cellWidth: 8, labelWidth: 2) == 1)
        #expect(Heatmap.labelStep(cellWidth: 1, labelWidth: 2) == 5)
        #expect(Heatmap.labelStep(cellWidth: 2, labelWidth: 2) == 2)
        #expect(Heatmap.labelStep(cellWidth: 1, labelWidth: 3) == 5)
        #expect(Heatmap.labelStep(cellWidth: 1, labelWidth: 4) == 5)
        #expect(Heatmap.labelStep(cellWidth: 1, labelWidth: 5) == 10)
    }
}
