import Foundation

/// A text file read as UTF-8 lines, with checks that turn every way a read
/// can fail (missing, a directory, unreadable, not UTF-8) into a `DataError`.
public struct TextFile: Sendable {
    /// The path as given (used in error messages).
    public let path: String
    /// The lines without their terminators (`\n`, `\r\n` or `\r\n`'s `\r`);
    /// a leading byte-order mark is dropped.
    public let lines: [String]

    /// Reads and decodes `path` (through `FileReading`). Throws for anything
    /// but a readable regular file (naming why), or bytes that are not UTF-8
    /// (naming the line).
    public init(path: String) throws(DataError) {
        self.path = path
        let bytes: [UInt8]
        do throws(FileProblem) { bytes = try FileReading.bytes(atPath: path) } catch {
            throw DataError(file: path, error.reason)
        }
        self.lines = try TextFile.decodeLines(bytes, file: path)
    }

    /// Text from memory (for tests and generated data), split like a file.
    public init(name: String, text: String) {
        path = name
        lines = (try? TextFile.decodeLines(Array(text.utf8), file: name)) ?? []
    }

    /// The whole text, lines joined by `\n`.
    public var text: String { lines.joined(separator: "\n") }

    /// Whether every line is blank.
    public var isBlank: Bool { lines.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

    /// Splits bytes into lines and decodes each, so an encoding error can
    /// name its line. (Splitting decoded text on `"\n"` would miss `\r\n`,
    /// which Swift treats as one `Character`.)
    static func decodeLines(_ bytes: [UInt8], file: String) throws(DataError) -> [String] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.isEmpty { return [] }
        var result: [String] = []
        var pieces = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        for (n, piece) in pieces.enumerated() {
            var slice = piece
            if slice.last == 0x0D { slice = slice.dropLast() }
            guard let line = String(validating: slice, as: UTF8.self) else {
                throw DataError(file: file, line: n + 1, "not UTF-8 text; convert it first (e.g. iconv -f GB18030 -t UTF-8)")
            }
            if line.contains("\0") {
                throw DataError(file: file, line: n + 1, "contains a NUL byte: a binary file, not text")
            }
            result.append(line)
        }
        return result
    }
}
