import Foundation
import RNNKit

/// A first-order hidden Markov model tagger: P(tags, words) = P(t₁) Π P(tₖ | tₖ₋₁) P(stop | t_T) Π P(wₖ | tₖ),
/// trained by counting with add-k smoothing and decoded by Viterbi. Its
/// tables are parameters (probabilities), so `params`, `plot weights` and
/// model files treat them as any weights.
///
/// A word is its encoded vector's features: one-hot and `other` give one
/// feature, the word itself; `letter-hash` gives its trigrams, and the
/// emission is then the geometric mean of P(trigram | tag) (naive Bayes,
/// normalised by the number of features). A word none of whose features was
/// seen in training is unknown: P(unknown | tag), counted from the words seen
/// once (hapax legomena), times the geometric mean of P(feature | tag) over
/// its shape and suffixes (`WordShape`), counted over every training word.
public final class HMMTagger: CountTrainable, ChainTagger, SequenceScorer, TagIndexedParameters {
    public let inputWidth: Int
    public let outputWidth: Int
    /// Add-k smoothing of every table.
    public let smoothing: Double
    let shape: WordShape

    /// P(first tag), P(tag | previous tag), P(stop | last tag).
    let start, transitions, stop: Parameter
    /// P(feature | tag) of known words, [tags, input width].
    let emissions: Parameter
    /// P(unknown word | tag).
    let unknown: Parameter
    /// P(shape or suffix slot | tag), [tags, buckets].
    let suffixes: Parameter
    /// How often each input feature was seen in training (0: unknown).
    let frequency: Parameter
    /// How many training words were counted (0: untrained).
    let counted: Parameter

    public let namedParameters: [(name: String, parameter: Parameter)]

    public init(features: Int, tags: Int, smoothing: Double, suffixLength: Int, buckets: Int) {
        inputWidth = features
        outputWidth = tags
        self.smoothing = smoothing
        shape = WordShape(suffixLength: suffixLength, buckets: buckets)
        start = Parameter("start", count: tags)
        transitions = Parameter("transitions", rows: tags, cols: tags)
        stop = Parameter("stop", count: tags)
        emissions = Parameter("emissions", rows: tags, cols: features)
        unknown = Parameter("unknown", count: tags)
        suffixes = Parameter("suffixes", rows: tags, cols: buckets)
        frequency = Parameter("frequency", count: features)
        counted = Parameter("counted", count: 1)
        namedParameters = [("start", start), ("transitions", transitions), ("stop", stop), ("emissions", emissions),
                           ("unknown", unknown), ("suffixes", suffixes), ("frequency", frequency), ("counted", counted)]
        resetTables()
    }

    /// How many numbers the tables of an HMM of these sizes hold.
    public static func numberCount(features: Int, tags: Int, buckets: Int) -> Int {
        tags * (features + buckets + tags + 3) + features + 1
    }

    public var summaryLine: String {
        // `counted` is a parameter: `set` may have made it anything.
        let words = Double(counted.value.data[0])
        let state = words.isFinite && words >= 1 ? "counted over \(format(words.rounded())) words" : "untrained: `train` counts"
        return "hmm(\(inputWidth) features => \(outputWidth) tags, add-\(format(smoothing)), suffixes of 1-\(shape.suffixLength) letters)  # \(parameterCount) numbers, " + state
    }

    public var command: String {
        var words = ["net", "hmm", "in=\(inputWidth)", "out=\(outputWidth)"]
        if smoothing != HMMPlugin.smoothing.defaultValue { words.append("k=\(format(smoothing))") }
        if shape.suffixLength != HMMPlugin.suffixLength.defaultValue { words.append("suffix=\(shape.suffixLength)") }
        if shape.buckets != HMMPlugin.buckets.defaultValue { words.append("buckets=\(shape.buckets)") }
        return words.joined(separator: " ")
    }

