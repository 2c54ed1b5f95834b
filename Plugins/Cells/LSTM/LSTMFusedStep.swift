import RNNKit

/// The LSTM's elementwise work after the two GEMMs, as one tape node: from
/// the stacked pre-activations `[i | f | g | o]` (`[batch, 4H]`) and `c(t-1)`
/// to `[c(t) | h(t)]` (`[batch, 2H]`), with a hand-written backward.
///
/// The plain path (`chunk`, `sigmoid`, `*`, `+`, …) records eleven nodes and
/// as many temporary matrices per step; this records one. It is used when no
/// probes are wanted (training, evaluation) and there are no peepholes, and
/// a test holds it to the plain path's outputs and gradients.
func fusedLSTMPointwise(_ gates: Variable, _ cPrev: Variable, act: Activation, memact: Activation) -> (c: Variable, h: Variable) {
    let g = gates.value, cp = cPrev.value
    let rows = cp.rows, width = cp.cols
    // Saved for backward: the gate outputs and memact(c).
    var i = Matrix(rows: rows, cols: width), f = i, z = i, o = i, m = i
    var out = Matrix(rows: rows, cols: 2 * width)
    for r in 0..<rows {
        for u in 0..<width {
            let k = r * width + u, base = r * 4 * width + u
            let iv = Activation.sigmoid.value(g.data[base])
            let fv = Activation.sigmoid.value(g.data[base + width])
            let zv = act.value(g.data[base + 2 * width])
            let ov = Activation.sigmoid.value(g.data[base + 3 * width])
            let c = fv * cp.data[k] + iv * zv
            let mv = memact.value(c)
            i.data[k] = iv; f.data[k] = fv; z.data[k] = zv; o.data[k] = ov; m.data[k] = mv
            out.data[r * 2 * width + u] = c
            out.data[r * 2 * width + width + u] = ov * mv
        }
    }
    let both = gates.tape.record(out, inputs: [gates, cPrev]) { tape, grad in
        var dGates = Matrix(rows: rows, cols: 4 * width)
        var dPrev = Matrix(rows: rows, cols: width)
        for r in 0..<rows {
            for u in 0..<width {
                let k = r * width + u, base = r * 4 * width + u
                let gc = grad.data[r * 2 * width + u], gh = grad.data[r * 2 * width + width + u]
                let iv = i.data[k], fv = f.data[k], zv = z.data[k], ov = o.data[k], mv = m.data[k]
                // h = o·memact(c): its gradient reaches c through memact.
                let dc = gc + gh * ov * memact.derivative(fromOutput: mv)
                dGates.data[base] = dc * zv * iv * (1 - iv)
                dGates.data[base + width] = dc * cp.data[k] * fv * (1 - fv)
                dGates.data[base + 2 * width] = dc * iv * act.derivative(fromOutput: zv)
                dGates.data[base + 3 * width] = gh * mv * ov * (1 - ov)
                dPrev.data[k] = dc * fv
            }
        }
        tape.accumulate(gates, dGates)
        tape.accumulate(cPrev, dPrev)
    }
    return (columns(both, 0..<width), columns(both, width..<(2 * width)))
}

