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
        let net = try session.requireNetwork(at: line.commandRange)
        guard let arg = line.arguments.first else {
            throw CommandError("step needs an input, e.g. step [\(Array(repeating: "1", count: min(net.config.inputSize, 4)).joined(separator: ", "))]", at: line.endRange)
        }
        try line.expectNoMore(after: 1, usage: "\(synopsis) (one step; `run` feeds several)")
        guard case .value(let value, let range) = arg else { throw CommandError("expected an input vector", at: arg.range) }
        let x = try inputVector(value, range: range, width: net.config.inputSize, session: session)
        guard !net.config.bidirectional else {
            throw CommandError("a bidirectional net reads the whole sequence backwards too: use `run` instead of `step`", at: line.commandRange)
        }
        let probes = net.run([x])
        // Steps since the last reset (or run) form one sequence for `plot gates`.
        session.lastProbes = (net.time == 1 ? [] : session.lastProbes) + probes
        return CommandResult(ProbeTable.step(time: net.time, probes[0], format: session.format, word: value.wordText, width: session.width)
            + ProbeTable.overflowNote(probes))
    }
}
