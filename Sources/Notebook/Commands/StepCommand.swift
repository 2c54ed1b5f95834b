import RNNKit

/// `step INPUT` feeds one time step and shows every value the cell computes.
struct StepCommand: Command {
    let name = "step"
    let synopsis = "step INPUT"
    let summary = "feed one time step; show the input, every gate, the memory, hidden state and output"
    let details = """
        step [1, 1]     a vector as wide as the net's input (in=N)
        The memory persists between steps; `reset` clears it. A bidirectional net
        needs the whole sequence: use `run`.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.require((any Steppable).self, as: "a model fed one input at a time", at: line.commandRange)
        guard let arg = line.arguments.first else {
            throw CommandError("step needs an input, e.g. step [\(Array(repeating: "1", count: min(net.inputWidth, 4)).joined(separator: ", "))]", at: line.endRange)
        }
        try line.expectNoMore(after: 1, usage: "\(synopsis) (one step; `run` feeds several)")
        guard case .value(let value, let range) = arg else { throw CommandError("expected an input vector", at: arg.range) }
        let x = try inputVector(value, range: range, width: net.inputWidth, session: session)
        guard !net.readsWholeSequence else {
            throw CommandError(net is any SequenceTransducer ? "an encoder–decoder reads the whole input before it writes: use `run` instead of `step`"
                               : "a bidirectional net reads the whole sequence backwards too: use `run` instead of `step`", at: line.commandRange)
        }
        let probes = try networkCall(at: line.commandRange) { () throws(CellError) in try net.run([x], memory: &session.memory) }
        // Steps since the last reset (or run) form one sequence for `plot gates`.
        session.lastProbes = (session.memory.time == 1 ? [] : session.lastProbes) + probes
        return CommandResult(ProbeTable.step(time: session.memory.time, probes[0], format: session.format, word: value.wordText, width: session.width)
            + ProbeTable.overflowNote(probes) + tagLegend(session))
    }
}
