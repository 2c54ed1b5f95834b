import Foundation
import Testing
@testable import Notebook

/// Issue 15, items 5 and 6: what the exported page and Markdown look like.
@Suite struct ExportLayoutTests {
    /// The CSS rule for `selector` in the page's style sheet.
    func rule(_ selector: String, in page: String) -> String? {
        page.components(separatedBy: "\n").first { $0.hasPrefix(selector + " {") }
    }

    /// A `<pre>` with `overflow-x: auto` clips below its padding box: without
    /// a line height and padding, the underscore of `weight_ih_l0` vanished in Chromium.
    @Test func inputLinesHaveRoomForUnderscores() throws {
        let page = ExportCommand.html([TranscriptEntry(input: "set weight_ih_l0.g = [1, 0, 0]", output: [], svg: nil)], title: "t")
        let pre = try #require(rule("pre", in: page))
        #expect(pre.contains("line-height: 1.4"))
        let input = try #require(rule("pre.in", in: page))
        #expect(input.contains("padding: 0.15rem 0 0.25rem"))
        #expect(page.contains("set weight_ih_l0.g = [1, 0, 0]"))
    }

    /// Markdown alt text keeps the brackets of an element index, escaped.
    @Test func markdownAltTextEscapesBrackets() {
        let entry = TranscriptEntry(input: #"plot surface out.weight[0,0] -2..2 \ [x]"#, output: ["a plot"], svg: "<svg/>")
        let (text, figures) = ExportCommand.markdown([entry], title: "t", stem: "s")
        #expect(text.contains(#"![plot surface out.weight\[0,0\] -2..2 \\ \[x\]](s-plot-1.svg)"#))
        #expect(figures.map(\.0) == ["s-plot-1.svg"])
    }
}
