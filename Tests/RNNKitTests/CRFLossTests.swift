import Foundation
import Testing
import RNNKit
import CellTesting

/// `crf.json`: a batch of three sentences (lengths 5, 3, 1) under pytorch-crf's formulation, in float64.
private struct CRFReference: Decodable {
    let tags: [[Int]]
    let lengths: [Int]
    let emissions: RefTensor
    let start_transitions: RefTensor
    let end_transitions: RefTensor
    let transitions: RefTensor
    let log_partition: [Double]
    let gold_score: [Double]
    let nll: Double
    let grads: [String: RefTensor]

    static func load() throws -> CRFReference { try JSONDecoder().decode(CRFReference.self, from: referenceData("crf")) }

    /// Step t's emissions `[batch, K]`.
    func emissions(at t: Int) -> Matrix {
        let (b, k) = (emissions.shape[1], emissions.shape[2])
        return Matrix(rows: b, cols: k, data: emissions.data[(t * b * k)..<((t + 1) * b * k)].map(Float.init))
    }

    func row(_ r: RefTensor) -> Matrix { Matrix(row: r.data.map(Float.init)) }

    /// Sentence b's chain, in float64.
    func chain(sentence b: Int, length: Int) -> LinearChain {
        let (batch, k) = (emissions.shape[1], emissions.shape[2])
        return LinearChain(start: start_transitions.data, transitions: transitions.data, end: end_transitions.data,
                           emissions: (0..<length).map { t in Array(emissions.data[((t * batch + b) * k)..<((t * batch + b + 1) * k)]) })
    }
}

@Test func crfLogPartitionAndGradientsMatchPyTorch() throws {
    let ref = try CRFReference.load()
    let steps = ref.emissions.shape[0]
    // The chain alone, in Double: log Z and the gold score per sentence.
    for (b, length) in ref.lengths.enumerated() {
        let chain = ref.chain(sentence: b, length: length)
        #expect(abs(chain.logPartition() - ref.log_partition[b]) < 1e-12 * max(1, abs(ref.log_partition[b])))
        #expect(abs(chain.score(Array(ref.tags.map { $0[b] }.prefix(length))) - ref.gold_score[b]) < 1e-12 * max(1, abs(ref.gold_score[b])))
    }
    // pytorch-crf 0.7.2, given these tensors under the same names (crf.start_transitions, …), computes the
    // same NLL and Viterbi-decodes the batch (mask = tags ≥ 0) to these tags.
    let decoded = [[1, 3, 2, 0, 2], [0, 3, 2], [3]]
    for (b, length) in ref.lengths.enumerated() {
        let chain = ref.chain(sentence: b, length: length)
        #expect(chain.viterbi() == decoded[b])
    }
    // The tape operation (float32 values in, the batch padded): NLL and every gradient.
    let tape = Tape()
    let emissions = (0..<steps).map { tape.constant(ref.emissions(at: $0), requiresGradient: true) }
    let start = tape.constant(ref.row(ref.start_transitions), requiresGradient: true)
    let end = tape.constant(ref.row(ref.end_transitions), requiresGradient: true)
    let transitions = tape.constant(ref.transitions.matrix, requiresGradient: true)
    let nll = crfNegativeLogLikelihood(emissions, start: start, end: end, transitions: transitions, targets: ref.tags)
    #expect(tape.failure == nil)
    #expect(abs(Double(nll.value.data[0]) - ref.nll) < 1e-5 * abs(ref.nll))
    tape.backward(from: nll)
    let emissionGradient = emissions.flatMap { $0.gradient?.data ?? [] }
    #expect(relativeError(emissionGradient, try #require(ref.grads["emissions"]).data) < 1e-5)
    #expect(relativeError(try #require(start.gradient).data, try #require(ref.grads["start_transitions"]).data) < 1e-5)
    #expect(relativeError(try #require(end.gradient).data, try #require(ref.grads["end_transitions"]).data) < 1e-5)
    #expect(relativeError(try #require(transitions.gradient).data, try #require(ref.grads["transitions"]).data) < 1e-5)
}

@Test func crfGradientsMatchFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 42)
    let k = 3, steps = 4, batch = 2
    let targets = [[0, 2], [1, 1], [2, -1], [0, -1]]
    var emissionValues = (0..<steps).map { _ in Matrix(rows: batch, cols: k, data: (0..<(batch * k)).map { _ in Float(rng.uniform(-1, 1)) }) }
    var transitionValues = Matrix(rows: k, cols: k, data: (0..<(k * k)).map { _ in Float(rng.uniform(-1, 1)) })
    let startValues = Matrix(row: (0..<k).map { _ in Float(rng.uniform(-1, 1)) }), endValues = Matrix(row: (0..<k).map { _ in Float(rng.uniform(-1, 1)) })
    // The loss in Double from the definition, for central differences.
    func loss(_ e: [Matrix], _ tr: Matrix) -> Double {
        var total = 0.0
        for b in 0..<batch {
            let gold = targets.map { $0[b] }.prefix { $0 >= 0 }
            let chain = LinearChain(start: startValues.data.map(Double.init), transitions: tr.data.map(Double.init),
                                    end: endValues.data.map(Double.init), emissions: (0..<gold.count).map { e[$0].row(b).map(Double.init) })
            total += chain.logPartition() - chain.score(Array(gold))
        }
        return total
    }
    let tape = Tape()
    let emissions = emissionValues.map { tape.constant($0, requiresGradient: true) }
    let transitions = tape.constant(transitionValues, requiresGradient: true)
    let nll = crfNegativeLogLikelihood(emissions, start: tape.constant(startValues), end: tape.constant(endValues),
                                       transitions: transitions, targets: targets)
    tape.backward(from: nll)
    let h: Float = 1e-2
    for i in 0..<(k * k) {
        let saved = transitionValues.data[i]
        transitionValues.data[i] = saved + h; let up = loss(emissionValues, transitionValues)
        transitionValues.data[i] = saved - h; let down = loss(emissionValues, transitionValues)
        transitionValues.data[i] = saved
        let numeric = (up - down) / Double(2 * h)
        #expect(abs(Double(try #require(transitions.gradient).data[i]) - numeric) < 1e-3, "transition \(i)")
    }
    for t in 0..<steps {
        for i in 0..<(batch * k) {
            let saved = emissionValues[t].data[i]
            emissionValues[t].data[i] = saved + h; let up = loss(emissionValues, transitionValues)
            emissionValues[t].data[i] = saved - h; let down = loss(emissionValues, transitionValues)
            emissionValues[t].data[i] = saved
            let numeric = (up - down) / Double(2 * h)
            // Padding (sentence 2 after step 2) gets no gradient at all.
            #expect(abs(Double(try #require(emissions[t].gradient).data[i]) - numeric) < 1e-3, "emission t=\(t) i=\(i)")
        }
    }
}
