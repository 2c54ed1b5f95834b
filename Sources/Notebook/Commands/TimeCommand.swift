import RNNKit

/// `time COMMAND`: runs COMMAND and prints its wall-clock time after its
/// output (IPython's `%time`). The timing line is machine-dependent: a
/// notebook records it as `#>~`, so `check` shows it but never compares it.
struct TimeCommand: Command {
    let name = "time"
    let synopsis = "time COMMAND"
    let summary = "run COMMAND and print how long it took (`wall 1.23 s`), as IPython's %time"
    let details = """
        time train epochs=3     the training's output, then `wall 2.51 s`
        Wall-clock time around the command alone. A saved notebook records the line
        as `#>~ wall …`: shown, never compared by `rnnbook check`.
        A refused command prints its error and no time; a trailing `;` hides both.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard case .value(.word(let word), let range)? = line.arguments.first else {
            throw CommandError("time what? e.g. `time train epochs=3`", at: line.arguments.first?.range ?? line.endRange)
        }
        guard let command = session.commands.command(named: word) else {
            let hint = closestMatch(to: word, in: session.commands.allNames).map { " (did you mean '\($0)'?)" } ?? ""
            throw CommandError("unknown command '\(word)'\(hint); type `help` for the list", at: range)
        }
        let inner = ParsedLine(command: word, commandRange: range, arguments: Array(line.arguments.dropFirst()),
                               quiet: line.quiet, endRange: line.endRange, source: line.source)
        let clock = ContinuousClock()
        let start = clock.now
        var result = try command.run(inner, in: session)
        let wall = "wall " + ElapsedTime.format(seconds: ElapsedTime.seconds(clock.now - start))
        let recorded = result.transcriptLines ?? result.lines
        result.machineDependent.insert(recorded.count)
        result.transcriptLines = result.transcriptLines.map { $0 + [wall] }
        result.lines.append(wall)
        result.recordsInTranscript = result.recordsInTranscript && command.recordsInTranscript
        return result
    }

    func completions(after words: [String], in session: Session) -> [String] {
        if words.isEmpty { return session.commands.allNames }
        guard let command = session.commands.command(named: words[0]) else { return [] }
        return command.completions(after: Array(words.dropFirst()), in: session)
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] {
        guard let first = words.first, let command = session.commands.command(named: first) else { return [] }
        return command.optionSpecs(after: Array(words.dropFirst()), in: session)
    }

    func completesFilePath(after words: [String]) -> Bool { false }
}
