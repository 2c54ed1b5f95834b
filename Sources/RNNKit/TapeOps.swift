import Foundation

// Differentiable operations on `Variable`s. Each computes its value now and
// records how to pass a gradient back to its inputs. Binary elementwise
// operations broadcast a 1×n row (a bias, a peephole vector) over every row.

// A cell plugin's mistake (shapes that do not fit, a variable from another
// step's tape) must not trap: each operation checks its operands, notes the
// mistake on the tape (`Tape.fail`) and returns a zero placeholder; the
// network then reports the first mistake as an error naming the cell.

/// The tape both operands live on, or a failure noted on whichever tape is alive.
private func commonTape(_ operation: String, _ a: Variable, _ b: Variable) -> Tape? {
    let tape = a.owner ?? b.tape
    guard tape.owns(a), tape.owns(b) else {
        _ = tape.fail(operation, "its operands come from different tapes (a Variable kept from another step?)",
                      placeholder: Matrix(rows: 0, cols: 0))
        return nil
    }
    return tape
}

/// `a · bᵀ` when `transposeB`, else `a · b`: one GEMM forward, two back.
public func matmul(_ a: Variable, _ b: Variable, transposeB: Bool = false) -> Variable {
    guard let tape = commonTape("matmul", a, b) else { return a.tape.constant(Matrix(rows: a.rows, cols: 0)) }
    if let rows = tape.sparseRows[a.id] { return sparseMatmul(rows, b, transposeB: transposeB) }
    let av = a.value, bv = b.value
    let inner = transposeB ? bv.cols : bv.rows, width = transposeB ? bv.rows : bv.cols
    guard av.cols == inner else {
        return tape.fail("matmul", "a \(av.rows)x\(av.cols) matrix times a \(bv.rows)x\(bv.cols)\(transposeB ? "ᵀ" : "") one: inner sizes \(av.cols) and \(inner) differ",
                         placeholder: Matrix(rows: av.rows, cols: width))
    }
    let out = Matrix.matmul(av, bv, transposeB: transposeB)
    return tape.record(out, inputs: [a, b]) { tape, g in
        if tape.requiresGradient(a) {
            // dA = dY · B (when Y = A·Bᵀ) or dY · Bᵀ (when Y = A·B)
            tape.accumulate(a, Matrix.matmul(g, bv, transposeB: !transposeB))
        }
        if tape.requiresGradient(b) {
            // dB = dYᵀ · A (Y = A·Bᵀ) or Aᵀ · dY (Y = A·B)
            tape.accumulate(b, transposeB ? Matrix.matmul(g, transposeA: true, av) : Matrix.matmul(av, transposeA: true, g))
        }
    }
}

/// `x · Wᵀ + b`: a fully connected layer in PyTorch's weight layout `[out, in]`.
public func linear(_ x: Variable, _ weight: Variable, _ bias: Variable? = nil) -> Variable {
    let y = matmul(x, weight, transposeB: true)
    guard let bias else { return y }
    return y + bias
}

/// How a binary elementwise operation lines up its operands.
private enum Broadcast {
    case same, rowOnRight, rowOnLeft

    init?(_ a: Matrix, _ b: Matrix) {
        if a.rows == b.rows && a.cols == b.cols { self = .same }
        else if b.rows == 1 && b.cols == a.cols { self = .rowOnRight }
        else if a.rows == 1 && a.cols == b.cols { self = .rowOnLeft }
        else { return nil }
    }
}

