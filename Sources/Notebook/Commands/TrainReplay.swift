/// The `train` command that replays an interrupted one: the same options,
/// with `epochs=` set to the epoch Ctrl-C stopped in and `partial=` to the
/// batches of it that ran. Replayed from the same state it runs the same
/// shuffles and steps, so it ends at the same weights and optimizer state.
struct TrainReplay {
    /// `train … epochs=E partial=K`, without a trailing `;`.
    let command: String
    /// `command`, with the `;` of the original line when it had one (the line the transcript records).
    let input: String

    /// `epochs` is counted within the interrupted call (1 = its first epoch), `partial` is the last batch that ran.
    init(line: ParsedLine, epochs: Int, partial: Int) {
        let replaced: Set<String> = [TrainCommand.epochs.spec.key, TrainCommand.partial.spec.key]
        let kept = line.arguments.compactMap { argument -> String? in
            if case .option(let key, _, _, _) = argument, replaced.contains(key) { return nil }
            return line.text(of: argument.range)
        }
        command = ([line.command] + kept + ["epochs=\(epochs)", "partial=\(partial)"]).joined(separator: " ")
        input = command + (line.quiet ? ";" : "")
    }
}
