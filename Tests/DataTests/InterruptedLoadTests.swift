import Foundation
import Testing
import RNNKit

/// Ctrl-C in the middle of reading a tagged file stops the read (issue 16):
/// the load throws and returns nothing, in every format.
@Test(arguments: [("w/O x/B\n", TaggedFormat.slash), ("w\tO\n\n", .tsv), ("w _ O\n\n", .conll)])
func aTaggedLoadStopsWhenAsked(line: String, format: TaggedFormat) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("interrupted-\(UUID().uuidString).txt").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try String(repeating: line, count: 20_000).write(toFile: path, atomically: true, encoding: .utf8)
    var asked = 0
    #expect(throws: DataError(file: path, "interrupted (Ctrl-C) while reading it: nothing was changed")) {
        try TaggedLoader.load(from: path, format: format, shouldStop: { asked += 1; return asked == 2 })
    }
    #expect(asked == 2)
    #expect(try TaggedLoader.load(from: path, format: format).count >= 10_000)
}
