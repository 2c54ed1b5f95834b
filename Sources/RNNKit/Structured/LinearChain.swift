import Foundation

/// The scores of one sentence under a first-order linear-chain model, in log
/// space: a score for starting in each tag, for each tag-to-tag transition,
/// for ending in each tag, and for each tag at each word. An HMM's are log
/// probabilities; a CRF's are any real numbers. Viterbi decoding, the forward
/// algorithm's log-partition and forward–backward posteriors are computed
/// here, once, for both.
public struct LinearChain: Sendable, Equatable {
    /// How many tags (K).
    public let tagCount: Int
    /// Score of starting in each tag (K).
    public var start: [Double]
    /// Score of moving from tag i to tag j, row-major: `transitions[i * K + j]`.
    public var transitions: [Double]
    /// Score of ending in each tag (K).
    public var end: [Double]
    /// Score of each tag at each word (T rows of K).
    public var emissions: [[Double]]

    public init(start: [Double], transitions: [Double], end: [Double], emissions: [[Double]]) {
        tagCount = start.count
        self.start = start
        self.transitions = transitions
        self.end = end
        self.emissions = emissions
    }

    /// The number of words (T).
    public var length: Int { emissions.count }

    /// The transition score from `i` to `j`.
    @inline(__always) public func transition(_ i: Int, _ j: Int) -> Double { transitions[i * tagCount + j] }

    /// The total score of one tag sequence (as long as the sentence, every tag in 0..<K).
    public func score(_ tags: [Int]) -> Double {
        guard let first = tags.first, let last = tags.last else { return 0 }
        var total = start[first] + end[last]
        for (t, tag) in tags.enumerated() {
            total += emissions[t][tag]
            if t > 0 { total += transition(tags[t - 1], tag) }
        }
        return total
    }

    /// One column of the Viterbi trellis: the best score of any path ending
    /// in each tag at this word, and the tag before it on that path (nil at
    /// the first word).
    public struct TrellisColumn: Sendable, Equatable {
        public var best: [Double]
        public var backPointers: [Int]?
    }

    /// The Viterbi trellis, one column per word (the end scores not yet added).
    public func trellis() -> [TrellisColumn] {
        guard length > 0 else { return [] }
        let k = tagCount
        var columns = [TrellisColumn(best: (0..<k).map { start[$0] + emissions[0][$0] }, backPointers: nil)]
        for t in 1..<length {
            let previous = columns[t - 1].best
            var best = [Double](repeating: -.infinity, count: k), back = [Int](repeating: 0, count: k)
            for j in 0..<k {
                for i in 0..<k {
                    let s = previous[i] + transition(i, j)
                    if s > best[j] { best[j] = s; back[j] = i }
                }
                best[j] += emissions[t][j]
            }
            columns.append(TrellisColumn(best: best, backPointers: back))
        }
        return columns
    }

    /// The highest-scoring tag sequence (ties go to the lower tag index).
    public func viterbi() -> [Int] {
        let columns = trellis()
        guard let last = columns.last else { return [] }
        let final = (0..<tagCount).map { last.best[$0] + end[$0] }
        var tag = final.indices.max { final[$0] < final[$1] || (final[$0] == final[$1] && $0 > $1) } ?? 0
        var tags = [tag]
        for column in columns.dropFirst().reversed() {
            tag = column.backPointers?[tag] ?? 0
            tags.append(tag)
        }
        return tags.reversed()
    }

    /// Forward scores α_t(j): log of the summed scores of every path over words 0…t ending in j.
    public func forward() -> [[Double]] {
        guard length > 0 else { return [] }
        var alphas = [(0..<tagCount).map { start[$0] + emissions[0][$0] }]
        var terms = [Double](repeating: 0, count: tagCount)
        for t in 1..<length {
            let previous = alphas[t - 1]
            alphas.append((0..<tagCount).map { j in
                for i in 0..<tagCount { terms[i] = previous[i] + transition(i, j) }
                return logSumExp(terms) + emissions[t][j]
            })
        }
        return alphas
    }

    /// Backward scores β_t(i): log of the summed scores of every path from i at word t to the end.
    public func backward() -> [[Double]] {
        guard length > 0 else { return [] }
        var betas = [[Double]](repeating: [], count: length)
        betas[length - 1] = end
        var terms = [Double](repeating: 0, count: tagCount)
        for t in stride(from: length - 2, through: 0, by: -1) {
            let next = betas[t + 1]
            betas[t] = (0..<tagCount).map { i in
                for j in 0..<tagCount { terms[j] = transition(i, j) + emissions[t + 1][j] + next[j] }
                return logSumExp(terms)
            }
        }
        return betas
    }

    /// log Z: the log of the summed scores of every tag sequence (0 for an empty sentence).
    public func logPartition() -> Double {
        guard let last = forward().last else { return 0 }
        return logSumExp((0..<tagCount).map { last[$0] + end[$0] })
    }

    /// What forward–backward gives: log Z, P(tag_t = j | sentence) per word,
    /// and the expected number of each transition i→j (summed over words).
    public struct Posteriors: Sendable {
        public var logPartition: Double
        /// T rows of K probabilities, each row summing to 1.
        public var tags: [[Double]]
        /// Expected transition counts, row-major `[i * K + j]`.
        public var transitions: [Double]
    }

    /// Forward–backward over the sentence.
    public func posteriors() -> Posteriors {
        let alphas = forward(), betas = backward(), k = tagCount
        guard let last = alphas.last else { return Posteriors(logPartition: 0, tags: [], transitions: Array(repeating: 0, count: k * k)) }
        let logZ = logSumExp((0..<k).map { last[$0] + end[$0] })
        let tags = (0..<length).map { t in (0..<k).map { exp(alphas[t][$0] + betas[t][$0] - logZ) } }
        var pairs = [Double](repeating: 0, count: k * k)
        for t in 1..<max(length, 1) {
            for i in 0..<k {
                for j in 0..<k {
                    pairs[i * k + j] += exp(alphas[t - 1][i] + transition(i, j) + emissions[t][j] + betas[t][j] - logZ)
                }
            }
        }
        return Posteriors(logPartition: logZ, tags: tags, transitions: pairs)
    }
}

/// log Σ exp(x), computed without overflow (−∞ for no terms or all −∞).
public func logSumExp(_ x: [Double]) -> Double {
    guard let top = x.max(), top > -.infinity else { return -.infinity }
    guard top.isFinite else { return top }
    return top + log(x.reduce(0) { $0 + exp($1 - top) })
}
