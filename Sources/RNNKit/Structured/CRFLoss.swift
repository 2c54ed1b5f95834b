/// Σ over the batch of log Z − score(gold) for a linear-chain CRF, as one
/// tape operation. `emissions[t]` is `[batch, K]`, `start`/`end` are 1×K or
/// K-vectors, `transitions` K×K (from, to); `targets[t][b]` < 0 marks where
/// sentence b has ended. The backward pass is the exact gradient by
/// forward–backward: each node's and each transition's posterior
/// probability minus its count in the gold path. Computed in Double.
public func crfNegativeLogLikelihood(_ emissions: [Variable], start: Variable, end: Variable, transitions: Variable,
                                     targets: [[Int]]) -> Variable {
    let tape = transitions.tape
    let k = transitions.value.cols
    let batch = emissions.first?.value.rows ?? 0
    guard transitions.value.rows == k, start.value.count == k, end.value.count == k,
          emissions.allSatisfy({ $0.value.rows == batch && $0.value.cols == k }), targets.count == emissions.count,
          targets.allSatisfy({ $0.count == batch }) else {
        return tape.fail("crf", "emissions, transitions and targets do not fit \(k) tags", placeholder: Matrix(rows: 1, cols: 1))
    }
    let startScores = start.value.data.map(Double.init), endScores = end.value.data.map(Double.init)
    let transitionScores = transitions.value.data.map(Double.init)
    let emissionValues = emissions.map(\.value)
    var total = 0.0
    // Per sentence: its length, tags and forward–backward (kept for the backward pass).
    var sentences: [(length: Int, gold: [Int], posteriors: LinearChain.Posteriors)] = []
    for b in 0..<batch {
        let gold = Array((0..<targets.count).map { targets[$0][b] }.prefix { $0 >= 0 && $0 < k })
        let chain = LinearChain(start: startScores, transitions: transitionScores, end: endScores,
                                emissions: (0..<gold.count).map { t in emissionValues[t].row(b).map(Double.init) })
        let posteriors = chain.posteriors()
        if !gold.isEmpty { total += posteriors.logPartition - chain.score(gold) }
        sentences.append((gold.count, gold, posteriors))
    }
    return tape.record(Matrix(rows: 1, cols: 1, data: [Float(total)]), inputs: emissions + [start, end, transitions]) { tape, g in
        let scale = Double(g.data[0])
        var dStart = [Double](repeating: 0, count: k), dEnd = dStart, dTransitions = [Double](repeating: 0, count: k * k)
        var dEmissions = emissions.map { _ in [Double](repeating: 0, count: batch * k) }
        for (b, s) in sentences.enumerated() where s.length > 0 {
            for t in 0..<s.length {
                for j in 0..<k { dEmissions[t][b * k + j] += s.posteriors.tags[t][j] }
                dEmissions[t][b * k + s.gold[t]] -= 1
                if t > 0 { dTransitions[s.gold[t - 1] * k + s.gold[t]] -= 1 }
            }
            for j in 0..<k { dStart[j] += s.posteriors.tags[0][j]; dEnd[j] += s.posteriors.tags[s.length - 1][j] }
            dStart[s.gold[0]] -= 1
            dEnd[s.gold[s.length - 1]] -= 1
            for i in 0..<(k * k) { dTransitions[i] += s.posteriors.transitions[i] }
        }
        func matrix(_ values: [Double], like v: Variable) -> Matrix {
            Matrix(rows: v.value.rows, cols: v.value.cols, data: values.map { Float($0 * scale) })
        }
        for (t, e) in emissions.enumerated() where tape.requiresGradient(e) { tape.accumulate(e, matrix(dEmissions[t], like: e)) }
        if tape.requiresGradient(start) { tape.accumulate(start, matrix(dStart, like: start)) }
        if tape.requiresGradient(end) { tape.accumulate(end, matrix(dEnd, like: end)) }
        if tape.requiresGradient(transitions) { tape.accumulate(transitions, matrix(dTransitions, like: transitions)) }
    }
}
