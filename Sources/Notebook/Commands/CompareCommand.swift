import RNNKit

/// `compare`: every `eval` of this session side by side, one row each, so
/// models evaluated on the same data compare line by line.
struct CompareCommand: Command {
    let name = "compare"
    let synopsis = "compare"
    let summary = "every `eval` so far side by side: model, decoding, loss, accuracy, span F1, invalid transitions"
    let details = """
        One row per `eval` since the session began, in order: the model, how it chose its tags (Viterbi through a
        chain for an HMM or a CRF, else each step's argmax), the part evaluated, its loss per word, accuracy, span
        F1 (conlleval, BIO tags) and the invalid BIO transitions it predicted. A model's loss is what it is trained
        on: a net's per-step cross-entropy, a chain's −log P(tags | words); they are comparable only within a kind.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try line.expectNoMore(after: 0, usage: synopsis)
        let tagged = session.evaluationLog.filter { $0.accuracy != nil }
        guard !tagged.isEmpty else { throw CommandError("nothing to compare yet: `eval` a tagger first (each `eval` adds a row)", at: line.commandRange) }
        let f = session.format
        var rows = [["#", "model", "decoding", "part", "loss", "accuracy", "span F1", "invalid"]]
        for (i, e) in tagged.enumerated() {
            rows.append(["\(i + 1)", e.model ?? "", e.decoding ?? "", e.part, e.loss.isNaN ? "" : f.format(e.loss),
                         e.accuracy.map { f.format(100 * $0) + "%" } ?? "", e.spans.map { f.format(100 * $0.f1) + "%" } ?? "",
                         e.invalidTransitions.map(String.init) ?? ""])
        }
        return CommandResult(table(rows))
    }
}
