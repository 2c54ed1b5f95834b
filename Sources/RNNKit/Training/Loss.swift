import Foundation

/// Softmax cross-entropy summed over rows: PyTorch's
/// `cross_entropy(logits, targets, reduction="sum", ignore_index=-1)`.
///
/// Row `r` of `logits` scores the classes for one item; `targets[r]` is its
/// class, or -1 for padding, which contributes nothing to the loss or the
/// gradient. The loss of a row is `logsumexp(row) − row[target]`, computed
/// in Double after subtracting the row's maximum, so large logits cannot
/// overflow. One fused tape node: its backward is
/// `(softmax(row) − onehot(target)) · g` for each counted row.
///
/// - Returns: a 1×1 variable (0 when every row is padding).
/// - Precondition: one target per row, each in `-1..<logits.cols`.
public func crossEntropy(_ logits: Variable, targets: [Int]) -> Variable {
    let (total, gradient) = crossEntropyWithGradient(logits.value, targets: targets)
    return logits.tape.record(Matrix(rows: 1, cols: 1, data: [Float(total)]), inputs: [logits]) { tape, g in
        tape.accumulate(logits, gradient * g.data[0])
    }
}

/// The loss `crossEntropy` computes, off the tape, with its gradient with
/// respect to the logits: `softmax(row) − onehot(target)` for each counted
/// row, zero for padding. (The fused path's tape-free training uses it too.)
public func crossEntropyWithGradient(_ x: Matrix, targets: [Int]) -> (loss: Double, gradient: Matrix) {
    precondition(targets.count == x.rows, "crossEntropy: \(targets.count) targets for \(x.rows) rows")
    for target in targets where target != -1 {
        precondition((0..<x.cols).contains(target), "crossEntropy: target \(target) is not a class of 0..<\(x.cols)")
    }
    var gradient = Matrix(rows: x.rows, cols: x.cols)
    let cols = x.cols
    // Rows split across the cores when there are many (the fused path's T·B rows); each half's sum kept apart and added in order.
    var partTotals = [0.0, 0.0]
    x.data.withUnsafeBufferPointer { xp in
        gradient.data.withUnsafeMutableBufferPointer { gp in
            partTotals.withUnsafeMutableBufferPointer { tp in
                let input = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!)), output = SharedPointer(gp.baseAddress!)
                let totals = SharedDoubles(tp.baseAddress!)
                Parallel.ranges(targets.count, work: targets.count * cols * 16) { rows in
                    var exps = [Double](repeating: 0, count: cols)
                    var total = 0.0
                    for r in rows {
                        let target = targets[r]
                        guard target != -1 else { continue }
                        let row = input.base + r * cols
                        var top = -Double.infinity
                        for c in 0..<cols { top = max(top, Double(row[c])) }
                        var z = 0.0
                        for c in 0..<cols { exps[c] = Foundation.exp(Double(row[c]) - top); z += exps[c] }
                        total += top + Foundation.log(z) - Double(row[target])
                        for c in 0..<cols { output.base[r * cols + c] = Float(exps[c] / z) }
                        output.base[r * cols + target] -= 1
                    }
                    totals.base[rows.lowerBound == 0 ? 0 : 1] = total
                }
            }
        }
    }
    let total = partTotals[0] + partTotals[1]
    return (total, gradient)
}

/// Squared error summed over every element of the counted rows: PyTorch's
/// `MSELoss(reduction="sum")`, `Σ (y − target)²`, not a mean.
///
/// With `mask`, only rows whose entry is `true` count (padding rows are
/// `false`); the others add nothing to the loss or the gradient. The sum is
/// accumulated in Double. Backward: `2 (y − target) · g` on counted rows.
///
/// - Returns: a 1×1 variable.
/// - Precondition: `target` has `y`'s shape; `mask`, if given, one entry per row.
public func meanSquaredError(_ y: Variable, _ target: Matrix, mask: [Bool]? = nil) -> Variable {
    let (total, gradient) = meanSquaredErrorWithGradient(y.value, target, mask: mask)
    return y.tape.record(Matrix(rows: 1, cols: 1, data: [Float(total)]), inputs: [y]) { tape, g in
        tape.accumulate(y, gradient * g.data[0])
    }
}

/// The loss `meanSquaredError` computes, off the tape, with its gradient
/// `2 (y − target)` on counted rows (zero elsewhere).
public func meanSquaredErrorWithGradient(_ v: Matrix, _ target: Matrix, mask: [Bool]? = nil) -> (loss: Double, gradient: Matrix) {
    precondition(v.rows == target.rows && v.cols == target.cols,
                 "meanSquaredError: \(v.rows)x\(v.cols) output, \(target.rows)x\(target.cols) target")
    precondition(mask.map { $0.count == v.rows } ?? true, "meanSquaredError: mask needs one entry per row")
    var gradient = Matrix(rows: v.rows, cols: v.cols)
    var total = 0.0
    for r in 0..<v.rows where mask?[r] ?? true {
        for c in 0..<v.cols {
            let d = v[r, c] - target[r, c]
            gradient[r, c] = 2 * d
            total += Double(d) * Double(d)
        }
    }
    return (total, gradient)
}

/// A pointer to the per-part sums, shared by the two halves (each writes its own slot).
private struct SharedDoubles: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    init(_ base: UnsafeMutablePointer<Double>) { self.base = base }
}
