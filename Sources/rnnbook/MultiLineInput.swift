import Notebook

extension LineEditor {
    /// Reads one command, over several lines while its brackets are open
    /// (`InputCompleteness`), each further line after `   ...: ` as in
    /// IPython. The lines come back joined as one line, which history keeps
    /// as one entry. Ctrl-C drops the whole input; Ctrl-D in a continued
    /// input drops it and leaves, as on an empty line.
    func readInput(prompt: String, width: Int) -> Input {
        let input = read(prompt: prompt)
        guard case .line(let first) = input else { return input }
        var lines = [first]
        while !InputCompleteness.isComplete(lines) {
            switch read(prompt: InputCompleteness.continuationPrompt(width: width)) {
            case .line(let more): lines.append(more)
            case let other: return other
            }
        }
        return .line(InputCompleteness.join(lines))
    }
}
