import Foundation
import Testing
import Notebook
import RNNKit

@Suite struct NotebookFileTests {
    let memory = """
        # a comment
        net elman in=2 hidden=2 out=2 act=linear bias=off
        #> elman(2 => 2 => 2, linear, no bias)  # 12 parameters
        set * = 1

        step [1, 1]
        #> t=1
        #>   x  input   [1, 1]
        #>   h  hidden  [2, 2]
        #>   y  output  [4, 4]

        """

    @Test func parsesAndWritesTheSameText() {
        let doc = NotebookDocument(parsing: memory)
        #expect(doc.commands.map(\.line) == [2, 4, 6])
        #expect(doc.commands[2].output.count == 4)
        #expect(doc.text == memory)
    }

    @Test func crlfFilesRead() {
        let doc = NotebookDocument(parsing: memory.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(doc.commands.map(\.text) == ["net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1", "step [1, 1]"])
    }

    @Test func checkPassesThenFailsOnAnEditedNumber() {
        let doc = NotebookDocument(parsing: memory)
        #expect(NotebookRunner.check(doc, in: makeSession()).isEmpty)
        let edited = NotebookDocument(parsing: memory.replacingOccurrences(of: "[4, 4]", with: "[4, 5]"))
        let mismatches = NotebookRunner.check(edited, in: makeSession())
        #expect(mismatches.count == 1)
        let diff = mismatches[0].render(file: "m.rnn", tolerance: OutputComparison())
        #expect(diff == ["m.rnn:6: output of `step [1, 1]` differs (- recorded, + now)", "  - #>   y  output  [4, 5]", "  + #>   y  output  [4, 4]"])
    }

    @Test func numbersMatchWithinTolerance() {
        let c = OutputComparison()
        #expect(c.linesMatch("h [0.1235, 16]", "h  [0.1236, 16]"))
        #expect(!c.linesMatch("h [6.01, 6]", "h [6, 6]"))
        #expect(!c.linesMatch("h [0.1235, 16]", "h [0.1335, 16]"))
        #expect(c.linesMatch("weight_ih_l0 1e-07", "weight_ih_l0 -2e-07"))
        #expect(!c.linesMatch("t=1 x", "t=2 x"))
        #expect(!c.linesMatch("weight_ih_l0", "weight_ih_l1"))
    }

    @Test func recordedErrorsAreExpectedOutputInCheck() {
        let session = makeSession()
        let outcome = session.execute("stpe [1]")
        var text = "stpe [1]\n" + outcome.output.map { "#> " + $0 }.joined(separator: "\n") + "\n"
        text += "net elman in=1 hidden=1\n#> elman(1 => 1, tanh)  # 4 parameters\n"
        #expect(NotebookRunner.check(NotebookDocument(parsing: text), in: makeSession()).isEmpty)
    }

    @Test func replayStopsAtTheFirstErrorWithFileAndLine() {
        let doc = NotebookDocument(parsing: "net elman in=2 hidden=2\nstep [1]\nstep [1, 1]\n")
        var echoed: [String] = []
        let (error, _) = NotebookRunner.replay(doc, name: "x.rnn", in: makeSession()) { command in echoed.append(command.text) }
        #expect(echoed == ["net elman in=2 hidden=2"])
        #expect(error?.first == "x.rnn:2: error: the net takes 2 inputs, this vector has 1")
    }

    @Test func recordRewritesOutputsAndKeepsComments() {
        let stale = memory.replacingOccurrences(of: "#>   h  hidden  [2, 2]\n", with: "")
        let doc = NotebookRunner.record(NotebookDocument(parsing: stale), in: makeSession())
        #expect(doc.text == memory)
    }

    @Test func saveAndLoadSessionRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString).rnn").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = makeSession()
        run(a, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1", "step [1, 1]")
        _ = a.execute("stpe")  // errors are not saved
        #expect(run(a, "save session \(path)") == ["saved 3 commands to \(path)"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("step [1, 1]\n#> t=1\n"))
        #expect(!text.contains("stpe"))

        let b = makeSession()
        #expect(run(b, "load session \(path)") == ["loaded 3 commands from \(path)"])
        #expect(b.memory.time == 1)
        #expect(b.transcript.map(\.input) == a.transcript.map(\.input))
        #expect(NotebookRunner.check(try NotebookDocument.read(path: path), in: makeSession()).isEmpty)
    }

