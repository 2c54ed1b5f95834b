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
            for u in 0..<(2 * H) { g[u] += rec[u] }
            VectorMath.sigmoid(g, count: 2 * H)  // r, z
            for u in 0..<H { g[2 * H + u] += g[u] * rec[2 * H + u] }
            VectorMath.tanh(g + 2 * H, count: H)  // n
            let hp = s.hPrev + row * H, h = s.h + row * H
            for u in 0..<H { h[u] = (1 - g[H + u]) * g[2 * H + u] + g[H + u] * hp[u] }
        }
    }

    func backward(_ s: FusedBackwardStep) {
        let H = s.width, G = 3 * H
        guard let recurrent = s.recurrent, let dRecurrent = s.dRecurrent else { return }
        for row in 0..<s.rows {
            let g = s.pre + row * G, rec = recurrent + row * G, d = s.dPre + row * G, dr = dRecurrent + row * G
            let hp = s.hPrev + row * H, dh = s.dh + row * H, dhOut = s.dhPrev + row * H
            for u in 0..<H {
                let r = g[u], z = g[H + u], n = g[2 * H + u]
                let dnPre = dh[u] * (1 - z) * (1 - n * n)
                let dzPre = dh[u] * (hp[u] - n) * z * (1 - z)
                let drPre = dnPre * rec[2 * H + u] * r * (1 - r)
                d[u] = drPre; dr[u] = drPre
                d[H + u] = dzPre; dr[H + u] = dzPre
                d[2 * H + u] = dnPre; dr[2 * H + u] = dnPre * r
                dhOut[u] = dh[u] * z
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