/// `f(a, b)` elementwise on the tape with `backward`, or a failure when the
/// shapes neither match nor broadcast a row. Always inlined, so `f` stays a
/// known function in the per-element loop (a closure call per element
/// would cost a fifth of a small net's step).
@inline(__always)
private func binary(_ operation: String, _ a: Variable, _ b: Variable, _ f: (Float, Float) -> Float,
                    backward: @escaping (_ tape: Tape, _ g: Matrix, _ av: Matrix, _ bv: Matrix) -> Void) -> Variable {
    guard let tape = commonTape(operation, a, b) else { return a.tape.constant(Matrix(rows: a.rows, cols: a.cols)) }
    let av = a.value, bv = b.value
    guard Broadcast(av, bv) != nil else {
        return tape.fail(operation, "shapes \(av.rows)x\(av.cols) and \(bv.rows)x\(bv.cols) neither match nor broadcast a row",
                         placeholder: Matrix(rows: max(av.rows, bv.rows), cols: max(av.cols, bv.cols)))
    }
    return tape.record(elementwise(av, bv, f), inputs: [a, b]) { tape, g in backward(tape, g, av, bv) }
}

/// Applies `f` elementwise, broadcasting a row operand. (Raw buffers: this
/// runs for every gate of every step, and indexed `Array` access re-checks
/// uniqueness per element.)
private func elementwise(_ a: Matrix, _ b: Matrix, _ f: (Float, Float) -> Float) -> Matrix {
    switch Broadcast(a, b) {
    case nil: return Matrix(rows: max(a.rows, b.rows), cols: max(a.cols, b.cols))  // `binary` checked: not reached
    case .same: return a.zip(b, f)
    case .rowOnRight:
        var out = a
        let cols = a.cols
        out.data.withUnsafeMutableBufferPointer { o in
            b.data.withUnsafeBufferPointer { row in
                for r in 0..<a.rows {
                    let base = r * cols
                    for c in 0..<cols { o[base + c] = f(o[base + c], row[c]) }
                }
            }
        }
        return out
    case .rowOnLeft:
        var out = b
        let cols = b.cols
        out.data.withUnsafeMutableBufferPointer { o in
            a.data.withUnsafeBufferPointer { row in
                for r in 0..<b.rows {
                    let base = r * cols
                    for c in 0..<cols { o[base + c] = f(row[c], o[base + c]) }
                }
            }
        }
        return out
    }
}

/// Reduces a gradient to an operand's shape (summing over broadcast rows).
private func reduce(_ g: Matrix, to shape: Matrix) -> Matrix {
    (shape.rows == 1 && g.rows != 1) ? g.sumRows() : g
}

public func + (a: Variable, b: Variable) -> Variable {
    binary("+", a, b, +) { tape, g, av, bv in
        tape.accumulate(a, reduce(g, to: av))
        tape.accumulate(b, reduce(g, to: bv))
    }
}

public func - (a: Variable, b: Variable) -> Variable {
    binary("-", a, b, -) { tape, g, av, bv in
        tape.accumulate(a, reduce(g, to: av))
        if tape.requiresGradient(b) { tape.accumulate(b, reduce(g.map { -$0 }, to: bv)) }
    }
}

/// Elementwise (Hadamard) product.
public func * (a: Variable, b: Variable) -> Variable {
    binary("*", a, b, *) { tape, g, av, bv in
        if tape.requiresGradient(a) { tape.accumulate(a, reduce(elementwise(g, bv, *), to: av)) }
        if tape.requiresGradient(b) { tape.accumulate(b, reduce(elementwise(g, av, *), to: bv)) }
    }
}

/// `s * a` for a constant `s`.
public func * (s: Float, a: Variable) -> Variable {
    a.tape.record(a.value * s, inputs: [a]) { tape, g in tape.accumulate(a, g * s) }
}

/// `1 - a`, elementwise (GRU's `1 - z`).
public func oneMinus(_ a: Variable) -> Variable {
    a.tape.record(a.value.map { 1 - $0 }, inputs: [a]) { tape, g in tape.accumulate(a, g.map { -$0 }) }
}

/// Elementwise unary op whose derivative is a function of its output.
private func unary(_ a: Variable, _ f: (Float) -> Float, derivativeFromOutput: @escaping (Float) -> Float) -> Variable {
    let y = a.value.map(f)
    return a.tape.record(y, inputs: [a]) { tape, g in
        tape.accumulate(a, g.zip(y) { gi, yi in gi * derivativeFromOutput(yi) })
    }
}

