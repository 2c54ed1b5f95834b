import Foundation
import Testing
@testable import Notebook

/// `LastSession`: the prompt's transcript kept as a notebook, rotated.
struct LastSessionTests {
    @Test func writesAfterEachCommandAndRotatesOnTheFirstWrite() throws {
        let dir = try temporaryFolder("last")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/last-session.rnn"
        for round in 1...5 {
            let s = makeSession()
            let last = LastSession(path: path)
            #expect(last.save(s.transcript) == nil)  // nothing typed: nothing written, nothing rotated
            run(s, "net elman in=1 hidden=1")
            for _ in 0..<round { run(s, "seed 1") }
            #expect(last.save(s.transcript) == nil)
            let document = try NotebookDocument.read(path: path)
            #expect(document.commands.count == round + 1)
            #expect(last.bannerLine() == "your last session (\(round + 1) commands) is in \(path): replay it with `load session \(path)`")
        }
        // The three before the last are kept, the oldest dropped.
        for (n, commands) in [(1, 5), (2, 4), (3, 3)] {
            #expect(try NotebookDocument.read(path: LastSession(path: path).rotatedPath(n)).commands.count == commands)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/last-session.4.rnn"))
        #expect(LastSession(path: path).rotatedPath(2) == dir + "/last-session.2.rnn")
    }

    @Test func theSavedNotebookReplaysToTheSameSession() throws {
        let dir = try temporaryFolder("last")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = makeSession()
        run(s, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1", "step [1, 1]")
        let last = LastSession(path: dir + "/last-session.rnn")
        last.save(s.transcript)
        let document = try NotebookDocument.read(path: last.path)
        #expect(NotebookRunner.check(document, in: makeSession()).isEmpty)
        let fresh = makeSession()
        #expect(fresh.execute("load session \(last.path)").output == ["loaded 3 commands from \(last.path)"])
    }

    @Test func aFailureIsReportedOnceAndNoBannerWithoutANotebook() throws {
        let dir = try temporaryFolder("last")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/last-session.rnn", withIntermediateDirectories: true)
        let last = LastSession(path: dir + "/last-session.rnn")
        #expect(last.bannerLine() == nil)
        let s = makeSession()
        run(s, "net elman in=1 hidden=1")
        // A directory at the path: rotated away (it is not destroyed), so this session still writes.
        #expect(last.save(s.transcript) == nil)
        #expect(FileManager.default.fileExists(atPath: dir + "/last-session.1.rnn"))
        let blocked = LastSession(path: dir + "/no-such-folder/\u{0}x/last-session.rnn")
        let first = blocked.save(s.transcript)
        #expect(first != nil)
        run(s, "seed 2")
        #expect(blocked.save(s.transcript) == nil && blocked.failure == first)
        #expect(LastSession(path: dir + "/missing.rnn").bannerLine() == nil)
    }
}
