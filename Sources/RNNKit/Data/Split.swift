/// A data set cut into a training and a validation part.
public struct DataSplit<Item> {
    public var train: [Item]
    public var validation: [Item]

    /// Puts `round(fraction × count)` items, chosen by a seeded shuffle, in
    /// `validation` and the rest in `train`; both keep the original order.
    /// A positive fraction takes at least one item, and at least one item
    /// stays in `train` (when there are two or more). The same seed and data
    /// always give the same split.
    public init(_ items: [Item], validationFraction fraction: Double, seed: UInt64) {
        let n = items.count
        var k = Int((max(0, min(1, fraction)) * Double(n)).rounded())
        if fraction > 0, n >= 2 { k = min(max(k, 1), n - 1) }
        if n < 2 { k = 0 }
        var order = Array(0..<n)
        var rng = SeededGenerator(seed: seed)
        // Fisher–Yates with our own generator: the same on every platform.
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.index(below: i + 1)) }
        }
        let held = Set(order.prefix(k))
        train = items.indices.filter { !held.contains($0) }.map { items[$0] }
        validation = items.indices.filter { held.contains($0) }.map { items[$0] }
    }
}

extension DataSplit: Sendable where Item: Sendable {}
extension DataSplit: Equatable where Item: Equatable {}
