/// The values a fused layer reads: the sparse encoded words of the first
/// layer, or the dense outputs of the layer below, time-major.
public enum FusedValues {
    case sparse([SparseVector])
    case dense(Matrix)
}

/// What a fused layer's forward pass over a sequence computed, with what its
/// backward pass needs.
struct FusedLayerPass {
    let layer: FusedLayer
    let input: FusedValues
    let steps: Int
    let batch: Int
    /// Whether the steps ran last to first (the backward direction of a bidirectional layer).
    let reverse: Bool
    let real: [[Bool]]?
    let parts: [Range<Int>]
    let pre: [Float]
    let recurrent: [Float]
    let saved: [Float]
    /// The outputs `[steps·batch, H]`, time-major.
    let outputs: [Float]
    let hPrevs: [Float]
    let cPrevs: [Float]
    /// The final state `[batch, H]` (`cFinal` empty without memory).
    let hFinal: [Float]
    let cFinal: [Float]

    /// Backpropagation through time from the gradients of the outputs and of the final state (nil: zero).
    func backward(dOutputs: Matrix, dhFinal: Matrix?, dcFinal: Matrix?, watch: StepGradientNorms?) -> BackwardResult {
        runBackward(dOutputs: dOutputs, dhFinal: dhFinal, dcFinal: dcFinal, watch: watch)
    }
}

