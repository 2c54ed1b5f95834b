import RNNKit

/// The span lines of `eval` for BIO tags: conlleval's span precision,
/// recall and F1, overall and per type, and the invalid transitions the
/// predictions hold.
struct SpanReport {
    let counts: BIOSpans.Counts
    /// `I-x` tags after neither `B-x` nor `I-x`, over every predicted sentence.
    let invalid: Int
    let predictedWords: Int

    /// Spans of `gold` against `predicted`, tag indices into `tags`.
    init(gold: [[Int]], predicted: [[Int]], tags: [String]) {
        var counts = BIOSpans.Counts(), invalid = 0, words = 0
        func names(_ indices: [Int]) -> [String] { indices.map { tags.indices.contains($0) ? tags[$0] : "O" } }
        for (s, (targets, guess)) in zip(gold, predicted).enumerated() {
            let length = min(targets.prefix { $0 >= 0 }.count, guess.count)
            let guessed = names(Array(guess.prefix(length)))
            counts.add(gold: names(Array(targets.prefix(length))), predicted: guessed, sentence: s)
            invalid += BIOSpans.invalidTransitions(guessed)
            words += length
        }
        self.counts = counts
        self.invalid = invalid
        predictedWords = words
    }

    var scores: SpanScores { SpanScores(precision: counts.precision, recall: counts.recall, f1: counts.f1) }

    func lines(format f: NumberFormat) -> [String] {
        var rows = [["span", "precision", "recall", "F1", "support"]]
        for type in counts.byType.keys.sorted() {
            guard let e = counts.byType[type] else { continue }
            let p = e.predicted > 0 ? Double(e.correct) / Double(e.predicted) : 0, r = e.gold > 0 ? Double(e.correct) / Double(e.gold) : 0
            rows.append([type, f.format(p), f.format(r), f.format(p + r > 0 ? 2 * p * r / (p + r) : 0), "\(e.gold)"])
        }
        rows.append(["all", f.format(counts.precision), f.format(counts.recall), f.format(counts.f1), "\(counts.gold)"])
        return table(rows) + ["span F1 \(f.format(100 * counts.f1))% (conlleval: \(counts.correct) of \(counts.predicted) predicted spans right, \(counts.gold) gold); "
                              + "invalid transitions \(invalid) (I-x after neither B-x nor I-x)"]
    }
}
