import Foundation
import RNNKit

/// `eval [train|valid]`: loss and, for tagged data, accuracy and per-tag F1.
struct EvalCommand: Command {
    let name = "eval"
    let synopsis = "eval [valid|train] [beam=N]"
    let summary = "loss on held-out data; per-tag precision, recall and F1 for tagging, perplexity for text, squared error for real targets; token accuracy, exact match and BLEU for seq2seq"
    let details = """
        Every tagger gets the same table: per-tag precision, recall and F1, accuracy, and for BIO tags
        (`data slots tags=bio`) span precision, recall and F1 counted as CoNLL's conlleval counts them (a span is
        right only if its start, end and type all are) and the invalid transitions in the predictions (I-x after
        neither B-x nor I-x). An HMM or a net with a CRF layer decodes each sentence by Viterbi and its loss is
        −log P(tags | words) per word; a net without one takes each step's argmax and reports its training loss.
        `compare` lists every eval so far side by side.
        An encoder–decoder (`net seq2seq`) reports its loss, token accuracy, exact match and BLEU-4 of greedy
        decoding (`beam=N` decodes by beam search).
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        if let transducer = session.model as? any SequenceTransducer { return try evaluate(line, transducer, in: session) }
        let net = try session.require((any SequenceModel).self, as: "a model that scores or tags sequences", at: line.commandRange)
        try line.expectNoMore(after: 1, usage: synopsis)
        var part = "valid"
        if !line.arguments.isEmpty {
            let (word, range) = try line.word(at: 0, expected: "valid or train")
            guard ["valid", "train"].contains(word) else { throw CommandError("eval takes `valid` or `train`", at: range) }
            part = word
        }
        let data = try TrainingData(session: session, model: net, needsTraining: false, at: line.commandRange)
        let sequences = part == "train" ? data.train : data.validation
        guard !sequences.isEmpty else { throw EvalCommand.emptyPart(part, of: data, at: line.commandRange) }
        var none: SeededGenerator? = nil
        let batches = data.batches(sequences, size: session.evaluationShape.batch, bptt: session.evaluationShape.bptt, shuffle: &none)
        let f = session.format
        guard case .tagged(_, _, let tags)? = session.data else {
            let trained = try session.require((any GradientTrainable).self, as: "a model trained by gradient", at: line.commandRange)
            let loss = try networkCall(at: line.commandRange) { () throws(CellError) in try trained.meanLoss(batches, layout: data.layout) }
            if case .real? = session.data {
                session.recordEvaluation(Evaluation(part: part, loss: loss))
                return CommandResult(["\(part): \(sequences.count) sequences, squared error \(f.format(loss)) per step"])
            }
            session.recordEvaluation(Evaluation(part: part, loss: loss, perplexity: exp(loss)))
            return CommandResult(["\(part): loss \(f.format(loss)) per character, perplexity \(f.format(exp(loss)))"])
        }
        let tagging = SentenceTagging(model: net)
        let result = try networkCall(at: line.commandRange) { () throws(CellError) in try tagging.tag(sequences, batches: batches, layout: data.layout, shouldStop: session.isCancelled) }
        try refuseIfInterrupted(session, at: line.commandRange)
        let counts = Counts(gold: sequences.map(\.targets), predicted: result.tags, classes: tags.count)
        var evaluation = Evaluation(part: part, loss: result.loss ?? .nan, accuracy: counts.accuracy,
                                    tags: Dictionary(uniqueKeysWithValues: tags.indices.map { (tags[$0], counts.scores($0)) }))
        evaluation.model = net.summaryLine.components(separatedBy: "  #")[0]
        evaluation.decoding = tagging.decodesByChain ? "Viterbi" : "argmax"
        var lines = counts.table(tags: tags, format: f)
        if BIOSpans.isBIO(tags) {
            let spans = SpanReport(gold: sequences.map(\.targets), predicted: result.tags, tags: tags)
            evaluation.spans = spans.scores
            evaluation.invalidTransitions = spans.invalid
            lines += spans.lines(format: f)
        }
        session.recordEvaluation(evaluation)
        let loss = result.loss.map { ", loss \(f.format($0)) per word" + (tagging.decodesByChain ? " (−log P(tags | words))" : "") } ?? ""
        return CommandResult(["\(part): \(sequences.count) sentences, \(counts.total) words\(loss)" + (tagging.decodesByChain ? ", Viterbi decoding" : "")] + lines)
    }

    /// Per-class true positives, predictions and gold counts.
    struct Counts {
        var truePositive: [Int], predicted: [Int], gold: [Int]
        var total: Int { gold.reduce(0, +) }

        /// Counts over sentences: `gold[s][t]` against `predicted[s][t]` (targets outside 0..<classes are skipped).
        init(gold goldTags: [[Int]], predicted guesses: [[Int]], classes: Int) {
            truePositive = Array(repeating: 0, count: classes); predicted = truePositive; gold = truePositive
            for (targets, guess) in zip(goldTags, guesses) {
                for (target, g) in zip(targets, guess) where target >= 0 && target < classes && g >= 0 && g < classes {
                    gold[target] += 1
                    predicted[g] += 1
                    if g == target { truePositive[target] += 1 }
                }
            }
        }

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
    func refuseIfInterrupted(_ session: Session, at range: Range<Int>) throws(CommandError) {
        if session.isCancelled() { throw Self.interrupted(at: range) }
    }

    /// What an evaluation stopped by Ctrl-C says.
    static func interrupted(at range: Range<Int>) -> CommandError {
        CommandError("eval interrupted (Ctrl-C): nothing was measured", at: range)
    }

    /// Why there is nothing to evaluate: no sequences at all (words or tokens a
    /// model file brought, without their data), or none in the part asked for.
    static func emptyPart(_ part: String, of data: TrainingData, at range: Range<Int>) -> CommandError {
        if data.train.isEmpty && data.validation.isEmpty {
            return CommandError("there is nothing to evaluate: the session has no sequences (a model file brings its words, not its data): load some with `data …`", at: range)
        }
        return CommandError("the \(part) part is empty: " + (part == "valid" ? "keep some for it with `data … valid=0.2`" : "`eval valid` evaluates the other part"), at: range)
    }

    func completions(after words: [String], in session: Session) -> [String] {
        // beam= decodes an encoder–decoder's outputs.
        let beam = session.model is any SequenceTransducer && !words.contains { $0.hasPrefix("beam=") } ? ["beam="] : []
        return (words.isEmpty ? ["valid", "train"] : []) + beam
    }
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
