import Foundation
import Testing
@testable import Notebook

/// `time COMMAND`, and the elapsed times `train` shows at the prompt only.
struct TimeCommandTests {
    let wall = #/^wall [0-9.]+ (s|ms|µs)$/#

    @Test func timeRunsTheCommandAndAddsAMachineDependentLine() throws {
        let s = makeSession()
        run(s, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1")
        let outcome = s.execute("time step [1, 1]")
        #expect(outcome.error == nil)
        #expect(Array(outcome.output.dropLast()) == ["t=1", "  x  input   [1, 1]", "  h  hidden  [2, 2]", "  y  output  [4, 4]"])
        #expect(try wall.wholeMatch(in: outcome.output.last ?? "") != nil)
        let entry = try #require(s.transcript.last)
        #expect(entry.input == "time step [1, 1]" && entry.machineDependent == [4])
        let text = NotebookDocument(transcript: s.transcript, header: []).text
        #expect(text.contains("#>   y  output  [4, 4]\n#>~ wall "))
    }

    @Test func aSavedTimedNotebookChecksAndRecordsOnAnyMachine() throws {
        let s = makeSession()
        run(s, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1", "time step [1, 1]")
        var document = NotebookDocument(transcript: s.transcript, header: [])
        #expect(NotebookRunner.check(document, in: makeSession()).isEmpty)
        // Written by hand with `#>`, the time line still is not compared, and `record` marks it.
        document = NotebookDocument(parsing: document.text.replacingOccurrences(of: "#>~ wall", with: "#> wall"))
        #expect(NotebookRunner.check(document, in: makeSession()).isEmpty)
        #expect(NotebookRunner.record(document, in: makeSession()).text.contains("#>~ wall "))
    }

    @Test func refusalsAreOneLineWithACaretAndChangeNothing() {
        let s = makeSession()
        run(s, "net elman in=2 hidden=2")
        for (line, message) in [("time", "time what?"), ("time frob", "unknown command 'frob'"), ("time step [1]", "the net takes 2 inputs"),
                                ("time 3", "time what?")] {
            let before = s.transcript
            let outcome = s.execute(line)
            #expect(outcome.error?.message.contains(message) == true, "\(line)")
            #expect(outcome.output.count == 3 && outcome.output[2].contains("^"), "\(line)")
            #expect(s.transcript == before)
        }
    }

    @Test func quietHidesTheTimeAndUnrecordedCommandsStayUnrecorded() {
        let s = makeSession()
        run(s, "net elman in=2 hidden=2")
        #expect(s.execute("time params;").output.isEmpty)
        let count = s.transcript.count
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("time-\(UUID().uuidString).rnn").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let saved = s.execute("time save session \(path)")
        #expect(saved.output.count == 2 && saved.output[1].hasPrefix("wall "))
        #expect(s.transcript.count == count)
    }

    @Test func trainShowsTimesLiveButRecordsWithout() {
        let s = makeSession()
        var live: [String] = []
        s.liveOutput = { live.append($0) }
        run(s, "data slots", "net elman hidden=4 out=auto")
        let shown = run(s, "train epochs=2")
        #expect(live.count == 3 && live[1].hasPrefix("epoch 1/2") && live[1].hasSuffix(")") && live[1].contains("  ("))
        #expect(shown.first?.hasPrefix("done  (in ") == true)
        let recorded = s.transcript.last?.output ?? []
        #expect(recorded.contains("done") && !recorded.contains { $0.contains("(in ") || $0.hasSuffix(" s)") || $0.hasSuffix("ms)") })
        let quietSession = makeSession()
        run(quietSession, "data slots", "net elman hidden=4 out=auto")
        #expect(run(quietSession, "train epochs=2") == recorded)
    }

    @Test func elapsedTimeFormats() {
        #expect(ElapsedTime.format(seconds: 1.234) == "1.23 s")
        #expect(ElapsedTime.format(seconds: 123.4) == "123 s")
        #expect(ElapsedTime.format(seconds: 0.0456) == "45.6 ms")
        #expect(ElapsedTime.format(seconds: 0.000789) == "789 µs")
        #expect(ElapsedTime.format(seconds: -1) == "0 µs" && ElapsedTime.format(seconds: .nan) == "0 µs")
    }
}
