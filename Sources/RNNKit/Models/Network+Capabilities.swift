// The recurrent network's capabilities: trained by gradient, stepped at the
// prompt, scoring sequences.

extension Network: Model, SequenceModel, GradientTrainable, Steppable, SequenceScorer {
    public func trainingPass(_ batch: Batch, on tape: Tape, carry: [StateValues]?) throws(CellError) -> TrainingPass {
        if crf != nil, batch.realTargets != nil {
            throw CellError("a crf chains tags, and this data has real-valued targets: rebuild the net without crf")
        }
        if let fused = try fusedTrainingPass(batch, on: tape, carry: carry) { return fused }
        let result = try forward(batch.inputs.map { tape.sparseConstant($0) }, initialStates: carry, logits: true, lengths: batch.lengths)
        let losses = crf.map { [$0.negativeLogLikelihood(result.outputs, targets: batch.targets, on: tape)] } ?? stepLosses(result.outputs, batch)
        return TrainingPass(losses: losses, carry: result.finalValues, watched: result.firstLayerOutputs)
    }

    public var inputWidth: Int { config.inputSize }
    public var readsWholeSequence: Bool { config.bidirectional }

    public func logits(_ inputs: [[SparseVector]], carry: [StateValues]?, lengths: [Int]?) throws(CellError)
        -> (logits: [Matrix], carry: [StateValues]) {
        let tape = Tape(recording: false)
        if let (outputs, finals) = try forwardFused(inputs, initialStates: carry, lengths: lengths, on: tape) {
            // Back to one matrix per step.
            let rows = inputs.first?.count ?? 0, value = outputs.value
            let perStep = (0..<inputs.count).map { t in
                Matrix(rows: rows, cols: value.cols, data: Array(value.data[(t * rows * value.cols)..<((t + 1) * rows * value.cols)]))
            }
            return (perStep, finals.map(\.matrices))
        }
        let result = try forward(inputs.map { tape.sparseConstant($0) }, initialStates: carry, logits: true, lengths: lengths)
        return (result.outputs.map(\.value), result.finalValues)
    }
}
