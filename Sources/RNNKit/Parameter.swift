/// A named, trainable tensor. Vectors (PyTorch shape `[n]`) are stored as 1×n
/// matrices; `shape` keeps the PyTorch shape for display and for files.
public final class Parameter {
    /// The cell-local name (`weight_ih`); a `Network` adds `_l0`, `_reverse`.
    public let name: String
    /// PyTorch's shape: `[rows, cols]` for a matrix, `[n]` for a vector.
    public let shape: [Int]
    public var value: Matrix
    /// What optimizer state holds weakly to tell whether this parameter still
    /// exists. A weak reference to the parameter itself would give it a side
    /// table, and then every retain and release of it takes the runtime's slow
    /// path (a tenth of a tiny net's training step).
    public let liveness = ParameterLiveness()

    /// A matrix parameter `[rows, cols]`, zero-filled.
    public init(_ name: String, rows: Int, cols: Int) {
        self.name = name
        self.shape = [rows, cols]
        self.value = Matrix(rows: rows, cols: cols)
    }

    /// A vector parameter `[count]`, zero-filled.
    public init(_ name: String, count: Int) {
        self.name = name
        self.shape = [count]
        self.value = Matrix(rows: 1, cols: count)
    }

    public var isVector: Bool { shape.count == 1 }
    public var elementCount: Int { value.count }

    /// Sets every element from a generator.
    public func fill(_ f: () -> Float) {
        for i in 0..<value.count { value.data[i] = f() }
    }
}

/// A parameter's stand-in for weak references (see `Parameter.liveness`).
public final class ParameterLiveness: Sendable {
    public init() {}
}
