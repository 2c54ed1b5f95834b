import Foundation
import Testing

/// Output to a closed, full or vanished stream: a non-zero exit status,
/// never a trap (132) and never a silent success.
@Suite(.serialized) struct BrokenStreamTests {
    @Test func anErrorWithStderrClosedOrFullExitsOne() throws {
        for redirect in ["2>&-", "2>/dev/full"] {
            let (code, _, _) = try shell("printf 'foo\\n' | \"$RNNBOOK\" \(redirect)")
            #expect(code == 1, "\(redirect): exit \(code)")
        }
    }

    @Test func stdoutClosedOrFullIsAnIOError() throws {
        for redirect in [">&-", ">/dev/full"] {
            for command in ["-e 'net elman in=1 hidden=1'", "--help", "--version", "check \"$0\""] {
                let script = "\"$RNNBOOK\" \(command) \(redirect)"
                let (code, _, err) = try shell(script.replacingOccurrences(of: "\"$0\"", with: memoryNotebook))
                #expect(code == 74, "\(command) \(redirect): exit \(code)")
                #expect(err.hasPrefix("rnnbook: ") && err.split(separator: "\n").count == 1, "\(command) \(redirect): \(err)")
            }
        }
    }

    @Test func aReaderThatLeavesEndsItQuietlyThroughSIGPIPE() throws {
        // 2,000 `help`s fill any pipe buffer; `head -1` leaves after one line.
        let (_, out, err) = try shell("yes help | head -2000 | ( \"$RNNBOOK\"; echo \"status $?\" >&2 ) | head -1")
        #expect(out.hasPrefix("Commands"))
        #expect(err == "status 141\n", "\(err)")
    }

    let memoryNotebook = repositoryRoot.appendingPathComponent("Sessions/lecture-memory.rnn").path
}

/// The command line and pipes: `--rtol` and line ends.
@Suite(.serialized) struct CommandLineInputTests {
    @Test func checkRefusesANonFiniteOrNegativeTolerance() throws {
        let memory = repositoryRoot.appendingPathComponent("Sessions/lecture-memory.rnn").path
        for value in ["nan", "-1", "inf", "-0.5"] {
            let (code, _, err) = try rnnbook(["check", "--rtol", value, memory])
            #expect(code == 64 && err.contains("--rtol must be a finite number, 0 or more"), "\(value): \(code) \(err)")
        }
        let (ok, out, _) = try rnnbook(["check", "--rtol", "0.01", memory])
        #expect(ok == 0 && out.contains("ok (7 commands)"))
    }

    @Test func aPipeSplitsAtLoneCarriageReturnsAndRefusesNUL() throws {
        let (code, out, _) = try rnnbook([], stdin: "net elman in=1 hidden=1\rnet\r\nnet\n")
        #expect(code == 0)
        #expect(out.components(separatedBy: "net elman in=1 hidden=1\n").count == 3, "\(out)")
        let (bad, _, err) = try rnnbook(["--color=never"], stdin: "net elman in=1 hidden=1\nset * = 1\u{0}2\n")
        #expect(bad == 1 && err.hasPrefix("<stdin>:2: error: a control character (NUL) in the line"), "\(err)")
    }
}
