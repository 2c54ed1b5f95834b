/// Where a cell sits in a stacked, possibly bidirectional network, and the
/// PyTorch name suffix that follows from it: `_l0`, `_l1_reverse`. The one
/// place those suffixes are built.
public struct CellPosition: Hashable, Sendable {
    public let layer: Int
    /// 0 forward in time, 1 backward.
    public let direction: Int

    public init(layer: Int, direction: Int) {
        self.layer = layer
        self.direction = direction
    }

    /// PyTorch's suffix for the cell's parameters: `_l<k>`, plus `_reverse` backward.
    public var suffix: String { "_l\(layer)" + (direction == 1 ? "_reverse" : "") }

    /// The network-wide name of one of the cell's parameters (`weight_hh` → `weight_hh_l0`).
    public func name(of local: String) -> String { local + suffix }

    /// Words for messages: `layer 1 (backward)`.
    public var description: String { "layer \(layer)" + (direction == 1 ? " (backward)" : "") }
}
