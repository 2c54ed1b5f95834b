import RNNKit

/// The LSTM's step for the fused whole-sequence path (no peepholes): from the
/// pre-activations `[i | f | g | o]` to `c(t)` and `h(t)`, and back.
/// Forward overwrites `pre` with the gate values and saves `memact(c)`.
struct LSTMKernel: FusedRecurrence {
    let activation: Activation
    let memoryActivation: Activation

    var gates: Int { 4 }
    var hasMemory: Bool { true }
    var separateRecurrent: Bool { false }
    var savedBlocks: Int { 1 }

    func forward(_ s: FusedForwardStep) {
        let H = s.width, G = 4 * H
        guard let cPrev = s.cPrev, let cOut = s.c else { return }
        for r in 0..<s.rows {
            let g = s.pre + r * G
            VectorMath.sigmoid(g, count: 2 * H)  // i, f
            activation.apply(g + 2 * H, count: H)  // g (the lecture's z)
            VectorMath.sigmoid(g + 3 * H, count: H)  // o
            let cp = cPrev + r * H, c = cOut + r * H, h = s.h + r * H
            for u in 0..<H { c[u] = g[H + u] * cp[u] + g[u] * g[2 * H + u] }
            // memact(c), kept for backward when there is somewhere to keep it.
            let m = s.saved.map { $0 + r * H } ?? h
            m.update(from: c, count: H)
            memoryActivation.apply(m, count: H)
            for u in 0..<H { h[u] = g[3 * H + u] * m[u] }
        }
    }

    func backward(_ s: FusedBackwardStep) {
        let H = s.width, G = 4 * H
        guard let saved = s.saved, let cPrev = s.cPrev, let dc = s.dc, let dcPrev = s.dcPrev else { return }
        for r in 0..<s.rows {
            let g = s.pre + r * G, d = s.dPre + r * G
            let m = saved + r * H, cp = cPrev + r * H, dh = s.dh + r * H, dcIn = dc + r * H
            let dcOut = dcPrev + r * H, dhOut = s.dhPrev + r * H
            for u in 0..<H {
                let i = g[u], f = g[H + u], z = g[2 * H + u], o = g[3 * H + u], mv = m[u]
                let dcTotal = dcIn[u] + dh[u] * o * memoryActivation.derivative(fromOutput: mv)
                d[u] = dcTotal * z * i * (1 - i)
                d[H + u] = dcTotal * cp[u] * f * (1 - f)
                d[2 * H + u] = dcTotal * i * activation.derivative(fromOutput: z)
                d[3 * H + u] = dh[u] * mv * o * (1 - o)
                dcOut[u] = dcTotal * f
                dhOut[u] = 0
            }
        }
    }
}

extension LSTMCell: FusedSequenceCell {
    /// The fused path, for every LSTM without peepholes.
    public var fusedLayer: FusedLayer? {
        guard peepholes == nil else { return nil }
        return FusedLayer(kernel: LSTMKernel(activation: activation, memoryActivation: memoryActivation),
                          weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
    }
}
