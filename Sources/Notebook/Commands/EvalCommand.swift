import Foundation
import RNNKit

/// `eval [train|valid]`: loss and, for tagged data, accuracy and per-tag F1.
struct EvalCommand: Command {
    let name = "eval"
    let synopsis = "eval [valid|train]"
    let summary = "loss on held-out data; per-tag precision, recall and F1 for tagging, perplexity for text, squared error for real targets"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.require((any GradientTrainable & SequenceScorer).self, as: "a model trained by gradient that scores sequences", at: line.commandRange)
        try line.expectNoMore(after: 1, usage: synopsis)
        var part = "valid"
        if !line.arguments.isEmpty {
            let (word, range) = try line.word(at: 0, expected: "valid or train")
            guard ["valid", "train"].contains(word) else { throw CommandError("eval takes `valid` or `train`", at: range) }
            part = word
        }
        let data = try TrainingData(session: session, model: net, needsTraining: false, at: line.commandRange)
        let sequences = part == "train" ? data.train : data.validation
        guard !sequences.isEmpty else { throw CommandError("the \(part) part is empty (use `data … valid=0.2`)", at: line.commandRange) }
        var none: SeededGenerator? = nil
        let batches = data.batches(sequences, size: session.evaluationShape.batch, bptt: session.evaluationShape.bptt, shuffle: &none)
        let loss = try networkCall(at: line.commandRange) { () throws(CellError) in
            try net.meanLoss(batches, layout: data.layout, shouldStop: session.isCancelled)
        }
        try refuseIfInterrupted(session, at: line.commandRange)
        let f = session.format
        if case .real? = session.data {
            session.recordEvaluation(Evaluation(part: part, loss: loss))
            return CommandResult(["\(part): \(sequences.count) sequences, squared error \(f.format(loss)) per step"])
        }
        guard case .tagged(_, _, let tags)? = session.data else {
            session.recordEvaluation(Evaluation(part: part, loss: loss, perplexity: exp(loss)))
            return CommandResult(["\(part): loss \(f.format(loss)) per character, perplexity \(f.format(exp(loss)))"])
        }
        let counts = try networkCall(at: line.commandRange) { () throws(CellError) in
            try confusion(net: net, batches: batches, classes: tags.count, shouldStop: session.isCancelled)
        }
        try refuseIfInterrupted(session, at: line.commandRange)
        session.recordEvaluation(Evaluation(part: part, loss: loss, accuracy: counts.accuracy,
                                            tags: Dictionary(uniqueKeysWithValues: tags.indices.map { (tags[$0], counts.scores($0)) })))
        return CommandResult(["\(part): \(sequences.count) sentences, \(counts.total) words, loss \(f.format(loss)) per word"]
            + counts.table(tags: tags, format: f))
    }

    /// Per-class true positives, predictions and gold counts.
    struct Counts {
        var truePositive: [Int], predicted: [Int], gold: [Int]
        var total: Int { gold.reduce(0, +) }

        /// The fraction of words tagged right.
        var accuracy: Double { total > 0 ? Double(truePositive.reduce(0, +)) / Double(total) : 0 }

        /// Precision, recall and F1 of class `i` (0 where undefined).
        func scores(_ i: Int) -> TagScores {
            let p = predicted[i] > 0 ? Double(truePositive[i]) / Double(predicted[i]) : 0
            let r = gold[i] > 0 ? Double(truePositive[i]) / Double(gold[i]) : 0
            return TagScores(precision: p, recall: r, f1: p + r > 0 ? 2 * p * r / (p + r) : 0)
        }

        func table(tags: [String], format f: NumberFormat) -> [String] {
            var rows = [["tag", "precision", "recall", "F1", "support"]]
            for (i, tag) in tags.enumerated() where gold[i] > 0 || predicted[i] > 0 {
                let s = scores(i)
                rows.append([tag, f.format(s.precision), f.format(s.recall), f.format(s.f1), "\(gold[i])"])
            }
            return table(rows) + ["accuracy \(f.format(100 * accuracy))%"]
        }

        private func table(_ rows: [[String]]) -> [String] { Notebook.table(rows) }
    }

    /// Ctrl-C during an evaluation: nothing is shown or kept for `expect`.
    private func refuseIfInterrupted(_ session: Session, at range: Range<Int>) throws(CommandError) {
        if session.isCancelled() { throw CommandError("eval interrupted (Ctrl-C): nothing was measured", at: range) }
    }

    func confusion(net: any SequenceScorer, batches: [Batch], classes: Int, shouldStop: () -> Bool = { false }) throws(CellError) -> Counts {
        var c = Counts(truePositive: Array(repeating: 0, count: classes), predicted: Array(repeating: 0, count: classes),
                       gold: Array(repeating: 0, count: classes))
        for batch in batches where !shouldStop() {
            let out = try net.logits(batch.inputs, carry: nil, lengths: batch.lengths).logits
            for (t, logits) in out.enumerated() {
                for (b, target) in batch.targets[t].enumerated() where target >= 0 && target < classes {
                    let guess = argmax(logits.row(b))
                    c.gold[target] += 1
                    c.predicted[guess] += 1
                    if guess == target { c.truePositive[target] += 1 }
                }
            }
        }
        return c
    }

    func completions(after words: [String], in session: Session) -> [String] { words.isEmpty ? ["valid", "train"] : [] }
}

/// Index of the largest value (0 for an empty row).
func argmax(_ row: [Float]) -> Int {
    row.indices.max { row[$0] < row[$1] } ?? 0
}

/// Probabilities from logits (softmax in Double).
func probabilities(_ logits: [Float], temperature: Double = 1) -> [Double] {
    let scaled = logits.map { Double($0) / max(temperature, 1e-6) }
    let top = scaled.max() ?? 0
    let e = scaled.map { exp($0 - top) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
}
