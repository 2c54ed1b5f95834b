import Foundation
import Testing
import RNNKit
import CellTesting

/// `loss_and_clip.json`'s cross-entropy part.
private struct CrossEntropyReference: Decodable {
    struct Case: Decodable {
        let logits: RefTensor
        let target: [Int]
        let loss: Double
        let grad_logits: RefTensor
    }
    let cross_entropy: Case

    static func load() throws -> Case {
        try JSONDecoder().decode(CrossEntropyReference.self, from: referenceData("loss_and_clip")).cross_entropy
    }
}

@Test func crossEntropyMatchesPyTorch() throws {
    let ref = try CrossEntropyReference.load()
    let tape = Tape()
    let logits = tape.constant(ref.logits.matrix, requiresGradient: true)
    let loss = crossEntropy(logits, targets: ref.target)
    #expect(loss.rows == 1 && loss.cols == 1)
    #expect(abs(Double(loss.value.data[0]) - ref.loss) <= 1e-5 * abs(ref.loss))
    tape.backward(from: loss)
    let grad = try #require(logits.gradient)
    let error = relativeError(grad.data, ref.grad_logits.data)
    #expect(error < 1e-5, "grad_logits relative error \(error)")
}

@Test func paddingRowsCountForNothing() throws {
    let ref = try CrossEntropyReference.load()
    var targets = ref.target
    targets[1] = -1
    targets[4] = -1
    let tape = Tape()
    let logits = tape.constant(ref.logits.matrix, requiresGradient: true)
    let loss = crossEntropy(logits, targets: targets)
    tape.backward(from: loss)
    let grad = try #require(logits.gradient)
    // The kept rows alone, one at a time, sum to the masked loss.
    var kept = 0.0
    for r in 0..<ref.logits.matrix.rows where targets[r] != -1 {
        let t = Tape(recording: false)
        let row = t.constant(Matrix(row: ref.logits.matrix.row(r)))
        kept += Double(crossEntropy(row, targets: [targets[r]]).value.data[0])
    }
    #expect(abs(Double(loss.value.data[0]) - kept) < 1e-5)
    for r in 0..<grad.rows {
        if targets[r] == -1 {
            #expect(grad.row(r).allSatisfy { $0 == 0 }, "padding row \(r) got a gradient")
        } else {
            let want = ref.grad_logits.data[(r * grad.cols)..<((r + 1) * grad.cols)]
            #expect(relativeError(grad.row(r), Array(want)) < 1e-5)
        }
    }
    // Every row padding: zero loss, zero gradient.
    let empty = Tape()
    let x = empty.constant(ref.logits.matrix, requiresGradient: true)
    let none = crossEntropy(x, targets: Array(repeating: -1, count: ref.target.count))
    empty.backward(from: none)
    #expect(none.value.data == [0])
    #expect(x.gradient?.data.allSatisfy { $0 == 0 } ?? true)
}

@Test func crossEntropyIsStableForHugeLogits() {
    let tape = Tape()
    let logits = tape.constant(Matrix([[1000, 0, -1000], [-1e30, 1e30, 0]]), requiresGradient: true)
    let loss = crossEntropy(logits, targets: [0, 0])
    tape.backward(from: loss)
    #expect(loss.value.isFinite)
    #expect(abs(loss.value.data[0] - 2e30) / 2e30 < 1e-6)
    #expect(logits.gradient?.isFinite == true)
}

/// Central differences in Double of a loss given as a function of the input matrix.
private func numericGradient(_ x: Matrix, step: Float = 1e-2, _ f: (Matrix) -> Double) -> [Double] {
    (0..<x.count).map { i in
        var plus = x, minus = x
        plus.data[i] += step
        minus.data[i] -= step
        return (f(plus) - f(minus)) / Double(plus.data[i] - minus.data[i])
    }
}

@Test func crossEntropyGradientMatchesFiniteDifferences() throws {
    let x = Matrix([[0.3, -1.2, 2.0, 0.1], [1.5, 0.2, -0.7, -2.2], [0.0, 0.4, 0.9, -0.3]])
    let targets = [2, -1, 0]
    // Scaled by 3 so the backward must use the incoming gradient.
    let tape = Tape()
    let v = tape.constant(x, requiresGradient: true)
    let loss = 3 * crossEntropy(v, targets: targets)
    tape.backward(from: loss)
    let numeric = numericGradient(x) { m in
        let t = Tape(recording: false)
        return 3 * Double(crossEntropy(t.constant(m), targets: targets).value.data[0])
    }
    let analytic = try #require(v.gradient)
    #expect(zip(analytic.data, numeric).allSatisfy { abs(Double($0) - $1) < 2e-3 }, "\(analytic.data) vs \(numeric)")
}

@Test func meanSquaredErrorIsASumOverCountedRows() throws {
    let y = Matrix([[1, 2], [3, 4], [5, 6]])
    let target = Matrix([[0, 2], [1, 1], [5, 8]])
    let tape = Tape()
    let v = tape.constant(y, requiresGradient: true)
    let all = meanSquaredError(v, target)
    #expect(all.value.data == [1 + 4 + 9 + 4])                      // reduction "sum", not a mean
    let masked = meanSquaredError(v, target, mask: [true, false, true])
    #expect(masked.value.data == [1 + 4])
    tape.backward(from: masked)
    #expect(v.gradient?.data == [2, 0, 0, 0, 0, -4])               // 2(y − t), nothing on the masked row
}

@Test func meanSquaredErrorGradientMatchesFiniteDifferences() throws {
    let x = Matrix([[0.3, -1.2], [1.5, 0.2], [0.0, 0.9]])
    let target = Matrix([[1, 0], [0, 0.5], [-1, 1]])
    let mask = [true, true, false]
    let tape = Tape()
    let v = tape.constant(x, requiresGradient: true)
    tape.backward(from: 0.5 * meanSquaredError(v, target, mask: mask))
    let numeric = numericGradient(x) { m in
        let t = Tape(recording: false)
        return 0.5 * Double(meanSquaredError(t.constant(m), target, mask: mask).value.data[0])
    }
    let analytic = try #require(v.gradient)
    #expect(zip(analytic.data, numeric).allSatisfy { abs(Double($0) - $1) < 1e-3 }, "\(analytic.data) vs \(numeric)")
}
