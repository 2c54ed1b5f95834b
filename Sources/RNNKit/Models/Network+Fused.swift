/// The network on the fused whole-sequence path: what `train`, `eval`,
/// `predict` and `sample` run when no probes are wanted and every cell has a
/// fused kernel. The output layer and the loss then work on all `steps·batch`
/// rows at once.
extension Network {
    /// The fused layers to use, or nil for the tape path (a cell without a
    /// kernel, or `fusedPathEnabled` off).
    var activeFusedLayers: [[FusedLayer]]? { fusedPathEnabled ? stack.fusedLayers : nil }

    /// Whether this network runs whole sequences on the fused path.
    public var usesFusedPath: Bool { activeFusedLayers != nil }

    /// The outputs of every step stacked time-major `[steps·batch, outputWidth]`
    /// (logits: no softmax) and the final states, on the fused path.
    public func forwardFused(_ inputs: [[SparseVector]], initialStates: [StateValues]?, lengths: [Int]?, on tape: Tape,
                             watch: StepGradientNorms? = nil) throws(CellError) -> (outputs: Variable, finalStates: [CellState])? {
        guard let layers = activeFusedLayers, let batch = inputs.first?.count, batch > 0 else { return nil }
        guard inputs.allSatisfy({ $0.count == batch }) else { throw CellError("the batch's steps have different numbers of rows") }
        let pass = try stack.forwardFused(.sparse(inputs.flatMap { $0 }), steps: inputs.count, batch: batch,
                                          from: initialStates?.map { $0.onTape(tape) }, lengths: lengths,
                                          layers: layers, on: tape, watch: watch)
        let outputs = head?.apply([pass.outputs], logits: true).first ?? pass.outputs
        if let failure = tape.failure { throw CellError("the output layer: \(failure)") }
        return (outputs, pass.finalStates)
    }

    /// One training pass on the fused path: one loss node over every step and row.
    func fusedTrainingPass(_ batch: Batch, on tape: Tape, carry: [StateValues]?) throws(CellError) -> TrainingPass? {
        let watch = StepGradientNorms()
        guard let (outputs, finals) = try forwardFused(batch.inputs, initialStates: carry, lengths: batch.lengths, on: tape, watch: watch) else {
            return nil
        }
        let targets = batch.stackedTargets
        let loss: Variable
        if let crf {
            // The chain scores whole sentences: its loss reads one output per step.
            let rows = batch.size
            let perStep = (0..<batch.steps).map { rowSlice(outputs, ($0 * rows)..<(($0 + 1) * rows)) }
            loss = crf.negativeLogLikelihood(perStep, targets: batch.targets, on: tape)
        } else if let real = batch.realTargets {
            let stacked = Matrix(rows: targets.count, cols: real.first?.cols ?? 0, data: real.flatMap(\.data))
            loss = meanSquaredError(outputs, stacked, mask: targets.map { $0 >= 0 })
        } else {
            loss = crossEntropy(outputs, targets: targets)
        }
        return TrainingPass(losses: [loss], carry: finals.map(\.matrices), stepGradientNorms: watch)
    }
}
