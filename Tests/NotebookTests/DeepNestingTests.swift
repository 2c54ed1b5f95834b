import Foundation
import Testing

/// 100,000 `[` through every way a line reaches the parser: one error line
/// with a caret, exit 1, never a crash (30,000 used to overflow the stack).
@Suite(.serialized) struct DeepNestingTests {
    let deep = "set * = " + String(repeating: "[", count: 100_000)

    func expectRefused(_ result: (Int32, String, String), _ how: String) {
        let (code, _, err) = result
        #expect(code == 1, "\(how): exit \(code)")
        #expect(err.contains("not deeper nesting"), "\(how): \(err.prefix(300))")
        #expect(err.contains("^"), "\(how): no caret")
    }

    @Test func everyWayInIsRefusedWithACaret() throws {
        expectRefused(try rnnbook(["-e", "net elman in=1 hidden=1", "-e", deep]), "-e")
        expectRefused(try rnnbook(["--color=never"], stdin: "net elman in=1 hidden=1\n\(deep)\n"), "a pipe")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("deep.rnn").path
        try "net elman in=1 hidden=1\n\(deep)\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let (checkCode, checkOut, _) = try rnnbook(["check", "--color=never", notebook])
        #expect(checkCode == 1 && checkOut.contains("not deeper nesting"), "check: \(checkOut.prefix(300))")
        let (recordCode, _, _) = try rnnbook(["record", notebook])
        #expect(recordCode == 0 || recordCode == 1, "record: exit \(recordCode)")
        let (loadCode, _, loadErr) = try rnnbook(["-e", "load session \(notebook)"])
        #expect(loadCode == 1 && loadErr.contains("not deeper nesting"), "load session: \(loadErr.prefix(300))")
    }
}
