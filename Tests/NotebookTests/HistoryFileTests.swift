import Foundation
import Glibc
import Testing
import Notebook
import RNNKit

/// The history file is used only when it looks like one.
@Suite struct HistoryFileTests {
    let header = Array("_HiStOrY_V2_\nset\\040*\\040=\\0401\n".utf8)

    @Test func theDecisionFromWhatIsAtThePath() {
        func check(_ kind: PathKind, _ bytes: [UInt8] = []) -> HistoryFileCheck {
            HistoryFile.check(shownAs: "h", kind: .success(kind), firstBytes: bytes)
        }
        #expect(check(.missing) == .new)
        #expect(check(.regular(size: 0, mode: 0o600)) == .existing)
        #expect(check(.regular(size: header.count, mode: 0o600), header) == .existing)
        #expect(check(.regular(size: 3, mode: 0o644), Array("hi\n".utf8)) == .disabled("h is not an rnnbook history file"))
        #expect(check(.regular(size: 3 << 30, mode: 0o644), header) == .disabled("h is 3.0 GB, larger than a history file can be"))
        #expect(check(.directory) == .disabled("h is a directory"))
        #expect(check(.special("a named pipe")) == .disabled("h is not a regular file (a named pipe)"))
        #expect(HistoryFile.check(shownAs: "/dev/null", kind: .success(.special("a character device")), firstBytes: []) == .off)
        #expect(HistoryFile.check(shownAs: "h", kind: .failure(FileProblem(errno: ELOOP)), firstBytes: [])
                == .disabled("h: too many levels of symbolic links (a symlink loop?)"))
    }

    @Test func checkingAPathNeverBlocksOrReadsADevice() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let fifo = folder.file("fifo")
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(HistoryFile.check(path: fifo) == .disabled("\(fifo) is not a regular file (a named pipe)"))
        #expect(HistoryFile.check(path: "/dev/zero") == .disabled("/dev/zero is not a regular file (a character device)"))
        #expect(HistoryFile.check(path: "/dev/null") == .off)
        #expect(HistoryFile.check(path: folder.file("none")) == .new)
        try "hi\n".write(toFile: folder.file("notes.txt"), atomically: false, encoding: .utf8)
        #expect(HistoryFile.check(path: folder.file("notes.txt")) == .disabled("\(folder.file("notes.txt")) is not an rnnbook history file"))
    }

    @Test func savingKeepsTheModeOfTheFileItReplaces() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("history")
        try Data(header).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o640) == 0)
        let failure = HistoryFile.save(to: path) { temporary in
            FileManager.default.createFile(atPath: temporary, contents: Data(header + Array("step\\040[1]\n".utf8)))
        }
        #expect(failure == nil)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o7777 == 0o640)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("step\\040[1]\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["history"])
    }
}

/// The prompt itself, run on a pseudo-terminal through script(1).
@Suite(.serialized) struct HistoryPromptTests {
    func prompt(history: String) throws -> (Int32, String) {
        let (code, out, _) = try runProcess(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", "\"\(try binary().path)\" -q", "/dev/null"],
                                            environment: ["RNNBOOK_HISTORY": history], stdin: "net elman in=1 hidden=1\nquit\n")
        return (code, out)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")), .timeLimit(.minutes(1)))
    func anUnusableHistoryFileIsLeftAloneAndSaidOnce() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let notes = folder.file("notes.txt")
        try "my notes\n".write(toFile: notes, atomically: false, encoding: .utf8)
        let (code, out) = try prompt(history: notes)
        #expect(code == 0)
        #expect(out.components(separatedBy: "history disabled: \(notes) is not an rnnbook history file").count == 2, "\(out)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my notes\n")
        for device in ["/dev/zero", "/dev/null"] {
            let (code, out) = try prompt(history: device)
            #expect(code == 0 && out.contains("elman(1 => 1, tanh)"), "\(device): \(out)")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & 0o777 == 0o666)
        let fresh = folder.file("state/rnnbook/history")
        _ = try prompt(history: fresh)
        #expect(try String(contentsOfFile: fresh, encoding: .utf8).hasPrefix("_HiStOrY_V2_\nnet\\040elman"))
    }
}
