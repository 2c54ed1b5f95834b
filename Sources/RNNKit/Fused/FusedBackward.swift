/// Backpropagation through time for one fused layer over one sequence, from
/// what its forward pass kept: the per-step work runs in reverse order (on
/// the halves of the batch in parallel, as forward did), then every weight
/// gradient is one GEMM over all `steps·batch` rows.
extension FusedLayerPass {
    struct BackwardResult {
        var dWeightIH: Matrix
        var dWeightHH: Matrix
        var dBiasIH: Matrix
        var dBiasHH: Matrix
        var dh0: Matrix
        var dc0: Matrix?
        /// ∂L/∂pre-activations, time-major `[steps·batch, gates·H]` (for the input gradient).
        var dPre: Matrix

        /// ∂L/∂x = dPre · W_ih.
        func dInput(_ weightIH: Matrix) -> Matrix {
            var dx = Matrix(rows: dPre.rows, cols: weightIH.cols)
            Matrix.gemm(dPre, weightIH, into: &dx)
            return dx
        }
    }

    func runBackward(dOutputs: Matrix, dhFinal: Matrix?, dcFinal: Matrix?, watch: StepGradientNorms?) -> BackwardResult {
        let kernel = layer.kernel
        let H = layer.width, G = kernel.gates * H, memory = kernel.hasMemory, separate = kernel.separateRecurrent
        let rowsTotal = steps * batch, savedBlocks = kernel.savedBlocks
        var dPre = scratchBuffer(rowsTotal * G)
        var dRecurrent = separate ? scratchBuffer(rowsTotal * G) : []
        var dhState = dhFinal?.data ?? [Float](repeating: 0, count: batch * H)
        var dcState = memory ? (dcFinal?.data ?? [Float](repeating: 0, count: batch * H)) : []
        // Squared norms of ∂L/∂h_t per part and step, summed after the parts finish.
        var squaredNorms = [Double](repeating: 0, count: watch == nil ? 0 : parts.count * steps)
        let whh = layer.weightHH.value
        let real = self.real, reverse = self.reverse, batch = self.batch, steps = self.steps, parts = self.parts

        pre.withUnsafeBufferPointer { preP in
        recurrent.withUnsafeBufferPointer { recP in
        saved.withUnsafeBufferPointer { savedP in
        outputs.withUnsafeBufferPointer { outP in
        hPrevs.withUnsafeBufferPointer { hpP in
        cPrevs.withUnsafeBufferPointer { cpP in
        dOutputs.data.withUnsafeBufferPointer { dyP in
        dPre.withUnsafeMutableBufferPointer { dpP in
        dRecurrent.withUnsafeMutableBufferPointer { drP in
        dhState.withUnsafeMutableBufferPointer { dhsP in
        dcState.withUnsafeMutableBufferPointer { dcsP in
        squaredNorms.withUnsafeMutableBufferPointer { normP in
        whh.data.withUnsafeBufferPointer { wP in
            // Empty buffers are nil, decided by the flags, not by the pointers.
            let s = Shared(pre: preP.baseAddress!, recurrent: separate ? recP.baseAddress : nil,
                           saved: savedBlocks > 0 ? savedP.baseAddress : nil,
                           outputs: outP.baseAddress!, hPrevs: hpP.baseAddress!, cPrevs: memory ? cpP.baseAddress : nil,
                           dOutputs: dyP.baseAddress!, dPre: dpP.baseAddress!, dRecurrent: separate ? drP.baseAddress : nil,
                           dhState: dhsP.baseAddress!, dcState: memory ? dcsP.baseAddress : nil,
                           norms: watch == nil ? nil : normP.baseAddress, whh: wP.baseAddress!)
            FusedLayer.inParallel(parts) { range in
                let b0 = range.lowerBound, n = range.count
                let part = parts.firstIndex(of: range) ?? 0
                let product = StepProduct(m: n, n: H, k: G, lda: G, ldb: H, ldc: H)
                var scratch = [Float](repeating: 0, count: n * H * (memory ? 4 : 2))
                scratch.withUnsafeMutableBufferPointer { sp in
                    let dhNew = sp.baseAddress!, dhPrev = dhNew + n * H
                    let dcNew = memory ? dhPrev + n * H : nil, dcPrev = memory ? dhPrev + 2 * n * H : nil
                    for k in (0..<steps).reversed() {
                        let t = reverse ? steps - 1 - k : k
                        let row = t * batch + b0
                        let dhs = s.dhState + b0 * H, dcs = s.dcState.map { $0 + b0 * H }
                        // Gradient of the step's new state: its output's, plus the carried one where the row is still running.
                        for r in 0..<n {
                            let running = real?[t][b0 + r] ?? true
                            let o = r * H
                            VectorMath.forEachVector(H) { u, lanes in
                                let dy = VectorMath.load(s.dOutputs + (row + r) * H, u, lanes)
                                VectorMath.store(running ? dy + VectorMath.load(dhs + o, u, lanes) : dy, dhNew + o, u, lanes)
                            }
                            if let dcNew, let dcs {
                                if running { (dcNew + o).update(from: dcs + o, count: H) } else { (dcNew + o).update(repeating: 0, count: H) }
                            }
                        }
                        if let norms = s.norms {
                            var total = 0.0
                            for i in 0..<(n * H) { total += Double(dhNew[i]) * Double(dhNew[i]) }
                            norms[part * steps + k] = total
                        }
                        kernel.backward(FusedBackwardStep(
                            rows: n, width: H, pre: s.pre + row * G, recurrent: s.recurrent.map { $0 + row * G },
                            saved: s.saved.map { $0 + row * savedBlocks * H }, hPrev: s.hPrevs + row * H,
                            cPrev: s.cPrevs.map { $0 + row * H }, h: s.outputs + row * H, dh: dhNew, dc: dcNew,
                            dPre: s.dPre + row * G, dRecurrent: s.dRecurrent.map { $0 + row * G },
                            dhPrev: dhPrev, dcPrev: dcPrev))
                        // Through W_hh: ∂L/∂h(t-1) += ∂L/∂(recurrent pre-activations) · W_hh.
                        product.run((s.dRecurrent ?? s.dPre) + row * G, s.whh, dhPrev)
                        // The carried gradient for step t-1; a row past its end also passes its own straight through.
                        for r in 0..<n {
                            let o = r * H
                            if real?[t][b0 + r] ?? true {
                                (dhs + o).update(from: dhPrev + o, count: H)
                                if let dcPrev, let dcs { (dcs + o).update(from: dcPrev + o, count: H) }
                            } else {
                                VectorMath.forEachVector(H) { u, lanes in
                                    VectorMath.store(VectorMath.load(dhPrev + o, u, lanes) + VectorMath.load(dhs + o, u, lanes), dhs + o, u, lanes)
                                }
                                if let dcPrev, let dcs {
                                    VectorMath.forEachVector(H) { u, lanes in
                                        VectorMath.store(VectorMath.load(dcPrev + o, u, lanes) + VectorMath.load(dcs + o, u, lanes), dcs + o, u, lanes)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }}}}}}}}}}}}}

        if let watch {
            watch.norms = (0..<steps).map { k in parts.indices.reduce(0.0) { $0 + squaredNorms[$1 * steps + k] }.squareRoot() }
            // Reported by time step, whatever the direction.
            if reverse { watch.norms.reverse() }
        }
        let dPreMatrix = Matrix(rows: rowsTotal, cols: G, data: dPre)
        let dRecMatrix = separate ? Matrix(rows: rowsTotal, cols: G, data: dRecurrent) : dPreMatrix
        // Weight gradients: one GEMM each over every step and row.
        var dWeightHH = Matrix(rows: G, cols: H)
        Matrix.gemm(dRecMatrix, transposeA: true, Matrix(rows: rowsTotal, cols: H, data: hPrevs), into: &dWeightHH)
        let dWeightIH: Matrix
        switch input {
        case .sparse(let rows): dWeightIH = Self.scatterProjection(rows, dPre: dPreMatrix, inputWidth: layer.inputWidth)
        case .dense(let x):
            var d = Matrix(rows: G, cols: layer.inputWidth)
            Matrix.gemm(dPreMatrix, transposeA: true, x, into: &d)
            dWeightIH = d
        }
        let dBiasIH = dPreMatrix.sumRows()
        return BackwardResult(dWeightIH: dWeightIH, dWeightHH: dWeightHH, dBiasIH: dBiasIH, dBiasHH: separate ? dRecMatrix.sumRows() : dBiasIH,
                      dh0: Matrix(rows: batch, cols: H, data: dhState),
                      dc0: memory ? Matrix(rows: batch, cols: H, data: dcState) : nil, dPre: dPreMatrix)
    }

    /// ∂L/∂W_ih for sparse inputs: each row's gradient scattered into the columns its entries select.
    static func scatterProjection(_ rows: [SparseVector], dPre: Matrix, inputWidth: Int) -> Matrix {
        let G = dPre.cols
        let nonZeros = rows.reduce(0) { $0 + $1.entries.count }
        // Accumulated as [in, G] (contiguous rows) when `readsTransposed`, then transposed.
        // Each thread scatters into its own columns of the gradient, so the two never write the same element.
        if FusedLayer.readsTransposed(inputWidth: inputWidth, width: G, nonZeros: nonZeros) {
            var transposed = Matrix(rows: inputWidth, cols: G)
            transposed.data.withUnsafeMutableBufferPointer { tp in
                dPre.data.withUnsafeBufferPointer { dp in
                    let to = SharedPointer(tp.baseAddress!), from = SharedPointer(UnsafeMutablePointer(mutating: dp.baseAddress!))
                    Parallel.ranges(G, work: nonZeros * G) { columns in
                        for (r, row) in rows.enumerated() {
                            for e in row.entries {
                                let t = to.base + e.index * G, f = from.base + r * G
                                for j in columns { t[j] += e.value * f[j] }
                            }
                        }
                    }
                }
            }
            return transposed.transposed
        }
        var d = Matrix(rows: G, cols: inputWidth)
        d.data.withUnsafeMutableBufferPointer { out in
            dPre.data.withUnsafeBufferPointer { dp in
                let to = SharedPointer(out.baseAddress!), from = SharedPointer(UnsafeMutablePointer(mutating: dp.baseAddress!))
                Parallel.ranges(G, work: nonZeros * G) { columns in
                    for (r, row) in rows.enumerated() {
                        for e in row.entries { for j in columns { to.base[j * inputWidth + e.index] += e.value * from.base[r * G + j] } }
                    }
                }
            }
        }
        return d
    }
}

/// The buffers of a backward pass, shared by the threads that work on disjoint rows of them.
private struct Shared: @unchecked Sendable {
    let pre: UnsafePointer<Float>
    let recurrent: UnsafePointer<Float>?
    let saved: UnsafePointer<Float>?
    let outputs: UnsafePointer<Float>
    let hPrevs: UnsafePointer<Float>
    let cPrevs: UnsafePointer<Float>?
    let dOutputs: UnsafePointer<Float>
    let dPre: UnsafeMutablePointer<Float>
    let dRecurrent: UnsafeMutablePointer<Float>?
    let dhState: UnsafeMutablePointer<Float>
    let dcState: UnsafeMutablePointer<Float>?
    let norms: UnsafeMutablePointer<Double>?
    let whh: UnsafePointer<Float>
}
