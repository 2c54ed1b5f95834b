import Testing
import RNNKit
import CellTesting

private func randomMatrix(_ rows: Int, _ cols: Int, _ rng: inout SeededGenerator) -> Matrix {
    Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in Float(rng.normal()) })
}

private let batch = [
    SparseVector(dimension: 7, entries: [(index: 2, value: 1)]),
    SparseVector(dimension: 7, entries: [(index: 0, value: 2), (index: 5, value: -0.5), (index: 6, value: 1)]),
    SparseVector(dimension: 7, entries: []),
]

private func denseBatch() -> Matrix { Matrix.concatRows(batch.map(\.dense)) }

extension Matrix {
    fileprivate static func concatRows(_ rows: [Matrix]) -> Matrix {
        Matrix(rows: rows.count, cols: rows[0].cols, data: rows.flatMap(\.data))
    }
}

@Test func sparseLinearMatchesDenseValueAndGradients() {
    var rng = SeededGenerator(seed: 3)
    let w = randomMatrix(4, 7, &rng), b = randomMatrix(1, 4, &rng), seed = randomMatrix(3, 4, &rng)

    let dense = Tape()
    let dw = dense.constant(w, requiresGradient: true), db = dense.constant(b, requiresGradient: true)
    let dx = dense.constant(denseBatch(), requiresGradient: false)
    let dy = linear(dx, dw, db)
    dense.backward(from: dy, seed: seed)

    let sparse = Tape()
    let sw = sparse.constant(w, requiresGradient: true), sb = sparse.constant(b, requiresGradient: true)
    let sx = sparse.sparseConstant(batch)
    let sy = linear(sx, sw, sb)
    sparse.backward(from: sy, seed: seed)

    #expect(relativeError(sy.value, dy.value, floor: 1) <= 1e-5)
    #expect(relativeError(sw.gradient!, dw.gradient!, floor: 1) <= 1e-5)
    #expect(relativeError(sb.gradient!, db.gradient!, floor: 1) <= 1e-5)
    #expect(sx.gradient == nil)
    #expect(sparse.isSparse(sx) && !sparse.isSparse(sw))
    #expect(sx.value == denseBatch())
}

@Test func sparseMatmulWithoutTransposeMatchesDense() {
    var rng = SeededGenerator(seed: 4)
    let w = randomMatrix(7, 5, &rng), seed = randomMatrix(3, 5, &rng)
    let dense = Tape()
    let dw = dense.constant(w, requiresGradient: true)
    let dy = matmul(dense.constant(denseBatch()), dw)
    dense.backward(from: dy, seed: seed)
    let sparse = Tape()
    let sw = sparse.constant(w, requiresGradient: true)
    let sy = matmul(sparse.sparseConstant(batch), sw)
    sparse.backward(from: sy, seed: seed)
    #expect(relativeError(sy.value, dy.value, floor: 1) <= 1e-5)
    #expect(relativeError(sw.gradient!, dw.gradient!, floor: 1) <= 1e-5)
}

/// NaN in every weight column the input does not select: a dense multiply
/// would spread it (0 · NaN = NaN), the gathering path never reads it.
@Test func sparsePathNeverTouchesUnselectedColumns() {
    var w = Matrix(rows: 3, cols: 7, repeating: .nan)
    for h in 0..<3 { for c in [0, 2, 5, 6] { w[h, c] = Float(h + c) } }
    let tape = Tape()
    let wv = tape.constant(w, requiresGradient: true)
    let y = linear(tape.sparseConstant(batch), wv)
    #expect(y.value.isFinite)
    #expect(y.value[0, 1] == 3)              // row 0 selects column 2: W[1, 2] = 3
    #expect(y.value[2, 0] == 0)              // an empty row gives zeros
    tape.backward(from: y)
    let g = wv.gradient!
    #expect(g.isFinite)
    #expect(g[0, 1] == 0 && g[0, 2] == 1 && g[0, 0] == 2 && g[0, 5] == -0.5)

    // The same product taken densely is poisoned.
    let dense = Tape()
    #expect(!linear(dense.constant(denseBatch()), dense.constant(w)).value.isFinite)
}

/// A wide batch is multiplied without being made dense, and any other
/// operation still sees the dense matrix it stands for.
@Test func wideSparseInputWorksWithEveryOperation() {
    let dimension = Tape.sparseDenseLimit + 1
    let rows = [SparseVector(dimension: dimension, entries: [(index: dimension - 1, value: 2)])]
    let tape = Tape()
    let x = tape.sparseConstant(rows)
    #expect(x.rows == 1 && x.cols == dimension)
    let w = Parameter("weight_ih", rows: 2, cols: dimension)
    w.value[0, dimension - 1] = 1.5
    w.value[1, dimension - 1] = -1
    let y = linear(x, tape.variable(for: w))
    #expect(y.value == Matrix([[3, -2]]))
    // The Flux way, `W · [x | h]`: concatenating needs the dense value, which is made on demand.
    let both = concatColumns(x, tape.constant(Matrix([[5]])))
    #expect(both.cols == dimension + 1 && both.value[0, dimension - 1] == 2 && both.value[0, dimension] == 5)
    #expect(tape.failure == nil)
}

/// Past the materialising limit, only linear/matmul can use a sparse input:
/// anything else is a mistake on the tape, not a crash.
@Test func aSparseInputTooLargeToMakeDenseIsAnErrorNotACrash() {
    let dimension = Tape.sparseMaterializeLimit + 1
    let tape = Tape()
    let x = tape.sparseConstant([SparseVector(dimension: dimension, entries: [(index: 0, value: 1)])])
    _ = tanh(x)
    #expect(tape.failure?.operation == "sparse input")
}

/// A weight used by sparse and dense inputs on one tape (time steps, or the
/// first layer shared) sums every contribution, in any order.
@Test func sparseAndDenseGradientsAccumulate() {
    var rng = SeededGenerator(seed: 5)
    let w = randomMatrix(4, 7, &rng), other = randomMatrix(3, 7, &rng)
    let dense = Tape()
    let dw = dense.constant(w, requiresGradient: true)
    let dy = linear(dense.constant(denseBatch()), dw) + linear(dense.constant(other), dw) + linear(dense.constant(denseBatch()), dw)
    dense.backward(from: dy)
    let sparse = Tape()
    let sw = sparse.constant(w, requiresGradient: true)
    let sy = linear(sparse.sparseConstant(batch), sw) + linear(sparse.constant(other), sw) + linear(sparse.sparseConstant(batch), sw)
    sparse.backward(from: sy)
    #expect(relativeError(sy.value, dy.value, floor: 1) <= 1e-5)
    #expect(relativeError(sw.gradient!, dw.gradient!, floor: 1) <= 1e-5)
}