    @Test func aFailingLoadLeavesTheSessionAsItWas() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString).rnn").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "set * = 5\nstep [1, 1]\nstep [1]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let s = makeSession()
        run(s, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1")
        let outcome = s.execute("load session \(path)")
        #expect(outcome.error?.message == "\(path):3: the net takes 2 inputs, this vector has 1 (nothing was loaded)")
        #expect(s.network?.parameter(named: "weight_hh_l0")?.value.data == [1, 1, 1, 1])
        #expect(s.memory.time == 0)
        #expect(s.transcript.count == 2)
    }
}

/// Every notebook under Sessions/ replays to its recorded output.
@Test(arguments: try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Sessions").path)
    .filter { $0.hasSuffix(".rnn") }.sorted())
func sessionNotebookChecks(file: String) throws {
    let doc = try NotebookDocument.read(path: repositoryRoot.appendingPathComponent("Sessions/\(file)").path)
    #expect(!doc.commands.isEmpty)
    let session = makeSession()
    session.baseDirectory = repositoryRoot.appendingPathComponent("Sessions").path
    let mismatches = NotebookRunner.check(doc, in: session)
    for m in mismatches { Issue.record(Comment(rawValue: m.render(file: file, tolerance: OutputComparison()).joined(separator: "\n"))) }
}

@Test func saveAndLoadModelRoundTripAndRebuild() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let a = makeSession()
    run(a, "seed 3", "net lstm in=3 hidden=4 out=2 peephole")
    #expect(run(a, "save model \(path)") == ["saved \(a.network?.parameterCount ?? 0) parameters (9 tensors) to \(path); "
        + "no PyTorch module computes this net: the file is marked pytorch=none (rnnbook's names, every weight kept)"])
    let b = makeSession()
    let loaded = run(b, "load model \(path)")
    #expect(loaded.first == "rebuilt: net lstm in=3 hidden=4 out=2 peephole=on")
    #expect(b.network?.namedParameters.map(\.parameter.value) == a.network?.namedParameters.map(\.parameter.value))
    #expect(b.transcript.map(\.input) == ["load model \(path)"])
    // A mismatch leaves the session as it was.
    let c = makeSession()
    run(c, "net gru in=3 hidden=4")
    try Data("garbage that is not a model".utf8).write(to: URL(fileURLWithPath: path))
    let outcome = c.execute("load model \(path)")
    #expect(outcome.error?.message.contains("not a safetensors file") == true, "\(String(describing: outcome.error))")
    #expect(c.network?.config.cell == "gru")
}

@Test func aSavedTaggerPredictsInAFreshSession() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let a = makeSession()
    run(a, "seed 1", "data slots n=60", "net elman hidden=4 out=auto", "train epochs=1", "save model \(path)")
    let b = makeSession()
    let loaded = run(b, "load model \(path)")
    #expect(loaded.last?.hasPrefix("restored the vocabulary") == true)
    #expect(run(b, "predict leave Taipei") == run(a, "predict leave Taipei"))
}

@Test func savedDataReadsBackAsTheSameSentences() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString).txt").path
    defer {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".valid")
    }
    let a = makeSession()
    run(a, "seed 4", "data slots n=30", "data save \(path)")
    let b = makeSession()
    run(b, "data tagged \(path) valid=0")
    guard case .tagged(_, let original, _)? = a.data, case .tagged(_, let reread, _)? = b.data else {
        Issue.record("no tagged data")
        return
    }
    #expect(reread.train == original.train)
}
