/// The loss at each step: cross-entropy against classes, or squared error
/// against real targets (padding masked either way).
func stepLosses(_ outputs: [Variable], _ batch: Batch) -> [Variable] {
    if let real = batch.realTargets {
        return zip(outputs, zip(real, batch.targets)).map { meanSquaredError($0, $1.0, mask: $1.1.map { $0 >= 0 }) }
    }
    return zip(outputs, batch.targets).map { crossEntropy($0, targets: $1) }
}
