import RNNKit
/// Replays, checks and records notebooks.
public enum NotebookRunner {
    /// Runs every command of `document` in `session`, calling `echo` with
    /// each command and its new output (machine-dependent lines marked as
    /// recorded). Stops at the first error, which it returns prefixed
    /// `NAME:LINE:`. The session's transcript keeps the `#>~` marks, so a
    /// `save session` after a replay writes them again.
    public static func replay(_ document: NotebookDocument, name: String, in session: Session,
                              echo: (RecordedCommand) -> Void = { _ in }) -> (error: [String]?, quit: Bool) {
        for item in document.items {
            // Comments go with the next command's transcript entry (`export FILE.ipynb` shows them).
            guard case .command(let command) = item else {
                if case .comment(let text) = item { session.execute(text) }
                continue
            }
            let before = session.transcript.count
            let outcome = session.execute(command.text)
            if outcome.error != nil {
                var lines = outcome.output
                if !lines.isEmpty { lines[0] = "\(name):\(command.line): " + lines[0] }
                return (lines, false)
            }
            if session.transcript.count == before + 1 {
                let entry = session.transcript[before]
                session.transcript[before].machineDependent = command.machineDependentLines(in: entry.output).union(entry.machineDependent)
            }
            echo(RecordedCommand(text: command.text, line: command.line, output: outcome.output,
                                 machineDependent: command.machineDependentLines(in: outcome.output).union(outcome.machineDependent)))
            if outcome.quit { return (nil, true) }
            // Ctrl-C: the command in progress stopped cleanly (training after its batch); the rest is not run.
            if session.isCancelled() {
                return (["\(name):\(command.line): interrupted (Ctrl-C) in or after `\(command.text)`; the rest of the notebook was not run"], false)
            }
        }
        return (nil, false)
    }

    /// One command whose output no longer matches the notebook.
    public struct Mismatch: Equatable, Sendable {
        public let line: Int
        public let command: String
        public let recorded: [String]
        public let actual: [String]
        /// Recorded lines marked `#>~` (never the cause of a difference).
        public var machineDependent: Set<Int> = []

        /// A readable diff: `-` recorded lines, `+` new ones, matching and
        /// machine-dependent lines omitted.
        public func render(file: String, tolerance: OutputComparison) -> [String] {
            var out = ["\(file):\(line): output of `\(command)` differs (- recorded, + now)"]
            if recorded.count != actual.count {
                out.append("  (\(recorded.count) line\(recorded.count == 1 ? "" : "s") recorded, \(actual.count) now)")
            }
            for i in 0..<max(recorded.count, actual.count) {
                let r = i < recorded.count ? recorded[i] : nil
                let a = i < actual.count ? actual[i] : nil
                if let r, let a, machineDependent.contains(i) || tolerance.linesMatch(r, a) { continue }
                if let r { out.append("  - \(machineDependent.contains(i) ? "#>~" : "#>") \(r)") }
                if let a { out.append("  + #> \(a)") }
            }
            return out
        }
    }

    /// Replays `document` in `session` comparing each command's output with
    /// the recorded one. A recorded error is expected output, so replay goes on.
    public static func check(_ document: NotebookDocument, in session: Session, tolerance: OutputComparison = OutputComparison()) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        for command in document.commands {
            let outcome = session.execute(command.text)
            // A line the command itself calls machine-dependent (`time`'s) is never compared either.
            var command = command
            command.machineDependent.formUnion(outcome.machineDependent.filter { $0 < command.output.count })
            if !tolerance.outputsMatch(command, outcome.output) {
                mismatches.append(Mismatch(line: command.line, command: command.text, recorded: command.output,
                                           actual: outcome.output, machineDependent: command.machineDependent))
            }
            if outcome.quit { break }
        }
        return mismatches
    }

    /// Replays `document` and returns it with every output re-recorded.
    public static func record(_ document: NotebookDocument, in session: Session) -> NotebookDocument {
        var outputs: [[String]] = []
        var marks: [Set<Int>] = []
        for command in document.commands {
            let outcome = session.execute(command.text)
            outputs.append(outcome.output)
            marks.append(outcome.machineDependent)
            if outcome.quit { break }
        }
        return document.replacingOutputs(outputs, marking: marks)
    }
}