extension FusedLayer {
    /// The forward pass over `steps` steps of `batch` rows from `h0` (and
    /// `c0`), without a tape; the caller has checked the shapes. With
    /// `differentiating`, keeps what `backward` needs.
    func forwardPass(_ input: FusedValues, steps: Int, batch: Int, h0: Matrix, c0: Matrix?, lengths: [Int]?,
                     reverse: Bool, differentiating: Bool) -> FusedLayerPass {
        let H = width, G = kernel.gates * H, memory = kernel.hasMemory, separate = kernel.separateRecurrent
        let rowsTotal = steps * batch, inputWidth = weightIH.value.cols
        let real: [[Bool]]? = lengths.flatMap { lengths in
            lengths.allSatisfy({ $0 >= steps }) ? nil : (0..<steps).map { t in lengths.map { t < $0 } }
        }

        // Input projection of every step at once, with both biases unless the recurrent one is kept apart.
        var pre = scratchBuffer(rowsTotal * G)
        let wihValue = weightIH.value
        pre.withUnsafeMutableBufferPointer { p in
            let p = p.baseAddress!
            // Row 0 holds the bias (both, summed, unless the recurrent one is kept apart), copied to the others.
            if let bih = biasIH?.value.data { p.update(from: bih, count: G) } else { p.update(repeating: 0, count: G) }
            if !separate, let bhh = biasHH?.value.data { for j in 0..<G { p[j] += bhh[j] } }
            for r in 1..<max(rowsTotal, 1) { (p + r * G).update(from: p, count: G) }
            switch input {
            case .sparse(let rows): Self.gatherProjection(rows, wihValue, into: p, width: G)
            case .dense(let x):
                x.data.withUnsafeBufferPointer { xp in
                    wihValue.data.withUnsafeBufferPointer { wp in
                        BLAS.sgemm(m: rowsTotal, n: G, k: inputWidth, xp.baseAddress!, lda: inputWidth,
                                   wp.baseAddress!, ldb: inputWidth, transposeB: true, beta: 1, p, ldc: G)
                    }
                }
            }
        }
        var recurrent = separate ? scratchBuffer(rowsTotal * G) : []
        var saved = differentiating ? scratchBuffer(rowsTotal * kernel.savedBlocks * H) : []
        var outputs = scratchBuffer(rowsTotal * H)
        var hPrevs = scratchBuffer(rowsTotal * H)
        var cPrevs = memory ? scratchBuffer(rowsTotal * H) : []
        var hState = h0.data
        var cState = c0?.data ?? []
        // W_hhᵀ [H, G], so each step's product reads it row by row.
        let whhTransposed = weightHH.value.transposed
        let bhhRow = separate ? (biasHH?.value.data ?? [Float](repeating: 0, count: G)) : []
        let kernel = self.kernel, savedBlocks = kernel.savedBlocks
        let parts = Self.split(batch, stepWork: batch * G * H)

        pre.withUnsafeMutableBufferPointer { preP in
        recurrent.withUnsafeMutableBufferPointer { recP in
        saved.withUnsafeMutableBufferPointer { savedP in
        outputs.withUnsafeMutableBufferPointer { outP in
        hPrevs.withUnsafeMutableBufferPointer { hpP in
        cPrevs.withUnsafeMutableBufferPointer { cpP in
        hState.withUnsafeMutableBufferPointer { hsP in
        cState.withUnsafeMutableBufferPointer { csP in
        whhTransposed.data.withUnsafeBufferPointer { wP in
            // Empty buffers (a kernel without memory, nothing to save) are nil, decided by the flags, not by the pointers.
            let preS = SharedPointer(preP.baseAddress!), recS = separate ? SharedPointer(recP.baseAddress) : nil
            let savedS = differentiating && savedBlocks > 0 ? SharedPointer(savedP.baseAddress) : nil
            let outS = SharedPointer(outP.baseAddress!)
            let hpS = SharedPointer(hpP.baseAddress!), cpS = memory ? SharedPointer(cpP.baseAddress) : nil
            let hsS = SharedPointer(hsP.baseAddress!), csS = memory ? SharedPointer(csP.baseAddress) : nil
            let wS = SharedPointer(UnsafeMutablePointer(mutating: wP.baseAddress!))
            Self.inParallel(parts) { range in
                let b0 = range.lowerBound, n = range.count
                // h(t-1) · W_hhᵀ at every step, planned once.
                let product = StepProduct(m: n, n: G, k: H, lda: H, ldb: G, ldc: G)
                var cNew = [Float](repeating: 0, count: memory ? n * H : 0)
                cNew.withUnsafeMutableBufferPointer { cn in
                    for k in 0..<steps {
                        let t = reverse ? steps - 1 - k : k
                        let row = t * batch + b0
                        let hp = hpS.base + row * H
                        hp.update(from: hsS.base + b0 * H, count: n * H)
                        if let cs = csS { (cpS!.base + row * H).update(from: cs.base + b0 * H, count: n * H) }
                        let gates = preS.base + row * G
                        let rec = recS.map { $0.base + row * G }
                        if let rec {
                            for r in 0..<n { (rec + r * G).update(from: bhhRow, count: G) }
                            product.run(hp, wS.base, rec)
                        } else {
                            product.run(hp, wS.base, gates)
                        }
                        let h = outS.base + row * H
                        kernel.forward(FusedForwardStep(
                            rows: n, width: H, pre: gates, recurrent: rec, hPrev: hp, cPrev: cpS.map { $0.base + row * H },
                            h: h, c: memory ? cn.baseAddress! : nil, saved: savedS.map { $0.base + row * savedBlocks * H }))
                        // The carried state: the new one, except for rows whose sequence has ended.
                        for r in 0..<n where real?[t][b0 + r] ?? true {
                            (hsS.base + (b0 + r) * H).update(from: h + r * H, count: H)
                            if let cs = csS { (cs.base + (b0 + r) * H).update(from: cn.baseAddress! + r * H, count: H) }
                        }
                    }
                }
            }
        }}}}}}}}}
        return FusedLayerPass(layer: self, input: input, steps: steps, batch: batch, reverse: reverse, real: real, parts: parts,
                              pre: pre, recurrent: recurrent, saved: saved, outputs: outputs, hPrevs: hPrevs, cPrevs: cPrevs,
                              hFinal: hState, cFinal: cState)
    }
}

/// A pointer two threads may share because they touch disjoint rows.
struct SharedPointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    init(_ base: UnsafeMutablePointer<Float>) { self.base = base }
    init?(_ base: UnsafeMutablePointer<Float>?) { guard let base else { return nil }; self.base = base }
}
