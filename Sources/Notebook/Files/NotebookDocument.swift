import RNNKit
/// A notebook file (`Sessions/*.rnn`): commands, each followed by its output
/// on lines starting with `#> `; other `#` lines and blank lines are kept as
/// comments. Plain text that reads well and diffs well.
public struct NotebookDocument: Equatable, Sendable {
    public enum Item: Equatable, Sendable {
        /// A comment or blank line, kept verbatim.
        case comment(String)
        /// A command, the 1-based line it is on, and its recorded output.
        case command(String, line: Int, output: [String])
    }

    public var items: [Item]

    public init(items: [Item]) { self.items = items }

    /// Reads a notebook's text (LF or CRLF).
    public init(parsing text: String) {
        var items: [Item] = []
        // `\r\n` is one Character in Swift, and a newline like `\n`.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let body = lines.last == "" ? Array(lines.dropLast()) : lines
        for (i, line) in body.enumerated() {
            if line.hasPrefix("#>"), case .command(let text, let number, let output)? = items.last {
                let content = line.dropFirst(2)
                items[items.count - 1] = .command(text, line: number, output: output + [String(content.hasPrefix(" ") ? content.dropFirst() : content)])
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty || line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                items.append(.comment(line))
            } else {
                items.append(.command(line, line: i + 1, output: []))
            }
        }
        self.items = items
    }

    /// A notebook of a session's transcript, with a header comment.
    public init(transcript: [TranscriptEntry], header: [String]) {
        items = header.map { .comment("# " + $0) }
        var line = header.count + 1
        for entry in transcript {
            items.append(.command(entry.input, line: line, output: entry.output))
            line += 1 + entry.output.count
        }
    }

    /// The commands with their line numbers and recorded outputs.
    public var commands: [(text: String, line: Int, output: [String])] {
        items.compactMap { if case .command(let t, let l, let o) = $0 { return (t, l, o) } else { return nil } }
    }

    /// The file's text.
    public var text: String {
        var out: [String] = []
        for item in items {
            switch item {
            case .comment(let c): out.append(c)
            case .command(let c, _, let output):
                out.append(c)
                out += output.map { $0.isEmpty ? "#>" : "#> " + $0 }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The same notebook with every command's output replaced (for `record`).
    public func replacingOutputs(_ outputs: [[String]]) -> NotebookDocument {
        var k = 0
        return NotebookDocument(items: items.map { item in
            guard case .command(let c, let l, _) = item else { return item }
            defer { k += 1 }
            return .command(c, line: l, output: k < outputs.count ? outputs[k] : [])
        })
    }
}

import Foundation

extension NotebookDocument {
    /// Reads a notebook file, or an error naming the file and why.
    public static func read(path: String) throws(CommandError) -> NotebookDocument {
        let bytes: [UInt8]
        do throws(FileProblem) { bytes = try FileReading.bytes(atPath: (path as NSString).expandingTildeInPath) } catch {
            throw CommandError("cannot read \(path.isEmpty ? "\"\"" : path): \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandError("\(path) is not UTF-8 text")
        }
        return NotebookDocument(parsing: text)
    }

    /// Writes the notebook to `path` (through `writeFile`: a regular file
    /// only, symlinks followed, the mode kept, a read-only file refused).
    public func write(path: String) throws(CommandError) {
        try writeFile(Data(text.utf8), to: (path as NSString).expandingTildeInPath, shownAs: path, at: nil)
    }
}