    /// Uniform tables: every tag, transition and word equally likely (the scheme does not apply).
    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) { resetTables() }

    private func resetTables() {
        let k = Float(outputWidth)
        start.fill { 1 / k }
        transitions.fill { 1 / (k + 1) }
        stop.fill { 1 / (k + 1) }
        emissions.fill { 1 / Float(max(inputWidth, 1)) }
        unknown.fill { 0.5 }
        suffixes.fill { 1 / Float(max(shape.buckets, 1)) }
        frequency.fill { 0 }
        counted.fill { 0 }
    }

    /// The trellis column `step` shows has one unit per tag.
    public var probesRunOverTags: Bool { true }

    public func tagAxes(of name: String) -> (rows: Bool, columns: Bool) {
        switch name {
        case "transitions": return (true, true)
        case "start", "stop", "unknown": return (false, true)
        case "emissions", "suffixes": return (true, false)
        default: return (false, false)
        }
    }

    // MARK: Decoding

    /// log P(word | tag) for every tag.
    func emissionScores(_ input: SparseVector, word: String?) -> [Double] {
        let cols = inputWidth, e = emissions.value.data, u = unknown.value.data
        let entries = input.entries.filter { $0.index >= 0 && $0.index < cols && $0.value > 0 }
        let weight = entries.reduce(0.0) { $0 + Double($1.value) }
        let known = weight > 0 && entries.contains { frequency.value.data[$0.index] > 0 }
        var scores: [Double] = []
        for tag in 0..<outputWidth {
            if known {
                var sum = log(1 - Double(u[tag]))
                for entry in entries { sum += Double(entry.value) / weight * log(Double(e[tag * cols + entry.index])) }
                scores.append(sum)
            } else {
                scores.append(log(Double(u[tag])) + shapeScore(word, tag: tag))
            }
        }
        return scores
    }

    /// The mean log P(feature | tag) over an unknown word's shape and suffixes (0 without the word).
    private func shapeScore(_ word: String?, tag: Int) -> Double {
        guard let word else { return 0 }
        let slots = shape.features(of: word), s = suffixes.value.data, buckets = shape.buckets
        guard !slots.isEmpty else { return 0 }
        var sum = 0.0
        for slot in slots { sum += log(Double(s[tag * buckets + slot])) }
        return sum / Double(slots.count)
    }

    public func chain(_ inputs: [SparseVector], words: [String]?) throws(CellError) -> LinearChain? {
        try checkWidths(inputs)
        let logs = { (p: Parameter) in p.value.data.map { log(Double($0)) } }
        return LinearChain(start: logs(start), transitions: logs(transitions), end: logs(stop),
                           emissions: inputs.indices.map { emissionScores(inputs[$0], word: words?.indices.contains($0) == true ? words?[$0] : nil) })
    }

    /// Per step, log P(tag | the whole sentence) (forward–backward), one row per sentence.
    public func logits(_ inputs: [[SparseVector]], carry: [StateValues]?, lengths: [Int]?) throws(CellError)
        -> (logits: [Matrix], carry: [StateValues]) {
        let rows = inputs.first?.count ?? 0
        var out = inputs.map { _ in Matrix(rows: rows, cols: outputWidth) }
        for b in 0..<rows {
            let length = min(lengths?[b] ?? inputs.count, inputs.count)
            guard let chain = try chain((0..<length).map { inputs[$0][b] }, words: nil) else { continue }
            for (t, p) in chain.posteriors().tags.enumerated() {
                for tag in 0..<outputWidth { out[t].data[b * outputWidth + tag] = Float(log(max(p[tag], 1e-300))) }
            }
        }
        return (out, [])
    }

    func checkWidths(_ inputs: [SparseVector]) throws(CellError) {
        if let bad = inputs.first(where: { $0.dimension != inputWidth }) {
            throw CellError("the hmm reads \(inputWidth) features per word, not \(bad.dimension): rebuild it with in=auto")
        }
    }

    func format(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : String(x) }
}

extension HMMTagger: ConstrainedParameters {
    /// The probability tables hold numbers in (0, 1] (a zero makes a log-probability of −∞,
    /// and the Viterbi and forward sums NaN); the counts are finite and ≥ 0.
    public var parameterProblem: String? {
        for (name, p) in namedParameters {
            let isCount = p === frequency || p === counted
            guard let i = p.value.data.firstIndex(where: { isCount ? !($0.isFinite && $0 >= 0) : !($0 > 0 && $0 <= 1) }) else { continue }
            let at = p.isVector ? "[\(i)]" : "[\(i / p.value.cols),\(i % p.value.cols)]"
            let v = p.value.data[i], shown = v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
            return "\(name)\(at) would be \(shown), and " + (isCount ? "a count is finite and at least 0" : "a probability is in (0, 1]")
        }
        return nil
    }
}
