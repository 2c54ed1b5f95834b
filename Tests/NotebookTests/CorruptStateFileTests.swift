import Foundation
import Notebook
import RNNKit
import Testing

/// A damaged model or state file is refused with one line and changes
/// nothing, at every truncation and for every flipped byte of its header.
@Test(arguments: ["state", "model"])
func everyTruncationAndHeaderByteFlipIsRefusedCleanly(kind: String) throws {
    let folder = try scratchFolder("rnnbook-corrupt")
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("good.\(kind)").path
    let a = makeSession()
    run(a, "seed 1", "data slots n=12", "net elman hidden=2 out=auto", "train epochs=1 batch=4", "save \(kind) \(good)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
    let headerLength = Int(bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
    let damaged = folder.appendingPathComponent("damaged.\(kind)").path
    let s = makeSession()
    run(s, "net gru in=3 hidden=2")
    var before = s.network?.namedParameters.map(\.parameter.value)

    func attempt(_ data: Data) throws -> Bool {
        try data.write(to: URL(fileURLWithPath: damaged))
        let outcome = s.execute("load \(kind) \(damaged)")
        if let error = outcome.error {
            #expect(!error.message.contains("\n"), "\(error.message)")
            #expect(s.network?.config.cell == "gru" && s.network?.namedParameters.map(\.parameter.value) == before)
            return false
        }
        // A flip that still parses (a digit of a weight, say) may load: then put the gru back.
        run(s, "net gru in=3 hidden=2")
        before = s.network?.namedParameters.map(\.parameter.value)
        return true
    }
    for length in 0..<bytes.count { #expect(try !attempt(bytes.prefix(length)), "truncated at \(length) loaded") }
    var loaded = 0
    for offset in 0..<min(8 + headerLength, bytes.count) {
        var flipped = bytes
        flipped[offset] ^= 0x5A
        if try attempt(flipped) { loaded += 1 }
    }
    print("\(kind): \(bytes.count) truncations refused; \(loaded) of \(8 + headerLength) header flips still loaded")
}
