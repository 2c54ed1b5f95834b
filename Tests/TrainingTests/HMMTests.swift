import Foundation
import Testing
import RNNKit
import HMMModel

/// A one-hot word over `features` features.
private func word(_ i: Int, of features: Int) -> SparseVector { SparseVector(dimension: features, entries: [(index: i, value: 1)]) }

/// Random probability tables for `hmm` (each distribution normalised), every feature seen.
private func randomTables(_ hmm: HMMTagger, rng: inout SeededGenerator) {
    func distribution(_ n: Int) -> [Float] { let x = (0..<n).map { _ in rng.uniform(0.05, 1) }; let s = x.reduce(0, +); return x.map { Float($0 / s) } }
    let k = hmm.outputWidth, v = hmm.inputWidth
    hmm.parameter(named: "start")!.value.data = distribution(k)
    var transitions: [Float] = [], stop: [Float] = []
    for _ in 0..<k { let row = distribution(k + 1); transitions += row.prefix(k); stop.append(row[k]) }
    hmm.parameter(named: "transitions")!.value.data = transitions
    hmm.parameter(named: "stop")!.value.data = stop
    hmm.parameter(named: "emissions")!.value.data = (0..<k).flatMap { _ in distribution(v) }
    hmm.parameter(named: "unknown")!.value.data = (0..<k).map { _ in Float(rng.uniform(0.01, 0.2)) }
    hmm.parameter(named: "frequency")!.value.data = Array(repeating: 1, count: v)
}

/// P(words, tags) written out from the tables (known words: (1 − P(unknown | tag)) · P(word | tag)).
private func joint(_ hmm: HMMTagger, words: [Int], tags: [Int]) -> Double {
    let k = hmm.outputWidth, v = hmm.inputWidth
    let p = { (name: String, i: Int) in Double(hmm.parameter(named: name)!.value.data[i]) }
    var result = p("start", tags[0]) * p("stop", tags[tags.count - 1])
    for (t, tag) in tags.enumerated() {
        result *= (1 - p("unknown", tag)) * p("emissions", tag * v + words[t])
        if t > 0 { result *= p("transitions", tags[t - 1] * k + tag) }
    }
    return result
}

@Test(arguments: 1...6) func hmmViterbiIsTheMostLikelyTagSequence(length: Int) throws {
    var rng = SeededGenerator(seed: UInt64(300 + length))
    for _ in 0..<10 {
        let hmm = HMMTagger(features: 5, tags: 3, smoothing: 0.1, suffixLength: 3, buckets: 16)
        randomTables(hmm, rng: &rng)
        let words = (0..<length).map { _ in rng.index(below: 5) }
        let chain = try #require(try hmm.chain(words.map { word($0, of: 5) }, words: nil))
        let every = (0..<length).reduce([[Int]]([[]])) { partial, _ in partial.flatMap { p in (0..<3).map { p + [$0] } } }
        let best = every.max { joint(hmm, words: words, tags: $0) < joint(hmm, words: words, tags: $1) }!
        let decoded = chain.viterbi()
        #expect(decoded == best || abs(joint(hmm, words: words, tags: decoded) / joint(hmm, words: words, tags: best) - 1) < 1e-9,
                "viterbi \(decoded) \(joint(hmm, words: words, tags: decoded)), brute force \(best) \(joint(hmm, words: words, tags: best))")
        // Its log-partition is log P(words), and forward–backward's posteriors are P(tag_t | words).
        let evidence = every.reduce(0.0) { $0 + joint(hmm, words: words, tags: $1) }
        #expect(abs(chain.logPartition() - log(evidence)) < 1e-6)
        let posteriors = chain.posteriors().tags
        for t in 0..<length {
            #expect(abs(posteriors[t].reduce(0, +) - 1) < 1e-9)
            let marginal = every.filter { $0[t] == 1 }.reduce(0.0) { $0 + joint(hmm, words: words, tags: $1) } / evidence
            #expect(abs(posteriors[t][1] - marginal) < 1e-6)
        }
    }
}

@Test func countingGivesTheSmoothedRelativeFrequencies() throws {
    // Tags 0 = O, 1 = city; words 0 = "to", 1 = "Paris", 2 = "Rome" (never seen: unknown).
    let hmm = HMMTagger(features: 3, tags: 2, smoothing: 1, suffixLength: 2, buckets: 8)
    func sentence(_ w: [Int], _ t: [Int], _ words: [String]) -> TrainingSequence {
        var s = TrainingSequence(inputs: w.map { word($0, of: 3) }, targets: t)
        s.words = words
        return s
    }
    _ = try hmm.count([sentence([0, 1], [0, 1], ["to", "Paris"]), sentence([0, 0, 1], [0, 0, 1], ["to", "to", "Paris"])])
    let p = { (name: String) in hmm.parameter(named: name)!.value.data }
    // start: O twice of 2 sentences, add-1 over 2 tags → 3/4, 1/4.
    #expect(p("start") == [0.75, 0.25])
    // From O: O→O once, O→city twice, stop never; add-1 over 3 outcomes → 2/6, 3/6, 1/6.
    #expect(zip(p("transitions").prefix(2), [2.0 / 6, 3.0 / 6]).allSatisfy { abs(Double($0) - $1) < 1e-6 })
    #expect(abs(Double(p("stop")[0]) - 1.0 / 6) < 1e-6 && abs(Double(p("stop")[1]) - 3.0 / 5) < 1e-6)
    // city emits Paris twice of 2 city words; add-1 over 3 features → 3/5.
    #expect(abs(Double(p("emissions")[1 * 3 + 1]) - 3.0 / 5) < 1e-6)
    #expect(p("frequency") == [3, 2, 0] && p("counted") == [5])
    // Rome is unknown: it is tagged by the shape and suffix model, as Paris was (capitalised, a city).
    let chain = try #require(try hmm.chain([word(0, of: 3), word(2, of: 3)], words: ["to", "Rome"]))
    #expect(chain.viterbi() == [0, 1])
    // A tag outside the model is refused, and the tables stay as they were.
    #expect(throws: CellError.self) { try hmm.count([TrainingSequence(inputs: [word(0, of: 3)], targets: [5])]) }
    #expect(p("counted") == [5])
}

@Test func theTrellisStepsThroughTheSentence() throws {
    var rng = SeededGenerator(seed: 9)
    let hmm = HMMTagger(features: 4, tags: 3, smoothing: 0.1, suffixLength: 3, buckets: 16)
    randomTables(hmm, rng: &rng)
    let words = [2, 0, 3]
    let chain = try #require(try hmm.chain(words.map { word($0, of: 4) }, words: nil))
    var memory = hmm.zeroMemory()
    let probes = try hmm.run(words.map { word($0, of: 4).dense }, memory: &memory)
    let expected = chain.trellis()
    #expect(memory.time == 3)
    for (t, step) in probes.enumerated() {
        let best = try #require(step.first { $0.name == "best" }).value.data
        #expect(zip(best, expected[t].best).allSatisfy { abs(Double($0) - $1) < 1e-4 * max(1, abs($1)) })
        let back = try #require(step.first { $0.name == "back" }).value.data.map(Int.init)
        #expect(back == (expected[t].backPointers ?? [-1, -1, -1]))
    }
}
