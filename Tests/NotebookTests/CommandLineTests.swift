import Foundation
import Testing

@Suite(.serialized) struct CommandLineTests {
    let memory = repositoryRoot.appendingPathComponent("Sessions/lecture-memory.rnn").path

    @Test func checkPassesAndFailsWithADiff() throws {
        let (ok, out, _) = try rnnbook(["check", memory])
        #expect(ok == 0 && out.contains("ok (7 commands)"))
        let edited = FileManager.default.temporaryDirectory.appendingPathComponent("edited-\(UUID().uuidString).rnn")
        defer { try? FileManager.default.removeItem(at: edited) }
        try String(contentsOfFile: memory, encoding: .utf8).replacingOccurrences(of: "[16, 16]", with: "[17, 16]")
            .write(to: edited, atomically: true, encoding: .utf8)
        let (bad, diff, _) = try rnnbook(["check", "--color=never", edited.path])
        #expect(bad == 1)
        #expect(diff.contains("-2 #>   h  hidden  [17, 16]".dropFirst(2)) && diff.contains("+ #>   h  hidden  [16, 16]"))
    }

    @Test func replayPrintsANotebook() throws {
        let (code, out, _) = try rnnbook([memory])
        #expect(code == 0)
        #expect(out.contains("step [2, 2]\n#> t=3\n#>   x  input   [2, 2]\n#>   h  hidden  [16, 16]\n#>   y  output  [32, 32]\n"))
    }

    @Test func pipedInputStopsAtTheFirstError() throws {
        let (code, out, err) = try rnnbook(["--color=never"], stdin: "net elman in=2 hidden=2\r\nstep [1]\nstep [1, 1]\n")
        #expect(code == 1)
        #expect(out == "elman(2 => 2, tanh)  # 12 parameters\n")
        #expect(err.hasPrefix("<stdin>:2: error: the net takes 2 inputs"))
    }

    @Test func executeFlagAndVersion() throws {
        let (code, out, _) = try rnnbook(["-e", "net elman in=1 hidden=1", "-e", "net"])
        #expect(code == 0 && out == "elman(1 => 1, tanh)  # 4 parameters\nelman(1 => 1, tanh)  # 4 parameters\nnet elman in=1 hidden=1\n")
        let (v, version, _) = try rnnbook(["--version"])
        #expect(v == 0 && version.hasPrefix("0.1"))
        let (bad, _, err) = try rnnbook(["-e", "stpe"])
        #expect(bad == 1 && err.contains("did you mean 'step'"))
    }
}
