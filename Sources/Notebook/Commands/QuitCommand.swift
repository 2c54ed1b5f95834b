import RNNKit
/// `quit` / `exit` leave at once (so does Ctrl-D).
struct QuitCommand: Command {
    let name = "quit"
    let aliases = ["exit"]
    let synopsis = "quit | exit"
    let summary = "leave rnnbook (Ctrl-D too); history is kept, the session is not saved"
    let recordsInTranscript = false

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try line.expectNoMore(after: 0, usage: synopsis)
        return CommandResult([], quit: true)
    }
}
