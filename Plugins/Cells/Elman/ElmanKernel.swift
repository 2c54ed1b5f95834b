import RNNKit

/// The Elman cell's step for the fused whole-sequence path:
/// `h = act(pre)`; backward `dpre = dh ∘ act′(h)`.
struct ElmanKernel: FusedRecurrence {
    let activation: Activation

    var gates: Int { 1 }
    var hasMemory: Bool { false }
    var separateRecurrent: Bool { false }
    var savedBlocks: Int { 0 }

    func forward(_ s: FusedForwardStep) {
        let count = s.rows * s.width
        activation.apply(s.pre, count: count)
        s.h.update(from: s.pre, count: count)
    }

    func backward(_ s: FusedBackwardStep) {
        let act = activation
        VectorMath.forEachVector(s.rows * s.width) { k, n in
            VectorMath.store(VectorMath.load(s.dh, k, n) * act.derivative(fromOutput: VectorMath.load(s.h, k, n)), s.dPre, k, n)
            VectorMath.store(FloatVector(), s.dhPrev, k, n)
        }
    }
}

extension ElmanCell: FusedSequenceCell {
    public var fusedLayer: FusedLayer? {
        FusedLayer(kernel: ElmanKernel(activation: activation), weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
    }
}
