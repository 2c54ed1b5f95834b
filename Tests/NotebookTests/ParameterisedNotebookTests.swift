import Foundation
import Notebook
import Testing

/// Notebooks as parameterised jobs: `param` defaults, `$NAME`, `-p`, `--out`, `--json`.
@Suite struct ParameterisedNotebookTests {
    @Test func parametersHaveDefaultsAndLinesUseThem() {
        let s = makeSession()
        #expect(run(s, "param hidden=4 cell=gru") == ["param hidden=4 cell=gru"])
        #expect(run(s, "net $cell in=2 hidden=$hidden") == ["gru(2 => 4)  # 96 parameters"])
        #expect(s.transcript.last?.input == "net $cell in=2 hidden=$hidden")
        let outcome = s.execute("net $cel in=2")
        #expect(outcome.error?.message == "unknown parameter $cel (did you mean $cell?): declare it first with `param cel=VALUE`")
        #expect(outcome.output.last == "      ^~~~")
        // Inside quotes and comments, $ is text.
        #expect(s.execute("vocab \"$hidden\" # $nothing").error == nil)
        #expect(s.vocabulary.words.last == "$hidden")
        s.parameterOverrides = ["hidden": "9"]
        #expect(run(s, "param hidden=4") == ["param hidden=9"])
        #expect(s.transcript.last?.input == "param hidden=9")
    }

    @Test func aRunWithParametersWritesTheExecutedNotebookAndItsResults() throws {
        let folder = try scratchFolder("rnnbook-sweep")
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("sweep.rnn").path
        try "param hidden=4 lr=0.01\nseed 1\ndata slots n=40\nnet elman hidden=$hidden out=auto\ntrain epochs=2 lr=$lr\neval\n"
            .write(toFile: notebook, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("run.rnn").path, json = folder.appendingPathComponent("run.json").path
        let (code, _, err) = try rnnbook([notebook, "-p", "hidden=6", "-p", "lr=0.02", "--out", out, "--json", json])
        #expect(code == 0, "\(err)")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(record?["parameters"] as? [String: String] == ["hidden": "6", "lr": "0.02"])
        #expect((record?["epochs"] as? [Any])?.count == 2)
        #expect((record?["evaluations"] as? [[String: Any]])?.first?["accuracy"] is Double)
        #expect(record?["ok"] as? Bool == true)
        // The executed notebook replays as it ran, and checks.
        let executed = try String(contentsOfFile: out, encoding: .utf8)
        #expect(executed.contains("\nparam hidden=6 lr=0.02\n"))
        #expect(try rnnbook(["check", out]).0 == 0)
        // A parameter the notebook does not declare is an error, not silently ignored.
        let (refused, _, message) = try rnnbook([notebook, "-p", "hiden=6"])
        #expect(refused == 1 && message.contains("declares no parameter hiden"))
    }
}
