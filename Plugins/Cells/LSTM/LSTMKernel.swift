import RNNKit

/// The LSTM's step for the fused whole-sequence path (no peepholes): from the
/// pre-activations `[i | f | g | o]` to `c(t)` and `h(t)`, and back, eight
/// units at a time. Forward overwrites `pre` with the gate values and saves `memact(c)`.
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
            // memact(c), kept for backward when there is somewhere to keep it.
            let m = s.saved.map { $0 + r * H } ?? h
            VectorMath.forEachVector(H) { u, n in
                let i = VectorMath.load(g, u, n), f = VectorMath.load(g + H, u, n), z = VectorMath.load(g + 2 * H, u, n)
                let cv = f * VectorMath.load(cp, u, n) + i * z
                VectorMath.store(cv, c, u, n)
                VectorMath.store(cv, m, u, n)
            }
            memoryActivation.apply(m, count: H)
            VectorMath.forEachVector(H) { u, n in
                VectorMath.store(VectorMath.load(g + 3 * H, u, n) * VectorMath.load(m, u, n), h, u, n)
            }
        }
    }

    func backward(_ s: FusedBackwardStep) {
        let H = s.width, G = 4 * H
        guard let saved = s.saved, let cPrev = s.cPrev, let dc = s.dc, let dcPrev = s.dcPrev else { return }
        let act = activation, memact = memoryActivation
        for r in 0..<s.rows {
            let g = s.pre + r * G, d = s.dPre + r * G
            let m = saved + r * H, cp = cPrev + r * H, dh = s.dh + r * H, dcIn = dc + r * H
            let dcOut = dcPrev + r * H, dhOut = s.dhPrev + r * H
            VectorMath.forEachVector(H) { u, n in
                let i = VectorMath.load(g, u, n), f = VectorMath.load(g + H, u, n)
                let z = VectorMath.load(g + 2 * H, u, n), o = VectorMath.load(g + 3 * H, u, n)
                let mv = VectorMath.load(m, u, n), dhv = VectorMath.load(dh, u, n)
                let dcTotal = VectorMath.load(dcIn, u, n) + dhv * o * memact.derivative(fromOutput: mv)
                VectorMath.store(dcTotal * z * i * (1 - i), d, u, n)
                VectorMath.store(dcTotal * VectorMath.load(cp, u, n) * f * (1 - f), d + H, u, n)
                VectorMath.store(dcTotal * i * act.derivative(fromOutput: z), d + 2 * H, u, n)
                VectorMath.store(dhv * mv * o * (1 - o), d + 3 * H, u, n)
                VectorMath.store(dcTotal * f, dcOut, u, n)
                VectorMath.store(FloatVector(), dhOut, u, n)
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
