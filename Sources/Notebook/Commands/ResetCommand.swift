import RNNKit
/// `reset` clears the memory.
struct ResetCommand: Command {
    let name = "reset"
    let synopsis = "reset"
    let summary = "clear the memory: every state back to zero, time back to t=0"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try line.expectNoMore(after: 0, usage: synopsis)
        _ = try session.require((any Steppable).self, as: "a model that keeps a memory between steps", at: line.commandRange)
        session.resetMemory()
        session.lastProbes = []
        return CommandResult(["memory cleared"])
    }
}
