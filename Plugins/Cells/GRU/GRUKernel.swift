import RNNKit

/// The GRU's step for the fused whole-sequence path (PyTorch's reset after the
/// product): `r, z = σ(…)`, `n = tanh(gx_n + r ∘ (W_hn h + b_hn))`,
/// `h = (1 − z) ∘ n + z ∘ h(t-1)`. Forward overwrites `pre` with `r, z, n`;
/// `recurrent` keeps `W_hn h + b_hn` for backward.
struct GRUKernel: FusedRecurrence {
    var gates: Int { 3 }
    var hasMemory: Bool { false }
    var separateRecurrent: Bool { true }
    var savedBlocks: Int { 0 }

    func forward(_ s: FusedForwardStep) {
        let H = s.width, G = 3 * H
        guard let recurrent = s.recurrent else { return }
        for row in 0..<s.rows {
            let g = s.pre + row * G, rec = recurrent + row * G
            VectorMath.forEachVector(2 * H) { u, n in VectorMath.store(VectorMath.load(g, u, n) + VectorMath.load(rec, u, n), g, u, n) }
            VectorMath.sigmoid(g, count: 2 * H)  // r, z
            VectorMath.forEachVector(H) { u, n in
                let pre = VectorMath.load(g + 2 * H, u, n) + VectorMath.load(g, u, n) * VectorMath.load(rec + 2 * H, u, n)
                VectorMath.store(pre, g + 2 * H, u, n)
            }
            VectorMath.tanh(g + 2 * H, count: H)  // n
            let hp = s.hPrev + row * H, h = s.h + row * H
            VectorMath.forEachVector(H) { u, n in
                let z = VectorMath.load(g + H, u, n)
                VectorMath.store((1 - z) * VectorMath.load(g + 2 * H, u, n) + z * VectorMath.load(hp, u, n), h, u, n)
            }
        }
    }

    func backward(_ s: FusedBackwardStep) {
        let H = s.width, G = 3 * H
        guard let recurrent = s.recurrent, let dRecurrent = s.dRecurrent else { return }
        for row in 0..<s.rows {
            let g = s.pre + row * G, rec = recurrent + row * G, d = s.dPre + row * G, dr = dRecurrent + row * G
            let hp = s.hPrev + row * H, dh = s.dh + row * H, dhOut = s.dhPrev + row * H
            VectorMath.forEachVector(H) { u, lanes in
                let r = VectorMath.load(g, u, lanes), z = VectorMath.load(g + H, u, lanes), n = VectorMath.load(g + 2 * H, u, lanes)
                let dhv = VectorMath.load(dh, u, lanes)
                let dnPre = dhv * (1 - z) * (1 - n * n)
                let dzPre = dhv * (VectorMath.load(hp, u, lanes) - n) * z * (1 - z)
                let drPre = dnPre * VectorMath.load(rec + 2 * H, u, lanes) * r * (1 - r)
                VectorMath.store(drPre, d, u, lanes); VectorMath.store(drPre, dr, u, lanes)
                VectorMath.store(dzPre, d + H, u, lanes); VectorMath.store(dzPre, dr + H, u, lanes)
                VectorMath.store(dnPre, d + 2 * H, u, lanes); VectorMath.store(dnPre * r, dr + 2 * H, u, lanes)
                VectorMath.store(dhv * z, dhOut, u, lanes)
            }
        }
    }
}

extension GRUCell: FusedSequenceCell {
    /// The fused path, for PyTorch's GRU (`reset=after`, the default).
    public var fusedLayer: FusedLayer? {
        guard reset == .after else { return nil }
        return FusedLayer(kernel: GRUKernel(), weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
    }
}
