import Foundation
import RNNKit

/// `step` and `run` on an HMM: each word adds one Viterbi trellis column,
/// the best log score of any tag path ending in each tag and the tag before
/// it on that path. The memory is the last column.
extension HMMTagger: Steppable {
    static let columnSlot = StateSlot("viterbi")

    public var readsWholeSequence: Bool { false }

    public func zeroMemory() -> NetworkMemory {
        NetworkMemory(states: [StateLayout([(Self.columnSlot, outputWidth)]).zeros(batch: 1)])
    }

    public func run(_ inputs: [Matrix], memory: inout NetworkMemory) throws(CellError) -> [[Probes.Entry]] {
        var previous = memory.time == 0 ? nil : memory.states.first?[Self.columnSlot]?.data.map(Double.init)
        var probes: [[Probes.Entry]] = []
        for x in inputs {
            guard x.cols == inputWidth, x.rows == 1 else { throw CellError("the hmm reads \(inputWidth) features per word, not \(x.cols)") }
            let vector = SparseVector(dimension: inputWidth, entries: x.data.enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element) })
            let emission = emissionScores(vector, word: nil)
            var best = [Double](repeating: -.infinity, count: outputWidth), back = [Float](repeating: -1, count: outputWidth)
            for j in 0..<outputWidth {
                if let previous {
                    for i in 0..<outputWidth {
                        let s = previous[i] + log(Double(transitions.value.data[i * outputWidth + j]))
                        if s > best[j] { best[j] = s; back[j] = Float(i) }
                    }
                } else {
                    best[j] = log(Double(start.value.data[j]))
                }
                best[j] += emission[j]
            }
            previous = best
            memory.time += 1
            probes.append([
                Probes.Entry(.input, name: "x", label: "the word's features", value: x),
                Probes.Entry(.hidden, name: "best", label: "best log score of a path ending in each tag", value: Matrix(row: best.map(Float.init))),
                Probes.Entry(.other, name: "back", label: "the tag before it on that path (-1: first word)", value: Matrix(row: back)),
                Probes.Entry(.output, name: "y", label: "log P(word | tag)", value: Matrix(row: emission.map(Float.init))),
            ])
        }
        if let previous { memory.states = [StateValues(layout: StateLayout([(Self.columnSlot, outputWidth)]), values: [Matrix(row: previous.map(Float.init))])] }
        return probes
    }
}
