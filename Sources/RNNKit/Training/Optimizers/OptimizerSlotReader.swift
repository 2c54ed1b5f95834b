/// One parameter's buffers from a state dict, handed to
/// `PerParameterOptimizer.state(from:)` while loading.
///
/// Every buffer has already been checked to have the parameter's shape, so
/// what `required` and `optional` return has the parameter's element count.
/// A buffer the optimizer never asks for is refused as unknown when the
/// reader is finished.
public struct OptimizerSlotReader {
    /// The parameter's network-wide name, for messages.
    public let parameter: String
    private var remaining: [OptimizerSlot: Matrix]
    private var asked: [OptimizerSlot] = []

    /// Checks every buffer in `slots` against the shape of `p`.
    init(parameter name: String, _ p: Parameter, slots: [OptimizerSlot: Matrix]) throws(OptimizerStateError) {
        for (slot, m) in slots.sorted(by: { $0.key < $1.key }) where m.rows != p.value.rows || m.cols != p.value.cols {
            let got = p.isVector && m.rows == 1 ? [m.cols] : [m.rows, m.cols]
            throw .wrongShape(parameter: name, slot: slot, expected: p.shape, got: got)
        }
        parameter = name
        remaining = slots
    }

    /// The buffer `slot`, which this optimizer needs.
    public mutating func required(_ slot: OptimizerSlot) throws(OptimizerStateError) -> [Float] {
        guard let values = optional(slot) else { throw .missingSlot(parameter: parameter, slot: slot) }
        return values
    }

    /// The buffer `slot` if the state has it (PyTorch's buffers that appear
    /// only after the first step, such as SGD's `momentum_buffer`).
    public mutating func optional(_ slot: OptimizerSlot) -> [Float]? {
        asked.append(slot)
        return remaining.removeValue(forKey: slot)?.data
    }

    /// Refuses any buffer no one asked for.
    func finish() throws(OptimizerStateError) {
        if let extra = remaining.keys.sorted().first {
            throw .unknownSlot(parameter: parameter, slot: extra, expected: asked)
        }
    }
}
