import Notebook

extension LineEditor {
    /// Reads one command, over several lines while its brackets are open
    /// (`InputCompleteness`), each further line after `   ...: ` as in
    /// IPython. The lines come back joined as one line, which history keeps
    /// as one entry. Ctrl-C drops the whole input; Ctrl-D on an empty
    /// continuation line drops it too and stays (a second Ctrl-D, at the
    /// prompt, leaves), as bash does.
    func readInput(prompt: String, width: Int) -> Input {
        let input = read(prompt: prompt)
        guard case .line(let first) = input else { return input }
        var lines = [first]
        while !InputCompleteness.isComplete(lines) {
            switch read(prompt: InputCompleteness.continuationPrompt(width: width)) {
            case .line(let more): lines.append(more)
            case .end: return .dropped
            case let other: return other
            }
        }
        return .line(InputCompleteness.join(lines))
    }
}
