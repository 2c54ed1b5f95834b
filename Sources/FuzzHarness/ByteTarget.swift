import Foundation

/// The byte fuzzer's input: arbitrary bytes as command lines, run one after
/// another on a fresh small session.
public enum ByteTarget {
    /// Lines run per input, at most (the rest is ignored).
    public static let maxLines = 8

    /// The lines `bytes` stands for: split at newlines, decoded as UTF-8
    /// (invalid sequences become U+FFFD, as a terminal's line would reach the
    /// parser), with `/` and `~` turned into `_` so that every file name
    /// stays inside the session's scratch folder.
    public static func lines(_ bytes: [UInt8]) -> [String] {
        let confined = bytes.map { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "~") ? UInt8(ascii: "_") : $0 }
        return confined.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .prefix(maxLines).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `bytes` on a fresh session in `folder` (emptied first); stops at
    /// `quit`. Returns the slowest line and the CPU seconds it took.
    @discardableResult
    public static func run(_ bytes: [UInt8], in folder: String) -> (line: String, seconds: Double) {
        FuzzSession.clear(folder)
        let fuzz = FuzzSession(folder: folder)
        for line in lines(bytes) {
            if fuzz.run(line).quit { break }
        }
        return fuzz.slowest
    }
}
