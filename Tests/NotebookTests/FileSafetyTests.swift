import Foundation
import Glibc
import Testing
import Notebook

/// A fresh folder under the temporary directory, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The permission bits and kind of `path` (lstat: a link is itself).
private func status(_ path: String) -> (kind: UInt32, mode: UInt32) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return (0, 0) }
    return (info.st_mode & S_IFMT, info.st_mode & 0o7777)
}

/// The one error line of `line`, or nil when it succeeded.
private func errorMessage(_ session: Session, _ line: String) -> String? {
    session.execute(line).error?.message
}

/// Saving never destroys what is at the path (the tests run as root, where
/// EACCES never happens, so read-only means the mode's write bits).
@Suite(.serialized) struct FileSafetyTests {
    let session: Session

    init() {
        session = makeSession()
        run(session, "net elman in=1 hidden=1")
    }

    @Test func devicesAndFIFOsAreRefusedAndLeftAlone() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let fifo = folder.file("fifo")
        #expect(mkfifo(fifo, 0o644) == 0)
        for (line, target, kind) in [("save model /dev/null", "/dev/null", S_IFCHR), ("save session \(fifo)", fifo, S_IFIFO),
                                     ("export \(fifo).html", fifo + ".html", 0)] {
            if kind == 0 { #expect(mkfifo(target, 0o644) == 0) }
            let message = errorMessage(session, line)
            #expect(message?.contains("not a regular file") == true, "\(line): \(message ?? "succeeded")")
            #expect(status(target).kind == (kind == 0 ? S_IFIFO : kind), "\(line) changed \(target)")
        }
    }

    @Test func aSymlinkIsWrittenThroughAndStaysALink() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let target = folder.file("real.rnn"), link = folder.file("link.rnn")
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.rnn")
        #expect(errorMessage(session, "save session \(link)") == nil)
        #expect(status(link).kind == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("net elman in=1 hidden=1"))
        // A dangling link creates its target; a loop is named as one.
        let dangling = folder.file("dangling.rnn")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "new.rnn")
        #expect(errorMessage(session, "save model \(dangling)") == nil)
        #expect(status(folder.file("new.rnn")).kind == S_IFREG && status(dangling).kind == S_IFLNK)
        try FileManager.default.createSymbolicLink(atPath: folder.file("a"), withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: folder.file("b"), withDestinationPath: "a")
        #expect(errorMessage(session, "save session \(folder.file("a"))")?.contains("symbolic links") == true)
    }

    @Test func theModeIsKeptAndReadOnlyNeedsForce() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let secret = folder.file("secret.rnn")
        try "x\n".write(toFile: secret, atomically: false, encoding: .utf8)
        #expect(chmod(secret, 0o600) == 0)
        #expect(errorMessage(session, "save session \(secret)") == nil)
        #expect(status(secret).mode == 0o600)

        let readOnly = folder.file("ro.html")
        try "keep\n".write(toFile: readOnly, atomically: false, encoding: .utf8)
        #expect(chmod(readOnly, 0o444) == 0)
        for line in ["export \(readOnly)", "save session \(readOnly)", "save model \(readOnly)"] {
            let message = errorMessage(session, line)
            #expect(message == "cannot write \(readOnly): it is read-only (add `force` to overwrite it)", "\(line): \(message ?? "succeeded")")
        }
        #expect(try String(contentsOfFile: readOnly, encoding: .utf8) == "keep\n")
        #expect(errorMessage(session, "export \(readOnly) force") == nil)
        #expect(try String(contentsOfFile: readOnly, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(status(readOnly).mode == 0o444)
        #expect(errorMessage(session, "save session \(readOnly) forse")?.contains("too many arguments") == true)
    }

    @Test func aNewFileGetsTheUmaskAndNoTemporaryFileIsLeft() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let mask = umask(0o022)
        defer { umask(mask) }
        #expect(errorMessage(session, "save session \(folder.file("new.rnn"))") == nil)
        #expect(status(folder.file("new.rnn")).mode == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["new.rnn"])
    }

    @Test(arguments: [
        ("load session /dev/null", "cannot read /dev/null: not a regular file (a character device)"),
        ("load session /dev/zero", "cannot read /dev/zero: not a regular file (a character device)"),
        ("load model /dev/zero", "cannot read /dev/zero: not a regular file (a character device)"),
        ("load session \"\"", "cannot read \"\": empty file name"),
        ("load model \"\"", "cannot read \"\": empty file name"),
        ("save session \"\"", "cannot write \"\": empty file name"),
        ("load model /proc/self/mem", "cannot read /proc/self/mem: input/output error"),
        ("vocab load /dev/zero", "/dev/zero: not a regular file (a character device)"),
        ("load session /", "cannot read /: it is a directory"),
    ])
    func readersSayWhatIsWrongWithThePath(line: String, message: String) {
        #expect(errorMessage(session, line) == message)
    }

    @Test func aFIFOOrASymlinkLoopIsNamedWhenRead() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let fifo = folder.file("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(errorMessage(session, "load session \(fifo)") == "cannot read \(fifo): not a regular file (a named pipe)")
        #expect(errorMessage(session, "data text \(fifo)")?.hasSuffix("not a regular file (a named pipe)") == true)
        try FileManager.default.createSymbolicLink(atPath: folder.file("a"), withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: folder.file("b"), withDestinationPath: "a")
        #expect(errorMessage(session, "load model \(folder.file("a"))")?.contains("too many levels of symbolic links") == true)
    }
}
