// Sparse input on the tape: a batch of encoded words that the first layer
// multiplies by gathering only the weight columns it needs.
//
// A one-hot or letter-trigram vector has a handful of non-zeros in thousands
// of dimensions. Multiplying it as a dense row would cost O(dimension · H)
// per word; gathering costs O(nnz · H). `matmul` (and so `linear`) checks
// whether its left operand is a sparse input and, if so, takes this path.

extension Tape {
    /// Largest `batch × dimension` for which a sparse input's dense value is
    /// made at once (it is cheap); above it the dense value is made only when
    /// an operation other than `linear`/`matmul` (as the left operand) asks.
    public static let sparseDenseLimit = 1 << 18
    /// Largest `batch × dimension` a sparse input is ever made dense for
    /// (64 Mi floats, 256 MB); above it only `linear`/`matmul` can use it.
    public static let sparseMaterializeLimit = 1 << 26

    /// A leaf holding a batch of sparse rows (one per sequence, all of the
    /// same dimension). `linear(x, W, b)` and `matmul(x, W, transposeB:)`
    /// with it as `x` gather only the rows or columns of `W` its non-zeros
    /// select, and pass a gradient to `W` only; `x` gets none. Any other
    /// operation sees it as the dense matrix it stands for.
    public func sparseConstant(_ rows: [SparseVector]) -> Variable {
        let dimension = rows.first?.dimension ?? 0
        guard rows.allSatisfy({ $0.fits(dimension) }) else {
            return fail("sparseConstant", "rows of different dimensions, or an index outside 0..<\(dimension)",
                        placeholder: Matrix(rows: rows.count, cols: dimension))
        }
        let value = rows.count * dimension <= Tape.sparseDenseLimit
            ? SparseVector.dense(rows, dimension: dimension) : Matrix(rows: rows.count, cols: 0)
        let v = constant(value)
        sparseRows[v.id] = rows
        return v
    }

    /// The sparse rows behind `v`, or nil if `v` is not a sparse input.
    public func sparseRows(of v: Variable) -> [SparseVector]? { sparseRows[v.id] }

    /// Whether `v` was made by `sparseConstant`.
    public func isSparse(_ v: Variable) -> Bool { sparseRows[v.id] != nil }
}

/// `x · Wᵀ` (or `x · W`) for a sparse `x`: sums the selected columns (rows)
/// of `W` scaled by the non-zero values, O(nnz · H). The backward pass
/// scatters the same products into `dW`; `x` is a constant and gets nothing.
func sparseMatmul(_ rows: [SparseVector], _ b: Variable, transposeB: Bool) -> Variable {
    let tape = b.tape
    let w = b.value
    let dimension = rows.first?.dimension ?? 0
    // Y = X·Wᵀ: W is [H, D]; Y = X·W: W is [D, H].
    let inner = transposeB ? w.cols : w.rows
    let width = transposeB ? w.rows : w.cols
    guard inner == dimension else {
        return tape.fail("matmul", "a sparse input of dimension \(dimension) against a \(w.rows)x\(w.cols)\(transposeB ? "ᵀ" : "") matrix",
                         placeholder: Matrix(rows: rows.count, cols: width))
    }
    var out = Matrix(rows: rows.count, cols: width)
    w.data.withUnsafeBufferPointer { wp in
        out.data.withUnsafeMutableBufferPointer { op in
            for (r, row) in rows.enumerated() {
                let base = r * width
                for e in row.entries {
                    if transposeB {
                        for h in 0..<width { op[base + h] += e.value * wp[h * inner + e.index] }
                    } else {
                        let from = e.index * width
                        for h in 0..<width { op[base + h] += e.value * wp[from + h] }
                    }
                }
            }
        }
    }
    return tape.record(out, inputs: [b]) { tape, g in
        // Scattered straight into b's gradient: O(nnz · H), no dense dW per step.
        tape.accumulateInPlace(b, rows: w.rows, cols: w.cols) { dp in
            g.data.withUnsafeBufferPointer { gp in
                for (r, row) in rows.enumerated() {
                    let base = r * width
                    for e in row.entries {
                        if transposeB {
                            for h in 0..<width { dp[h * inner + e.index] += e.value * gp[base + h] }
                        } else {
                            let to = e.index * width
                            for h in 0..<width { dp[to + h] += e.value * gp[base + h] }
                        }
                    }
                }
            }
        }
    }
}

extension Tape {
    /// Adds into the gradient of `v` in place (zeros first if it has none),
    /// so a sparse update touches only the elements it changes.
    func accumulateInPlace(_ v: Variable, rows: Int, cols: Int, _ update: (inout UnsafeMutableBufferPointer<Float>) -> Void) {
        guard needsGrad[v.id] else { return }
        if grads[v.id] == nil { grads[v.id] = Matrix(rows: rows, cols: cols) }
        grads[v.id]!.data.withUnsafeMutableBufferPointer { update(&$0) }
    }
}

extension SparseVector {
    /// The dense `[rows.count, dimension]` matrix of sparse rows.
    public static func dense(_ rows: [SparseVector], dimension: Int) -> Matrix {
        var m = Matrix(rows: rows.count, cols: dimension)
        for (r, row) in rows.enumerated() {
            for e in row.entries { m.data[r * dimension + e.index] += e.value }
        }
        return m
    }
}

extension SparseVector {
    /// Whether this row is of `dimension` with every entry inside it (what
    /// every sparse input is checked for before its indices are used).
    public func fits(_ dimension: Int) -> Bool {
        self.dimension == dimension && entries.allSatisfy { (0..<dimension).contains($0.index) }
    }
}
