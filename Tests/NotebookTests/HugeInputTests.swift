import Foundation
import Testing
import Notebook
import RNNKit

/// Files are measured before they are read: a huge input is refused at
/// once, with the size it would need, and changes nothing. The files are
/// sparse (`truncate`), so the test takes no disk space and no time.

/// A sparse file of `size` bytes at a fresh path; remove its folder afterwards.
private func sparseFile(_ name: String, size: Int) throws -> (folder: String, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-huge-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = (folder as NSString).appendingPathComponent(name)
    #expect(FileManager.default.createFile(atPath: path, contents: Data("word/O\n".utf8)))
    #expect(truncate(path, off_t(size)) == 0)
    return (folder, path)
}

@Test(arguments: [
    ("vocab load {F}", "3.0 GB is more than the 256 MB rnnbook reads for a data file"),
    ("data tagged {F}", "3.0 GB is more than the 256 MB rnnbook reads for a data file"),
    ("data text {F}", "3.0 GB is more than the 256 MB rnnbook reads for a data file"),
    ("data fortunes {F}", "3.0 GB is more than the 256 MB rnnbook reads for a data file"),
    ("load session {F}", "3.0 GB is more than the 64 MB rnnbook reads for a notebook"),
    ("replay {F}", "3.0 GB is more than the 64 MB rnnbook reads for a notebook"),
    ("load model {F}", "3.0 GB is more than the 512 MB rnnbook reads for a model file"),
])
func aHugeFileIsRefusedBeforeItIsRead(command: String, message: String) throws {
    let (folder, path) = try sparseFile("big.txt", size: 3 << 30)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let session = makeSession()
    run(session, "net elman in=2 hidden=2", "vocab a b")
    let before = (session.transcript, session.vocabulary.words, session.network?.command)
    let line = command.replacingOccurrences(of: "{F}", with: path)
    let error = try #require(session.execute(line).error, "\(line) was accepted")
    #expect(error.message.hasSuffix(message), "\(error.message)")
    #expect(!error.message.contains("\n"))
    #expect(session.transcript == before.0 && session.vocabulary.words == before.1 && session.network?.command == before.2)
}

/// A notebook a little over its limit is refused too (the limit is exact, not a rounding).
@Test func theLimitIsExact() throws {
    let (folder, path) = try sparseFile("big.rnn", size: ReadLimit.notebook.bytes + 1)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let error = try #require(makeSession().execute("load session \(path)").error)
    #expect(error.message.contains("64 MB is more than the 64 MB rnnbook reads for a notebook"), "\(error.message)")
}

/// A stream without end (a device) is not read at all.
@Test func anEndlessStreamIsNotRead() throws {
    let error = try #require(makeSession().execute("load session /dev/zero").error)
    #expect(error.message == "cannot read /dev/zero: not a regular file (a character device)", "\(error.message)")
}

@Test func sizesReadAsPeopleWriteThem() {
    #expect("\(ByteCount(0))" == "0 bytes")
    #expect("\(ByteCount(1))" == "1 byte")
    #expect("\(ByteCount(1023))" == "1023 bytes")
    #expect("\(ByteCount(1536))" == "1.5 KB")
    #expect("\(ByteCount(3 << 30))" == "3.0 GB")
    #expect("\(ByteCount(256 << 20))" == "256 MB")
    #expect("\(ByteCount(Int.max))" == "8.0 EB")
}
