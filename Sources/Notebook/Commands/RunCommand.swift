import RNNKit

/// `run INPUT...` feeds a sequence and prints a table, one row per step.
struct RunCommand: Command {
    let name = "run"
    let synopsis = "run INPUT…"
    let summary = "feed a sequence from the current memory; print one row per time step"
    let details = """
        run [1, 1] [1, 1] [2, 2]        vectors, one per time step
        run [[1, 1], [1, 1], [2, 2]]    or a matrix, one row per time step
        The memory carries on from the last step and is kept afterwards.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.require((any Steppable).self, as: "a model fed one input at a time", at: line.commandRange)
        guard !line.arguments.isEmpty else {
            throw CommandError("run needs a sequence of inputs, e.g. run [1, 1] [2, 2]", at: line.endRange)
        }
        var inputs: [Matrix] = []
        var words: [String?] = []
        for arg in line.arguments {
            guard case .value(let value, let range) = arg else { throw CommandError("expected an input vector", at: arg.range) }
            if case .matrix(let rows) = value {
                for row in rows { inputs.append(try inputVector(.vector(row), range: range, width: net.inputWidth, session: session)) }
                words += rows.map { _ in nil }
            } else {
                inputs.append(try inputVector(value, range: range, width: net.inputWidth, session: session))
                words.append(value.wordText)
            }
        }
        let start = session.memory.time
        var probes: [[Probes.Entry]] = []
        var note: [String] = []
        // A refused run puts the memory back with the rest of the session (`Session.execute`).
        do throws(CellError) {
            if net.readsWholeSequence {
                probes = try net.run(inputs, memory: &session.memory)
            } else {
                // One step at a time, so Ctrl-C can stop a long sequence (the memory keeps what was fed).
                for x in inputs {
                    probes += try net.run([x], memory: &session.memory)
                    if session.isCancelled(), probes.count < inputs.count {
                        note = ["interrupted (Ctrl-C) after \(probes.count) of \(inputs.count) steps"]
                        break
                    }
                }
            }
        } catch {
            throw CommandError(error.message, at: line.commandRange)
        }
        session.lastProbes = probes
        return CommandResult(ProbeTable.run(probes, startTime: start, format: session.format, width: session.width, words: words) + note
            + ProbeTable.overflowNote(probes) + tagLegend(session))
    }
}
