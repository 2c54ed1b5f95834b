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
