import Testing
import RNNKit
import CellTesting

/// Checks the tape's gradient of `sum(f(inputs) ∘ R)` against central
/// differences in Double-accumulated Float32, for every input element.
/// eps = 1e-2 keeps Float32 rounding (~1e-7 / eps) well under the
/// tolerance; truncation error is O(eps²).
private func gradientCheck(_ shapes: [(Int, Int)], seed: UInt64 = 5,
                           _ f: @escaping ([Variable]) -> Variable) {
    var rng = SeededGenerator(seed: seed)
    let inputs = shapes.map { Matrix(rows: $0.0, cols: $0.1, data: (0..<($0.0 * $0.1)).map { _ in Float(rng.normal() * 0.8) }) }
    let probeTape = Tape(recording: false)
    let outShape = f(inputs.map { probeTape.constant($0) }).value
    let r = Matrix(rows: outShape.rows, cols: outShape.cols, data: (0..<outShape.count).map { _ in Float(rng.normal()) })
    func loss(_ xs: [Matrix]) -> Double {
        let t = Tape(recording: false)
        return Double(weightedSum(f(xs.map { t.constant($0) }), r).value.data[0])
    }
    let tape = Tape()
    let vars = inputs.map { tape.constant($0, requiresGradient: true) }
    tape.backward(from: weightedSum(f(vars), r))
    let eps: Float = 1e-2
    for (k, v) in vars.enumerated() {
        let g = v.gradient ?? Matrix(rows: inputs[k].rows, cols: inputs[k].cols)
        for i in 0..<inputs[k].count {
            var plus = inputs, minus = inputs
            plus[k].data[i] += eps
            minus[k].data[i] -= eps
            let numeric = (loss(plus) - loss(minus)) / Double(2 * eps)
            let analytic = Double(g.data[i])
            #expect(relativeError([analytic], [numeric], floor: 0.2) <= 1e-2, "input \(k)[\(i)]: tape \(analytic), numeric \(numeric)")
        }
    }
}

@Test func matmulGradients() {
    gradientCheck([(3, 4), (4, 2)]) { matmul($0[0], $0[1]) }
    gradientCheck([(3, 4), (2, 4)]) { matmul($0[0], $0[1], transposeB: true) }
}

@Test func broadcastingElementwiseGradients() {
    gradientCheck([(3, 4), (1, 4)]) { $0[0] + $0[1] }
    gradientCheck([(1, 4), (3, 4)]) { $0[0] - $0[1] }
    gradientCheck([(3, 4), (1, 4)]) { $0[0] * $0[1] }
    gradientCheck([(3, 4), (3, 4)]) { $0[0] * $0[1] - $0[1] }
    gradientCheck([(2, 3)]) { 2.5 * oneMinus($0[0]) }
}

@Test func activationGradients() {
    gradientCheck([(3, 4)]) { sigmoid($0[0]) }
    gradientCheck([(3, 4)]) { tanh($0[0]) }
    gradientCheck([(3, 4)], seed: 9) { relu($0[0]) }
    gradientCheck([(3, 4)]) { softmax($0[0]) }
}

@Test func structuralGradients() {
    gradientCheck([(2, 8)]) { chunk($0[0], 4)[1] * chunk($0[0], 4)[3] }
    gradientCheck([(2, 3), (2, 2)]) { concatColumns($0[0], $0[1]) }
    gradientCheck([(2, 3), (4, 3), (1, 4)]) { linear($0[0], $0[1], $0[2]) }
}

@Test func reusedVariablesAccumulateGradients() {
    let tape = Tape()
    let x = tape.constant(Matrix([[3]]), requiresGradient: true)
    tape.backward(from: x * x + x)
    #expect(x.gradient?.data == [7])
}

@Test func nonRecordingTapeKeepsNoBackward() {
    let tape = Tape(recording: false)
    let x = tape.constant(Matrix([[1, 2]]), requiresGradient: true)
    let y = tanh(x)
    #expect(!tape.requiresGradient(y))
    #expect(abs(y.value.data[0] - 0.7615942) < 1e-6)
}
