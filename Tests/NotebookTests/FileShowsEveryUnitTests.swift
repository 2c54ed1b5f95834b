import Foundation
import Testing
@testable import Notebook

/// Issue 15, item 7: `set units` limits what the terminal shows, never a file.
@Suite struct FileShowsEveryUnitTests {
    func session(_ dir: URL) -> Session {
        let s = makeSession()
        s.baseDirectory = dir.path
        run(s, "net elman in=1 hidden=12 out=1", "set units 4", "run [1] [0] [1]")
        return s
    }

    func tempDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func terminalIsLimitedTheFilesAreNot() throws {
        let dir = try tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = session(dir)
        let shown = run(s, "plot hidden")
        #expect(shown.contains { $0.contains("units 0–3 of 12 shown") })
        let inline = try #require(s.transcript.last?.svg)
        run(s, "plot hidden to h.svg", "export page.html", "export page.md")
        let file = try String(contentsOf: dir.appendingPathComponent("h.svg"), encoding: .utf8)
        let figure = try String(contentsOf: dir.appendingPathComponent("page-plot-1.svg"), encoding: .utf8)
        let page = try String(contentsOf: dir.appendingPathComponent("page.html"), encoding: .utf8)
        for svg in [inline, file, figure] {
            #expect(svg.contains(">11</text>"))
            #expect(!svg.contains("of 12 shown"))
        }
        // The page's figure is the whole SVG; its folded "as text" version is the terminal's.
        let pageFigure = try #require(page.components(separatedBy: "<figure>").last?.components(separatedBy: "</figure>").first)
        #expect(pageFigure.contains(">11</text>"))
        #expect(!pageFigure.contains("of 12 shown"))
    }
}
