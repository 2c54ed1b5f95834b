import Foundation
import Testing
@testable import RNNKit

/// Crafted safetensors headers are refused with one line, never a trap:
/// every size computed from the file is checked arithmetic.

/// A file of `header` (JSON) and `data`, with the 8-byte length in front.
private func craft(_ header: String, data: [UInt8] = [], length: UInt64? = nil) -> Data {
    var out = Data()
    withUnsafeBytes(of: (length ?? UInt64(header.utf8.count)).littleEndian) { out.append(contentsOf: $0) }
    out.append(Data(header.utf8))
    out.append(contentsOf: data)
    return out
}

private func refusal(_ data: Data) -> String? {
    do { _ = try SafeTensors.decode(data); return nil } catch { return error.description }
}

@Test(arguments: [
    #"{"w": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F64", "shape": [2305843009213693952], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": [0], "data_offsets": [9223372036854775807, 9223372036854775807]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [9223372036854775800, 9223372036854775816]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 9223372036854775808]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 18446744073709551615]}}"#,
    #"{"w": {"dtype": "F32", "shape": [18446744073709551616], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": [-4, -1], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [-16, 0]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [16, 0]}}"#,
    #"{"w": {"dtype": "F32", "shape": [2.5], "data_offsets": [0, 10]}}"#,
    #"{"w": {"dtype": "F32", "shape": [1e30], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": [true], "data_offsets": [0, 4]}}"#,
    #"{"w": {"dtype": "F32", "shape": ["4"], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16, 32]}}"#,
    #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0]}}"#,
    #"{"w": {"dtype": "I64", "shape": [2], "data_offsets": [0, 16]}}"#,
    #"{"w": {"dtype": "F32", "shape": 4, "data_offsets": [0, 16]}}"#,
    #"{"w": 7}"#,
    #"{"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}, "b": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}"#,
    #"{"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}"#,
    #"{"line\nbreak": {"dtype": "F32\nx", "shape": [4], "data_offsets": [0, 16]}}"#,
    #"[1, 2, 3]"#,
    #"{"#,
])
func craftedHeadersAreRefusedInOneLine(header: String) throws {
    let message = try #require(refusal(craft(header, data: [UInt8](repeating: 0, count: 16))), "accepted: \(header)")
    #expect(!message.contains("\n"), "\(message)")
    #expect(message.count < 300)
}

@Test(arguments: [UInt64.max, UInt64.max - 7, UInt64(1) << 63, (UInt64(1) << 63) - 1, UInt64(1) << 32, 100_000_000, 17, 9] as [UInt64])
func aHeaderLengthBeyondTheFileIsRefused(length: UInt64) throws {
    let data = craft(#"{"a": 1}"#, length: length)
    let message = try #require(refusal(data))
    #expect(message.hasPrefix("not a safetensors file") || message.hasPrefix("truncated"), "\(message)")
    #expect(!message.contains("\n"))
}

/// A file cut short says how much is missing, in the header or in the tensors.
@Test func aTruncatedFileSaysHowManyBytesAreMissing() throws {
    let contents = SafeTensors.Contents(tensors: ["a": .init(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]),
                                                  "b": .init(shape: [4], values: [1, 2, 3, 4])],
                                        metadata: ["net": "net elman in=2 hidden=2"])
    let whole = SafeTensors.encode(contents)
    #expect(refusal(whole.prefix(whole.count - 10)) == "truncated: 10 bytes missing (tensor 'b' ends at byte 40 of the data, the file has 30)")
    #expect(refusal(whole.prefix(whole.count - 40))?.hasPrefix("truncated: 40 bytes missing") == true)
    #expect(refusal(whole.prefix(30))?.hasPrefix("truncated: ") == true)
    #expect(refusal(whole.prefix(30))?.contains("the header alone is") == true)
    #expect(refusal(whole.prefix(5))?.contains("too short") == true)
    #expect(try SafeTensors.decode(whole) == contents)
}

/// Reading from a file checks each part against the file's size before reading it.
@Test func readingAFileChecksItsSizeFirst() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let contents = SafeTensors.Contents(tensors: ["a": .init(shape: [3], values: [1, 2, 3])], metadata: ["k": "v"])
    try SafeTensors.encode(contents).write(to: URL(fileURLWithPath: path))
    #expect(try SafeTensors.read(InputFile(path: path, limit: .modelFile)) == contents)
    // A header that claims 60 MB of a 300 MB sparse file reads 8 bytes and stops.
    try craft(#"{}"#, length: 60 << 20).write(to: URL(fileURLWithPath: path))
    #expect(truncate(path, 300 << 20) == 0)
    #expect(throws: SafeTensors.FormatError.self) { try SafeTensors.read(InputFile(path: path, limit: .modelFile)) }
    // Larger than a model file may be: refused before anything is read.
    #expect(truncate(path, 3 << 30) == 0)
    do {
        _ = try InputFile(path: path, limit: .modelFile)
        Issue.record("a 3 GB file was opened")
    } catch {
        #expect(error.reason == "3.0 GB is more than the 512 MB rnnbook reads for a model file")
    }
}

/// A tensor named twice is refused (a JSON parser would silently keep the last);
/// the same name inside a value (metadata) is fine.
@Test func aTensorNamedTwiceIsRefused() throws {
    let twice = #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
    var bytes = withUnsafeBytes(of: UInt64(twice.utf8.count).littleEndian, Array.init) + Array(twice.utf8)
    bytes += [UInt8](repeating: 0, count: 8)
    #expect(throws: SafeTensors.FormatError.self) { try SafeTensors.decode(Data(bytes)) }
    #expect(SafeTensors.Layout.repeatedKey(ArraySlice(Array(#"{"a":{"a":1},"b":"a","c":[{"a":2}]}"#.utf8))) == nil)
    #expect(SafeTensors.Layout.repeatedKey(ArraySlice(Array(#"{"a\"b":1,"a\"b":2}"#.utf8))) == #"a\"b"#)
}