/// An activation on the tape; `Activation` holds its formula and derivative.
private func activate(_ a: Variable, _ f: Activation) -> Variable {
    unary(a, f.value, derivativeFromOutput: f.derivative(fromOutput:))
}

public func sigmoid(_ a: Variable) -> Variable { activate(a, .sigmoid) }

public func tanh(_ a: Variable) -> Variable { activate(a, .tanh) }

public func relu(_ a: Variable) -> Variable { activate(a, .relu) }

/// Columns `range` of `a` (to split stacked gate pre-activations).
public func columns(_ a: Variable, _ range: Range<Int>) -> Variable {
    let av = a.value
    guard range.lowerBound >= 0, range.upperBound <= av.cols else {
        return a.tape.fail("columns", "columns \(range.lowerBound)..<\(range.upperBound) of a matrix with \(av.cols)",
                           placeholder: Matrix(rows: av.rows, cols: max(0, range.count)))
    }
    return a.tape.record(av.columns(range), inputs: [a]) { tape, g in
        var full = Matrix(rows: av.rows, cols: av.cols)
        let width = range.count, cols = av.cols, start = range.lowerBound
        full.data.withUnsafeMutableBufferPointer { o in
            g.data.withUnsafeBufferPointer { d in
                for r in 0..<av.rows { for j in 0..<width { o[r * cols + start + j] = d[r * width + j] } }
            }
        }
        tape.accumulate(a, full)
    }
}

/// Splits the columns of `a` into `parts` equal chunks (PyTorch's `chunk(dim=1)`).
public func chunk(_ a: Variable, _ parts: Int) -> [Variable] {
    guard parts > 0, a.cols % parts == 0 else {
        let placeholder = Matrix(rows: a.rows, cols: parts > 0 ? a.cols / parts : 0)
        let failed = a.tape.fail("chunk", "\(a.cols) columns do not split into \(parts) equal parts", placeholder: placeholder)
        return Array(repeating: failed, count: max(parts, 0))
    }
    let width = a.cols / parts
    return (0..<parts).map { columns(a, ($0 * width)..<(($0 + 1) * width)) }
}

/// Variables side by side: `[a | b | …]`.
public func concatColumns(_ first: Variable, _ rest: Variable...) -> Variable {
    concatColumns([first] + rest, on: first.tape)
}

/// Variables side by side on `tape`: `[a | b | …]` (the tape makes an empty list an error, not a crash).
public func concatColumns(_ parts: [Variable], on tape: Tape) -> Variable {
    guard !parts.isEmpty, parts.allSatisfy({ tape.owns($0) }) else {
        return tape.fail("concatColumns", parts.isEmpty ? "nothing to concatenate" : "the parts come from different tapes",
                         placeholder: Matrix(rows: 0, cols: 0))
    }
    guard parts.allSatisfy({ $0.rows == parts[0].rows }) else {
        return tape.fail("concatColumns", "parts with \(parts.map { String($0.rows) }.joined(separator: ", ")) rows",
                         placeholder: Matrix(rows: parts[0].rows, cols: parts.reduce(0) { $0 + $1.cols }))
    }
    let values = parts.map(\.value)
    return tape.record(Matrix.concatColumns(values), inputs: parts) { tape, g in
        var offset = 0
        for (p, v) in zip(parts, values) {
            tape.accumulate(p, g.columns(offset..<(offset + v.cols)))
            offset += v.cols
        }
    }
}

/// `sum(a ∘ weights)` for a constant `weights`: a scalar (1×1) loss term.
public func weightedSum(_ a: Variable, _ weights: Matrix) -> Variable {
    let av = a.value
    guard av.rows == weights.rows, av.cols == weights.cols else {
        return a.tape.fail("weightedSum", "a \(av.rows)x\(av.cols) value with \(weights.rows)x\(weights.cols) weights",
                           placeholder: Matrix(rows: 1, cols: 1))
    }
    let total = zip(av.data, weights.data).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    return a.tape.record(Matrix(rows: 1, cols: 1, data: [Float(total)]), inputs: [a]) { tape, g in
        tape.accumulate(a, weights * g.data[0])
    }
}

