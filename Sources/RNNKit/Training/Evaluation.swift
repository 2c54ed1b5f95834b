/// The loss at each step: cross-entropy against classes, or squared error
/// against real targets (padding masked either way).
func stepLosses(_ outputs: [Variable], _ batch: Batch) -> [Variable] {
    if let real = batch.realTargets {
        return zip(outputs, zip(real, batch.targets)).map { meanSquaredError($0, $1.0, mask: $1.1.map { $0 >= 0 }) }
    }
    return zip(outputs, batch.targets).map { crossEntropy($0, targets: $1) }
}

extension Network {
    /// Mean loss per token over batches, without training (no gradients are
    /// recorded). With `.streams`, each batch starts from the last one's state.
    public func meanLoss(_ batches: [Batch], layout: BatchLayout) throws(CellError) -> Double {
        var lossSum = 0.0, tokens = 0
        var state: [StateValues]? = nil
        for batch in batches {
            let tape = Tape(recording: false)
            let result = try forward(batch.inputs.map { tape.sparseConstant($0) }, initialStates: state, logits: true, lengths: batch.lengths)
            lossSum += stepLosses(result.outputs, batch).reduce(0.0) { $0 + Double($1.value.data[0]) }
            tokens += batch.tokenCount
            if layout == .streams { state = result.finalValues }
        }
        return tokens > 0 ? lossSum / Double(tokens) : .nan
    }
}
