import Foundation
import RNNKit

// The tape operations attention needs beyond the core ones: a row-wise dot
// product, scaling each row by its own number, and a softmax over the first
// `length` columns of each row (the real source steps of a padded batch).

/// `Σ_c a[r,c]·b[r,c]` per row: `[B, n]` and `[B, n]` to `[B, 1]`.
func rowDot(_ a: Variable, _ b: Variable) -> Variable {
    let av = a.value, bv = b.value
    guard av.rows == bv.rows, av.cols == bv.cols else {
        return a.tape.fail("attention score", "a \(av.rows)x\(av.cols) query and a \(bv.rows)x\(bv.cols) key", placeholder: Matrix(rows: av.rows, cols: 1))
    }
    var out = Matrix(rows: av.rows, cols: 1)
    for r in 0..<av.rows {
        var total: Float = 0
        for c in 0..<av.cols { total += av.data[r * av.cols + c] * bv.data[r * av.cols + c] }
        out.data[r] = total
    }
    return a.tape.record(out, inputs: [a, b]) { tape, g in
        var ga = bv, gb = av
        for r in 0..<av.rows {
            for c in 0..<av.cols { ga.data[r * av.cols + c] *= g.data[r]; gb.data[r * av.cols + c] *= g.data[r] }
        }
        tape.accumulate(a, ga)
        tape.accumulate(b, gb)
    }
}

/// Row r of `x` times `s[r, 0]`: `[B, n]` and `[B, 1]` to `[B, n]`.
func scaleRows(_ x: Variable, _ s: Variable) -> Variable {
    let xv = x.value, sv = s.value
    guard sv.rows == xv.rows, sv.cols == 1 else {
        return x.tape.fail("attention context", "\(sv.rows)x\(sv.cols) weights for a \(xv.rows)x\(xv.cols) value", placeholder: xv)
    }
    var out = xv
    for r in 0..<xv.rows { for c in 0..<xv.cols { out.data[r * xv.cols + c] *= sv.data[r] } }
    return x.tape.record(out, inputs: [x, s]) { tape, g in
        var gx = g
        var gs = Matrix(rows: sv.rows, cols: 1)
        for r in 0..<xv.rows {
            var total: Float = 0
            for c in 0..<xv.cols {
                gx.data[r * xv.cols + c] *= sv.data[r]
                total += g.data[r * xv.cols + c] * xv.data[r * xv.cols + c]
            }
            gs.data[r] = total
        }
        tape.accumulate(x, gx)
        tape.accumulate(s, gs)
    }
}

/// Softmax of each row over its first `lengths[r]` columns (all of them when
/// `lengths` is nil); the columns past a row's length get weight 0.
func maskedSoftmax(_ a: Variable, lengths: [Int]?) -> Variable {
    let av = a.value
    var y = Matrix(rows: av.rows, cols: av.cols)
    for r in 0..<av.rows {
        let n = min(max(lengths?[safe: r] ?? av.cols, 0), av.cols)
        guard n > 0 else { continue }
        let base = r * av.cols
        var top = -Float.infinity
        for c in 0..<n { top = max(top, av.data[base + c]) }
        var total: Double = 0
        for c in 0..<n { let e = Foundation.exp(Double(av.data[base + c] - top)); y.data[base + c] = Float(e); total += e }
        for c in 0..<n { y.data[base + c] = Float(Double(y.data[base + c]) / total) }
    }
    return a.tape.record(y, inputs: [a]) { tape, g in
        // dx = y ∘ (g − Σ g∘y) per row; masked columns have y = 0, so get nothing.
        var dx = g
        for r in 0..<y.rows {
            let base = r * y.cols
            var dot: Float = 0
            for c in 0..<y.cols { dot += g.data[base + c] * y.data[base + c] }
            for c in 0..<y.cols { dx.data[base + c] = y.data[base + c] * (g.data[base + c] - dot) }
        }
        tape.accumulate(a, dx)
    }
}

extension Array {
    /// The element at `index`, or nil outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
