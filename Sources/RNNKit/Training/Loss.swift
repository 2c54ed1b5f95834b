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
    let x = logits.value
    precondition(targets.count == x.rows, "crossEntropy: \(targets.count) targets for \(x.rows) rows")
    var probabilities = Matrix(rows: x.rows, cols: x.cols)
    var total = 0.0
    for (r, target) in targets.enumerated() where target != -1 {
        precondition((0..<x.cols).contains(target), "crossEntropy: target \(target) is not a class of 0..<\(x.cols)")
        let row = x.data[(r * x.cols)..<((r + 1) * x.cols)]
        let top = Double(row.max() ?? 0)
        let exps = row.map { Foundation.exp(Double($0) - top) }
        let z = exps.reduce(0, +)
        total += top + Foundation.log(z) - Double(x[r, target])
        for c in 0..<x.cols { probabilities[r, c] = Float(exps[c] / z) }
    }
    return logits.tape.record(Matrix(rows: 1, cols: 1, data: [Float(total)]), inputs: [logits]) { tape, g in
        var grad = probabilities
        for (r, target) in targets.enumerated() where target != -1 { grad[r, target] -= 1 }
        tape.accumulate(logits, grad * g.data[0])
    }
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
    let v = y.value
    precondition(v.rows == target.rows && v.cols == target.cols,
                 "meanSquaredError: \(v.rows)x\(v.cols) output, \(target.rows)x\(target.cols) target")
    precondition(mask.map { $0.count == v.rows } ?? true, "meanSquaredError: mask needs one entry per row")
    var difference = Matrix(rows: v.rows, cols: v.cols)
    var total = 0.0
    for r in 0..<v.rows where mask?[r] ?? true {
        for c in 0..<v.cols {
            let d = v[r, c] - target[r, c]
            difference[r, c] = d
            total += Double(d) * Double(d)
        }
    }
    return y.tape.record(Matrix(rows: 1, cols: 1, data: [Float(total)]), inputs: [y]) { tape, g in
        tape.accumulate(y, difference * (2 * g.data[0]))
    }
}
