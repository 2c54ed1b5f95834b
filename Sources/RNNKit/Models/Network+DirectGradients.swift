/// Training on the fused path without a tape: each layer's forward pass, the
/// output layer and the loss, then the same steps backward, chained by hand.
/// For small nets the tape's bookkeeping is most of the time; for large ones
/// this changes nothing but the allocations. `trainingPass` on a tape gives
/// the same numbers (a test compares them).
extension Network: DirectlyDifferentiable {
    public func directGradients(_ batch: Batch, carry: [StateValues]?, scale: Float) throws(CellError) -> DirectGradients? {
        // A CRF's loss is a tape operation: the fused layers then run on the tape (`fusedTrainingPass`).
        guard crf == nil, let layers = activeFusedLayers, let rowsPerStep = batch.inputs.first?.count, rowsPerStep > 0 else { return nil }
        let steps = batch.steps, cells = positionedCells
        let rows = batch.stackedInputs
        guard batch.inputs.allSatisfy({ $0.count == rowsPerStep }), batch.targets.count == steps,
              batch.targets.allSatisfy({ $0.count == rowsPerStep }), batch.lengths.map({ $0.count == rowsPerStep }) ?? true else {
            throw CellError("the batch's steps have different numbers of rows")
        }
        guard rows.allSatisfy({ $0.fits(config.inputSize) }) else {
            throw CellError("the batch's inputs do not fit the net's input width \(config.inputSize)")
        }
        if let carry { try stack.checkInitialStates(carry, batch: rowsPerStep) }

        // Forward, layer by layer.
        var passes: [[FusedLayerPass]] = []
        var input = FusedValues.sparse(rows)
        var top = Matrix(rows: 0, cols: 0)
        for (k, layer) in layers.enumerated() {
            let layerPasses = layer.enumerated().map { dir, fused in
                let start = carry?[k * directions + dir]
                func zero() -> Matrix { Matrix(rows: rowsPerStep, cols: fused.width) }
                return fused.forwardPass(input, steps: steps, batch: rowsPerStep, h0: start?[.h] ?? zero(),
                                         c0: fused.kernel.hasMemory ? (start?[.c] ?? zero()) : nil,
                                         lengths: batch.lengths, reverse: dir == 1, differentiating: true)
            }
            let outputs = layerPasses.map { Matrix(rows: steps * rowsPerStep, cols: $0.layer.width, data: $0.outputs) }
            top = outputs.count == 1 ? outputs[0] : Matrix.concatColumns(outputs)
            passes.append(layerPasses)
            input = .dense(top)
        }
        let finals = zip(passes.joined(), cells).map { pass, cell in
            StateValues(layout: cell.cell.stateLayout,
                        values: [Matrix(rows: rowsPerStep, cols: pass.layer.width, data: pass.hFinal)]
                            + (pass.layer.kernel.hasMemory ? [Matrix(rows: rowsPerStep, cols: pass.layer.width, data: pass.cFinal)] : []),
                        batch: rowsPerStep)
        }

        // The output layer (logits: no softmax) and the loss.
        var logits = top
        if let head {
            logits = Matrix(rows: top.rows, cols: head.outputWidth)
            if let bias = head.bias, bias.value.count == logits.cols {
                logits.data.withUnsafeMutableBufferPointer { l in
                    for r in 0..<logits.rows { (l.baseAddress! + r * logits.cols).update(from: bias.value.data, count: logits.cols) }
                }
            }
            Matrix.gemm(top, head.weight.value, transposeB: true, beta: head.bias == nil ? 0 : 1, into: &logits)
        }
        let targets = batch.stackedTargets
        let lossSum: Double
        var dLogits: Matrix
        if let real = batch.realTargets {
            guard real.allSatisfy({ $0.cols == logits.cols && $0.rows == rowsPerStep }) else { return nil }
            let stacked = Matrix(rows: targets.count, cols: logits.cols, data: real.flatMap(\.data))
            (lossSum, dLogits) = meanSquaredErrorWithGradient(logits, stacked, mask: targets.map { $0 >= 0 })
        } else {
            guard targets.allSatisfy({ $0 >= -1 && $0 < logits.cols }) else {
                throw CellError("a target is not one of the net's \(logits.cols) outputs")
            }
            (lossSum, dLogits) = crossEntropyWithGradient(logits, targets: targets)
        }
        guard lossSum.isFinite else { return DirectGradients(lossSum: lossSum, gradients: [], carry: finals, stepGradientNorms: []) }

        // Backward.
        var gradients = [Matrix?](repeating: nil, count: namedParameters.count)
        func setGradient(_ g: Matrix, of p: Parameter) {
            if let i = parameterPositions[ObjectIdentifier(p)] { gradients[i] = g }
        }
        dLogits.scale(by: scale)
        var dTop = dLogits
        if let head {
            var dW = Matrix(rows: head.weight.value.rows, cols: head.weight.value.cols)
            Matrix.gemm(dLogits, transposeA: true, top, into: &dW)
            setGradient(dW, of: head.weight)
            if let bias = head.bias { setGradient(dLogits.sumRows(), of: bias) }
            dTop = Matrix(rows: top.rows, cols: top.cols)
            Matrix.gemm(dLogits, head.weight.value, into: &dTop)
        }
        let watch = StepGradientNorms()
        var dOutputs = dTop
        for (k, layerPasses) in passes.enumerated().reversed() {
            var dInput: Matrix? = nil
            var offset = 0
            for (dir, pass) in layerPasses.enumerated() {
                let width = pass.layer.width
                let d = layerPasses.count == 1 ? dOutputs : dOutputs.columns(offset..<(offset + width))
                offset += width
                let result = pass.backward(dOutputs: d, dhFinal: nil, dcFinal: nil, watch: k == 0 && dir == 0 ? watch : nil)
                setGradient(result.dWeightIH, of: pass.layer.weightIH)
                setGradient(result.dWeightHH, of: pass.layer.weightHH)
                if let b = pass.layer.biasIH { setGradient(result.dBiasIH, of: b) }
                if let b = pass.layer.biasHH { setGradient(result.dBiasHH, of: b) }
                if k > 0 {
                    let dx = result.dInput(pass.layer.weightIH.value)
                    if dInput == nil { dInput = dx } else { dInput!.add(dx) }
                }
            }
            if let dInput { dOutputs = dInput }
        }
        let ordered = zip(gradients, namedParameters).map { g, named in g ?? Matrix(rows: named.parameter.value.rows, cols: named.parameter.value.cols) }
        return DirectGradients(lossSum: lossSum, gradients: ordered, carry: finals, stepGradientNorms: watch.norms)
    }
}
