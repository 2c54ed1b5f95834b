import RNNKit
/// A notebook file (`Sessions/*.rnn`): commands, each followed by its output
/// on lines starting with `#> ` (compared by `check`) or `#>~ ` (shown, but
/// not compared: output that depends on the machine's floating-point order);
/// other `#` lines and blank lines are kept as comments. Plain text that
/// reads well and diffs well.
public struct NotebookDocument: Equatable, Sendable {
    public enum Item: Equatable, Sendable {
        /// A comment or blank line, kept verbatim.
        case comment(String)
        /// A command with its recorded output.
        case command(RecordedCommand)
    }

    public var items: [Item]

    public init(items: [Item]) { self.items = items }

    /// The marker of an output line that `check` compares.
    static let exactMarker = "#>"
    /// The marker of an output line that is shown but not compared.
    static let machineDependentMarker = "#>~"

    /// Reads a notebook's text (LF, CRLF or CR line ends).
    public init(parsing text: String) {
        var items: [Item] = []
        // `\r\n` is one Character in Swift, and a newline like `\n`.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let body = lines.last == "" ? Array(lines.dropLast()) : lines
        for (i, line) in body.enumerated() {
            if line.hasPrefix(Self.exactMarker), case .command(var command)? = items.last {
                let loose = line.hasPrefix(Self.machineDependentMarker)
                let content = line.dropFirst(loose ? 3 : 2)
                command.output.append(String(content.hasPrefix(" ") ? content.dropFirst() : content))
                if loose { command.machineDependent.insert(command.output.count - 1) }
                items[items.count - 1] = .command(command)
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty || line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                items.append(.comment(line))
            } else {
                items.append(.command(RecordedCommand(text: line, line: i + 1, output: [])))
            }
        }
        self.items = items
    }

    /// A notebook of a session's transcript, with a header comment.
    public init(transcript: [TranscriptEntry], header: [String]) {
        items = header.map { .comment("# " + $0) }
        var line = header.count + 1
        for entry in transcript {
            items.append(.command(RecordedCommand(text: entry.input, line: line, output: entry.output,
                                                  machineDependent: entry.machineDependent)))
            line += 1 + entry.output.count
        }
    }

    /// The commands with their line numbers and recorded outputs.
    public var commands: [RecordedCommand] {
        items.compactMap { if case .command(let c) = $0 { return c } else { return nil } }
    }

    /// The file's text.
    public var text: String {
        var out: [String] = []
        for item in items {
            switch item {
            case .comment(let c): out.append(c)
            case .command(let c):
                out.append(c.text)
                for (i, line) in c.output.enumerated() {
                    let marker = c.machineDependent.contains(i) ? Self.machineDependentMarker : Self.exactMarker
                    out.append(line.isEmpty ? marker : marker + " " + line)
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The same notebook with every command's output replaced (for `record`),
    /// keeping which lines are machine-dependent, and marking those `marking`
    /// names for each command (what the command itself calls machine-dependent).
    public func replacingOutputs(_ outputs: [[String]], marking: [Set<Int>] = []) -> NotebookDocument {
        var k = 0
        return NotebookDocument(items: items.map { item in
            guard case .command(let c) = item else { return item }
            defer { k += 1 }
            let output = k < outputs.count ? outputs[k] : []
            let own = k < marking.count ? marking[k] : []
            return .command(RecordedCommand(text: c.text, line: c.line, output: output,
                                            machineDependent: c.machineDependentLines(in: output).union(own)))
        })
    }
}

/// One command of a notebook, the 1-based line it is on, and its recorded output.
public struct RecordedCommand: Equatable, Sendable {
    public var text: String
    public var line: Int
    public var output: [String]
    /// Indices of output lines recorded with `#>~`: shown, not compared.
    public var machineDependent: Set<Int> = []

    public init(text: String, line: Int, output: [String], machineDependent: Set<Int> = []) {
        self.text = text
        self.line = line
        self.output = output
        self.machineDependent = machineDependent
    }

    /// Which lines of a new `output` for this command keep the `#>~` mark:
    /// those a machine-dependent run takes when `output` matches (numbers
    /// aside); otherwise the same positions, lines past the recorded ones
    /// taking the mark of the last recorded line.
    public func machineDependentLines(in output: [String], comparison: OutputComparison = OutputComparison()) -> Set<Int> {
        guard !machineDependent.isEmpty else { return [] }
        if let aligned = comparison.align(self, output) ?? comparison.align(self, output, textOnly: true) {
            return Set(aligned.indices.filter { aligned[$0] })
        }
        let tailIsLoose = self.output.isEmpty ? false : machineDependent.contains(self.output.count - 1)
        return Set(output.indices.filter { machineDependent.contains($0) || ($0 >= self.output.count && tailIsLoose) })
    }
}

import Foundation

extension NotebookDocument {
    /// Reads a notebook file, or an error naming the file and why. The file
    /// is measured first: one larger than `ReadLimit.notebook` is refused unread.
    public static func read(path: String) throws(CommandError) -> NotebookDocument {
        let bytes: [UInt8]
        do throws(InputFileError) {
            bytes = try InputFile.contents(of: (path as NSString).expandingTildeInPath, limit: .notebook)
        } catch {
            throw CommandError("cannot read \(shownPath(path)): \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CommandError("\(path) is not UTF-8 text") }
        return NotebookDocument(parsing: text)
    }

    /// Writes the notebook to `path` (through `writeFile`: a regular file
    /// only, symlinks followed, the mode kept, a read-only file refused).
    public func write(path: String) throws(CommandError) {
        try writeFile(Data(text.utf8), to: (path as NSString).expandingTildeInPath, shownAs: path, at: nil)
    }
}


/// A path as messages show it: `""` for the empty name, which would otherwise vanish.
func shownPath(_ path: String) -> String { path.isEmpty ? "\"\"" : path }
