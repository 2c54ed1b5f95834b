import Foundation
import Testing
import RNNKit

/// Every tag sequence of `length` over `tags` tags (K^T of them).
func allTagSequences(length: Int, tags: Int) -> [[Int]] {
    (0..<length).reduce([[]]) { partial, _ in partial.flatMap { prefix in (0..<tags).map { prefix + [$0] } } }
}

/// A chain of random scores (any reals, as a CRF's).
func randomChain(length: Int, tags: Int, rng: inout SeededGenerator) -> LinearChain {
    func scores(_ n: Int) -> [Double] { (0..<n).map { _ in rng.uniform(-2, 2) } }
    return LinearChain(start: scores(tags), transitions: scores(tags * tags), end: scores(tags),
                       emissions: (0..<length).map { _ in scores(tags) })
}

/// The total score of `tags`, written out from the definition (not `LinearChain.score`).
func pathScore(_ chain: LinearChain, _ tags: [Int]) -> Double {
    var s = chain.start[tags[0]] + chain.end[tags[tags.count - 1]]
    for t in tags.indices { s += chain.emissions[t][tags[t]] + (t > 0 ? chain.transitions[tags[t - 1] * chain.tagCount + tags[t]] : 0) }
    return s
}

@Test(arguments: 1...6) func viterbiFindsTheBestOfEveryTagSequence(length: Int) {
    var rng = SeededGenerator(seed: UInt64(100 + length))
    for _ in 0..<20 {
        let chain = randomChain(length: length, tags: 3, rng: &rng)
        let every = allTagSequences(length: length, tags: 3)
        let best = every.max { pathScore(chain, $0) < pathScore(chain, $1) }!
        let decoded = chain.viterbi()
        #expect(decoded == best, "viterbi \(decoded) scores \(pathScore(chain, decoded)), brute force \(best) scores \(pathScore(chain, best))")
        #expect(abs(chain.score(decoded) - pathScore(chain, decoded)) < 1e-9)
    }
}

@Test(arguments: 1...6) func forwardAlgorithmSumsEveryTagSequence(length: Int) {
    var rng = SeededGenerator(seed: UInt64(200 + length))
    let chain = randomChain(length: length, tags: 3, rng: &rng)
    let every = allTagSequences(length: length, tags: 3)
    let brute = log(every.reduce(0.0) { $0 + exp(pathScore(chain, $1)) })
    #expect(abs(chain.logPartition() - brute) < 1e-9 * max(1, abs(brute)))
    // Posterior marginals: each word's sum to 1, and match the brute-force marginals.
    let posteriors = chain.posteriors()
    #expect(abs(posteriors.logPartition - brute) < 1e-9 * max(1, abs(brute)))
    for t in 0..<length {
        #expect(abs(posteriors.tags[t].reduce(0, +) - 1) < 1e-9)
        for k in 0..<3 {
            let marginal = every.filter { $0[t] == k }.reduce(0.0) { $0 + exp(pathScore(chain, $1) - brute) }
            #expect(abs(posteriors.tags[t][k] - marginal) < 1e-9)
        }
    }
    // Expected transitions: as many as there are word pairs.
    #expect(abs(posteriors.transitions.reduce(0, +) - Double(length - 1)) < 1e-9)
}

@Test func theTrellisKeepsEachTagsBestPathAndItsBackPointer() {
    var rng = SeededGenerator(seed: 7)
    let chain = randomChain(length: 4, tags: 3, rng: &rng)
    let columns = chain.trellis()
    #expect(columns.count == 4 && columns[0].backPointers == nil)
    // Column t's best score for tag k is the best score over paths of t+1 words ending in k (no end score).
    for t in 0..<4 {
        for k in 0..<3 {
            let prefixes = allTagSequences(length: t + 1, tags: 3).filter { $0.last == k }
            let best = prefixes.map { p in pathScore(chain, p) - chain.end[k] }.max()!
            #expect(abs(columns[t].best[k] - best) < 1e-9)
        }
    }
}

@Test func anEmptySentenceHasNoTagsAndPartitionOne() {
    let chain = LinearChain(start: [0, 1], transitions: [0, 0, 0, 0], end: [0, 0], emissions: [])
    #expect(chain.viterbi().isEmpty && chain.logPartition() == 0 && chain.posteriors().tags.isEmpty)
}
