import RNNKit
/// `quit` / `exit` leave at once (so does Ctrl-D).
struct QuitCommand: Command {
    let name = "quit"
    let aliases = ["exit"]
    let synopsis = "quit | exit"
    let summary = "leave rnnbook (Ctrl-D too); history is kept, and at the prompt the session is in the state folder's last-session.rnn"
    let details = """
        At the prompt the session's commands and outputs are written after every command to
        last-session.rnn beside the history file (the three before it kept as last-session.1.rnn …),
        so quitting, a closed terminal (SIGHUP), SIGTERM or a crash loses nothing; the next start's banner
        says `load session PATH` brings it back. `-e`, notebooks and pipes write none.
        """
    let recordsInTranscript = false

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try line.expectNoMore(after: 0, usage: synopsis)
        return CommandResult([], quit: true)
    }
}
