import Foundation
import RNNKit

extension HMMTagger {
    /// What counting a data set gives, before smoothing.
    struct Counts {
        var start: [Double], transitions: [Double], stop: [Double], emissions: [Double], tags: [Double]
        var frequency: [Double], rare: [Double], suffixes: [Double], suffixTotals: [Double]
        var words = 0, sentences = 0

        init(tags k: Int, features v: Int, buckets b: Int) {
            start = Array(repeating: 0, count: k); transitions = Array(repeating: 0, count: k * k); stop = start
            emissions = Array(repeating: 0, count: k * v); tags = start; frequency = Array(repeating: 0, count: v)
            rare = start; suffixes = Array(repeating: 0, count: k * b); suffixTotals = start
        }
    }

    /// Counts every table from `sequences` and replaces the model's with the
    /// add-k smoothed probabilities. Sets nothing when a target is not a tag.
    public func count(_ sequences: [TrainingSequence]) throws(CellError) -> [String] {
        let k = outputWidth, v = inputWidth, buckets = shape.buckets
        var c = Counts(tags: k, features: v, buckets: buckets)
        for sequence in sequences {
            if sequence.realTargets != nil { throw CellError("an hmm counts tags, and this data has real-valued targets: use a net") }
            try checkWidths(sequence.inputs)
            let tags = Array(sequence.targets.prefix { $0 >= 0 }.prefix(sequence.inputs.count))
            if let bad = tags.first(where: { $0 >= k }) { throw CellError("tag \(bad) is outside the hmm's \(k) tags: rebuild it with out=auto") }
            guard let first = tags.first, let last = tags.last else { continue }
            c.sentences += 1
            c.start[first] += 1
            c.stop[last] += 1
            for (t, tag) in tags.enumerated() {
                if t > 0 { c.transitions[tags[t - 1] * k + tag] += 1 }
                c.tags[tag] += 1
                c.words += 1
                let entries = sequence.inputs[t].entries.filter { $0.index < v && $0.value > 0 }
                let weight = entries.reduce(0.0) { $0 + Double($1.value) }
                for e in entries {
                    c.emissions[tag * v + e.index] += Double(e.value) / weight
                    c.frequency[e.index] += 1
                }
                if let word = sequence.words?[safe: t] {
                    for slot in shape.features(of: word) { c.suffixes[tag * buckets + slot] += 1; c.suffixTotals[tag] += 1 }
                }
            }
        }
        // Words seen once stand for the words never seen (Good–Turing's idea).
        for sequence in sequences {
            for (t, tag) in sequence.targets.prefix(while: { $0 >= 0 }).prefix(sequence.inputs.count).enumerated() {
                let seen = sequence.inputs[t].entries.filter { $0.index < v && $0.value > 0 }.map { c.frequency[$0.index] }
                if (seen.max() ?? 0) <= 1 { c.rare[tag] += 1 }
            }
        }
        store(c)
        let unseen = c.frequency.filter { $0 == 0 }.count
        return ["counted \(c.words) words in \(c.sentences) sentences: \(k) tags, \(v - unseen) of \(v) features seen, "
                + "\(Int(c.rare.reduce(0, +))) words seen once (the unknown-word model), add-\(format(smoothing)) smoothing"]
    }

    /// The smoothed probabilities of `c` into the parameters.
    private func store(_ c: Counts) {
        let k = outputWidth, v = inputWidth, buckets = shape.buckets, a = smoothing
        let sentences = c.start.reduce(0, +)
        start.value.data = c.start.map { Float(($0 + a) / (sentences + a * Double(k))) }
        for i in 0..<k {
            // A row of transitions and its stop probability sum to 1.
            let leaving = c.transitions[(i * k)..<((i + 1) * k)].reduce(0, +) + c.stop[i] + a * Double(k + 1)
            for j in 0..<k { transitions.value.data[i * k + j] = Float((c.transitions[i * k + j] + a) / leaving) }
            stop.value.data[i] = Float((c.stop[i] + a) / leaving)
            for f in 0..<v { emissions.value.data[i * v + f] = Float((c.emissions[i * v + f] + a) / (c.tags[i] + a * Double(v))) }
            unknown.value.data[i] = Float((c.rare[i] + a) / (c.tags[i] + 2 * a))
            for s in 0..<buckets {
                suffixes.value.data[i * buckets + s] = Float((c.suffixes[i * buckets + s] + a) / (c.suffixTotals[i] + a * Double(buckets)))
            }
        }
        frequency.value.data = c.frequency.map(Float.init)
        counted.value.data = [Float(c.words)]
    }
}

extension Array {
    /// The element at `i`, or nil outside the array.
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
