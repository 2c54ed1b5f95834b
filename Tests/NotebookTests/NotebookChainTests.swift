import Foundation
import Notebook
import Testing

/// Notebooks that load notebooks: a chain of any sensible length works, and
/// a loop is named (not guessed from the depth).
@Test func aLongChainLoadsAndALoopIsNamed() throws {
    let folder = try scratchFolder("rnnbook-chain")
    defer { try? FileManager.default.removeItem(at: folder) }
    // n0 loads n1 … n8 loads n9, which builds a net: nine levels, no loop.
    for k in 0..<10 {
        let body = k < 9 ? "load session n\(k + 1).rnn\n" : "net elman in=2 hidden=2\n"
        try body.write(to: folder.appendingPathComponent("n\(k).rnn"), atomically: true, encoding: .utf8)
    }
    let s = makeSession()
    #expect(s.execute("load session \(folder.path)/n0.rnn").error == nil)
    #expect(s.network != nil)
    // a → b → a.
    try "load session b.rnn\n".write(to: folder.appendingPathComponent("a.rnn"), atomically: true, encoding: .utf8)
    try "load session a.rnn\n".write(to: folder.appendingPathComponent("b.rnn"), atomically: true, encoding: .utf8)
    let message = try #require(makeSession().execute("load session \(folder.path)/a.rnn").error?.message)
    #expect(message.contains("notebooks load each other in a loop: a.rnn → b.rnn → a.rnn"), "\(message)")
}

/// `rnnbook check` never writes the notebook it checks, even when the
/// notebook saves itself: the save is refused and the check fails at it.
@Test func checkNeverRewritesTheNotebookItChecks() throws {
    let folder = try scratchFolder("rnnbook-selfsave")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("self.rnn").path
    let text = "net elman in=2 hidden=2\n#> elman(2 => 2, tanh)  # 12 parameters\nsave session self.rnn\n#> saved 1 command to self.rnn\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let (code, out, _) = try rnnbook(["check", path])
    #expect(code == 1)
    #expect(out.contains("it is the notebook being checked, which `rnnbook check` never writes"), "\(out)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
}

/// Ctrl-C during a notebook run outside the prompt: what ran is in the
/// output, training stops after its batch, the run stops there with exit 130
/// and says where.
@Test func anInterruptedReplayKeepsItsOutputAndSaysWhereItStopped() throws {
    let folder = try scratchFolder("rnnbook-sigint")
    defer { try? FileManager.default.removeItem(at: folder) }
    let notebook = folder.appendingPathComponent("long.rnn").path
    try "seed 1\ndata recall n=3000 length=50\nnet lstm hidden=64 out=auto\ntrain epochs=1000 batch=8\nnet gru in=2 hidden=2\n"
        .write(toFile: notebook, atomically: true, encoding: .utf8)
    let (code, out, err) = try shell("timeout --preserve-status -s INT 3 \"$RNNBOOK\" \(notebook)")
    #expect(code == 130, "\(err)")
    #expect(out.contains("#> lstm(14 => 64 => 2, tanh)"))
    #expect(out.contains("interrupted (Ctrl-C) in epoch"))
    #expect(!out.contains("gru("))
    #expect(err.contains("long.rnn:4: interrupted (Ctrl-C) in or after `train epochs=1000 batch=8`; the rest of the notebook was not run"))
}
