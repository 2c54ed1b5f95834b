/// A text file read as UTF-8 lines, with checks that turn every way a read
/// can fail (missing, a directory, unreadable, not UTF-8) into a `DataError`.
public struct TextFile: Sendable {
    /// The path as given (used in error messages).
    public let path: String
    /// The lines without their terminators (`\n`, `\r\n` or a lone `\r`);
    /// a leading byte-order mark is dropped.
    public let lines: [String]

    /// Reads and decodes `path`. Throws for a missing file, a directory, an
    /// unreadable file, one larger than `ReadLimit.dataFile` (before reading
    /// it) or bytes that are not UTF-8 (naming the line).
    public init(path: String) throws(DataError) {
        self.path = path
        let bytes: [UInt8]
        do throws(InputFileError) { bytes = try InputFile.contents(of: path, limit: .dataFile) } catch {
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
        for (n, slice) in lineSlices(body).enumerated() {
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

    /// The lines of `bytes`, each ending at `\n`, `\r\n` or a lone `\r`
    /// (old Mac files would otherwise be one long line); a last line
    /// without an ending counts, an empty one after the last ending does not.
    static func lineSlices(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var slices: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            let byte = bytes[i]
            guard byte == 0x0A || byte == 0x0D else { i += 1; continue }
            slices.append(bytes[start..<i])
            i += byte == 0x0D && i + 1 < bytes.endIndex && bytes[i + 1] == 0x0A ? 2 : 1
            start = i
        }
        if start < bytes.endIndex { slices.append(bytes[start...]) }
        return slices
    }
}