/// Sum of same-shaped variables (1×1 loss terms, usually).
public func sum(_ first: Variable, _ rest: Variable...) -> Variable { sum([first] + rest, on: first.tape) }

/// Sum of same-shaped variables on `tape` (an empty list is an error on the tape, not a crash).
public func sum(_ terms: [Variable], on tape: Tape) -> Variable {
    guard let first = terms.first else { return tape.fail("sum", "nothing to add", placeholder: Matrix(rows: 1, cols: 1)) }
    return terms.dropFirst().reduce(first) { $0 + $1 }
}

/// Row-wise softmax (each row sums to one).
public func softmax(_ a: Variable) -> Variable {
    let av = a.value
    var y = av
    for r in 0..<av.rows {
        let row = av.data[(r * av.cols)..<((r + 1) * av.cols)]
        let top = row.max() ?? 0
        var total: Float = 0
        for c in 0..<av.cols { let e = Foundation.exp(av.data[r * av.cols + c] - top); y.data[r * av.cols + c] = e; total += e }
        for c in 0..<av.cols { y.data[r * av.cols + c] /= total }
    }
    return a.tape.record(y, inputs: [a]) { tape, g in
        // dx = y ∘ (g - Σ g∘y) per row
        var dx = g
        for r in 0..<y.rows {
            var dot: Float = 0
            for c in 0..<y.cols { dot += g.data[r * y.cols + c] * y.data[r * y.cols + c] }
            for c in 0..<y.cols { dx.data[r * y.cols + c] = y.data[r * y.cols + c] * (g.data[r * y.cols + c] - dot) }
        }
        tape.accumulate(a, dx)
    }
}

/// Row `r` of `a` where `takeA[r]`, else row `r` of `b` (same shapes): how a
/// padded batch keeps a finished sequence's state unchanged.
public func selectRows(_ takeA: [Bool], _ a: Variable, _ b: Variable) -> Variable {
    guard let tape = commonTape("selectRows", a, b) else { return a }
    let av = a.value, bv = b.value
    guard av.rows == bv.rows && av.cols == bv.cols && takeA.count == av.rows else {
        return tape.fail("selectRows", "a \(av.rows)x\(av.cols) and a \(bv.rows)x\(bv.cols) state for \(takeA.count) rows "
                         + "(a cell's next state must have its previous state's shape)", placeholder: bv)
    }
    var out = bv
    for r in 0..<av.rows where takeA[r] {
        for c in 0..<av.cols { out.data[r * av.cols + c] = av.data[r * av.cols + c] }
    }
    return tape.record(out, inputs: [a, b]) { tape, g in
        var ga = g, gb = g
        for r in 0..<g.rows {
            for c in 0..<g.cols { if takeA[r] { gb.data[r * g.cols + c] = 0 } else { ga.data[r * g.cols + c] = 0 } }
        }
        tape.accumulate(a, ga)
        tape.accumulate(b, gb)
    }
}

/// Rows `range` of `a` (one time step of a time-major stack of steps).
public func rowSlice(_ a: Variable, _ range: Range<Int>) -> Variable {
    let av = a.value
    guard range.lowerBound >= 0, range.upperBound <= av.rows else {
        return a.tape.fail("rowSlice", "rows \(range.lowerBound)..<\(range.upperBound) of a matrix with \(av.rows)",
                           placeholder: Matrix(rows: max(0, range.count), cols: av.cols))
    }
    let span = (range.lowerBound * av.cols)..<(range.upperBound * av.cols)
    return a.tape.record(Matrix(rows: range.count, cols: av.cols, data: Array(av.data[span])), inputs: [a]) { tape, g in
        var full = Matrix(rows: av.rows, cols: av.cols)
        full.data.replaceSubrange(span, with: g.data)
        tape.accumulate(a, full)
    }
}
