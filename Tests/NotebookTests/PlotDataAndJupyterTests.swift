import Foundation
import Testing
@testable import Notebook

/// `plot … to FILE.csv` and `export FILE.ipynb`.
@Suite(.serialized) struct PlotDataAndJupyterTests {
    /// The memory example: three steps, a hidden-state plot.
    func memorySession() -> Session {
        let s = makeSession()
        run(s, "# The memory example", "# from the lecture", "", "net elman in=2 hidden=2 out=2 act=linear bias=off",
            "## Weights", "set * = 1", "run [1 1] [1 1] [2 2]")
        return s
    }

    @Test func plotToCSVWritesAHeaderAndARowPerX() throws {
        let dir = try temporaryFolder("csv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = memorySession()
        #expect(run(s, "plot hidden to \(dir)/h.csv") == ["wrote \(dir)/h.csv (hidden plot's numbers, 3 rows)"])
        #expect(try String(contentsOfFile: dir + "/h.csv", encoding: .utf8) == "time step,h 0,h 1\n1,2,2\n2,6,6\n3,16,16\n")
        run(s, "data slots", "net elman hidden=2 out=auto", "train epochs=2")
        run(s, "plot loss to \(dir)/loss.csv")
        let loss = try String(contentsOfFile: dir + "/loss.csv", encoding: .utf8).split(separator: "\n")
        #expect(loss.count == 3 && loss[0] == "epoch,train,validation" && loss[1].hasPrefix("1,") && loss[2].hasPrefix("2,"))
        let before = s.transcript.count
        let refused = s.execute("plot loss to \(dir)/loss.txt")
        #expect(refused.error?.message == "plots are written as SVG (FILE.svg) or as their numbers (FILE.csv)")
        #expect(s.transcript.count == before && !FileManager.default.fileExists(atPath: dir + "/loss.txt"))
    }

    @Test func csvFieldsAreQuotedWhenTheyMustBe() {
        #expect(CSVWriter.text([["out.weight[0,0]", "say \"hi\"", "plain"], ["1", "", "-0.5"]])
                == "\"out.weight[0,0]\",\"say \"\"hi\"\"\",plain\n1,,-0.5\n")
        #expect(CSVWriter.number(3) == "3" && CSVWriter.number(.nan) == "" && CSVWriter.number(0.5) == "0.5")
    }

    @Test func ipynbHasAMarkdownCellPerCommentBlockAndACodeCellPerCommand() throws {
        let dir = try temporaryFolder("ipynb")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = memorySession()
        run(s, "plot hidden", "plot hidden to \(dir)/h.svg")
        #expect(run(s, "export \(dir)/n.ipynb") == ["exported 5 commands and 2 plots to \(dir)/n.ipynb"])
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/n.ipynb"))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(top["nbformat"] as? Int == 4 && top["nbformat_minor"] as? Int == 5)
        let cells = try #require(top["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell_type"] as? String ?? "" } == ["markdown", "code", "markdown", "code", "code", "code", "code"])
        #expect(cells[0]["source"] as? [String] == ["The memory example\n", "from the lecture"])
        #expect(cells[2]["source"] as? [String] == ["# Weights"])
        #expect(Set(cells.compactMap { $0["id"] as? String }).count == cells.count)
        let runCell = cells[4]
        #expect(runCell["source"] as? [String] == ["run [1 1] [1 1] [2 2]"] && runCell["execution_count"] as? Int == 3)
        let stream = try #require((runCell["outputs"] as? [[String: Any]])?.first)
        #expect(stream["output_type"] as? String == "stream" && stream["name"] as? String == "stdout")
        #expect((stream["text"] as? [String])?.first == "t  x       h         y\n")
        let plot = try #require((cells[5]["outputs"] as? [[String: Any]])?.first)
        #expect(plot["output_type"] as? String == "display_data")
        let svg = (plot["data"] as? [String: Any])?["image/svg+xml"] as? [String]
        #expect(svg?.first?.hasPrefix("<svg") == true || svg?.first?.hasPrefix("<?xml") == true)
        let written = try #require(cells[6]["outputs"] as? [[String: Any]])
        #expect(written.map { $0["output_type"] as? String ?? "" } == ["stream", "display_data"])
        // The same session gives the same bytes.
        run(s, "export \(dir)/again.ipynb")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/again.ipynb")) == data)
        if let python = nbformatPython {
            let (code, _, err) = try runProcess(python, ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", dir + "/n.ipynb"],
                                                environment: [:], stdin: nil)
            #expect(code == 0, "\(err)")
        }
    }

    @Test func aReplayedNotebooksCommentsBecomeMarkdown() throws {
        let s = makeSession()
        run(s, "load session \(repositoryRoot.appendingPathComponent("Sessions/lecture-memory.rnn").path)")
        let cells = JupyterNotebook.json(s.transcript)
        #expect(cells.contains("\"cell_type\" : \"markdown\""))
    }
}

/// A Python with `nbformat` (the `/work/nbvenv` venv, `$NBFORMAT_PYTHON`, or
/// `python3` if it has it), or nil: the schema check is then skipped.
let nbformatPython: URL? = {
    let candidates = [ProcessInfo.processInfo.environment["NBFORMAT_PYTHON"], "/work/nbvenv/bin/python", "/usr/bin/python3"].compactMap { $0 }
    return candidates.lazy.filter { FileManager.default.isExecutableFile(atPath: $0) }.map(URL.init(fileURLWithPath:)).first { python in
        (try? runProcess(python, ["-c", "import nbformat"], environment: [:], stdin: nil).0) == 0
    }
}()
