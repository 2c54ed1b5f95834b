/// A dense Float32 matrix, row-major. Batches are row-major too: one row per
/// sequence in the batch, so a step's input is `[batch, features]`.
///
/// A value type with copy-on-write storage (Swift's `Array`).
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    /// The elements, row after row.
    public var data: [Float]

    /// A matrix filled with one value.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        self.rows = rows
        self.cols = cols
        self.data = [Float](repeating: value, count: rows * cols)
    }

    /// A matrix over given elements (row-major). The count must be `rows * cols`.
    public init(rows: Int, cols: Int, data: [Float]) {
        precondition(data.count == rows * cols, "Matrix(\(rows)x\(cols)) given \(data.count) elements")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    /// A matrix from nested rows; every row must have the same length.
    public init(_ rowsOfValues: [[Float]]) {
        let cols = rowsOfValues.first?.count ?? 0
        precondition(rowsOfValues.allSatisfy { $0.count == cols }, "ragged rows")
        self.init(rows: rowsOfValues.count, cols: cols, data: rowsOfValues.flatMap { $0 })
    }

    /// A 1×n row vector.
    public init(row: [Float]) { self.init(rows: 1, cols: row.count, data: row) }

    public var count: Int { data.count }
    public var shape: (rows: Int, cols: Int) { (rows, cols) }

    public subscript(row: Int, col: Int) -> Float {
        get { data[row * cols + col] }
        set { data[row * cols + col] = newValue }
    }

    /// One row as an array.
    public func row(_ r: Int) -> [Float] { Array(data[(r * cols)..<((r + 1) * cols)]) }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        let rows = self.rows, cols = self.cols, block = 32
        // In 32×32 tiles, so both sides stay in cache (the fused path transposes W_hh every batch).
        data.withUnsafeBufferPointer { d in
            t.data.withUnsafeMutableBufferPointer { o in
                for r0 in stride(from: 0, to: rows, by: block) {
                    for c0 in stride(from: 0, to: cols, by: block) {
                        for r in r0..<min(r0 + block, rows) {
                            for c in c0..<min(c0 + block, cols) { o[c * rows + r] = d[r * cols + c] }
                        }
                    }
                }
            }
        }
        return t
    }

    /// Columns `range` of every row.
    public func columns(_ range: Range<Int>) -> Matrix {
        var out = Matrix(rows: rows, cols: range.count)
        let width = range.count, cols = self.cols, start = range.lowerBound
        out.data.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { d in
                for r in 0..<rows { for j in 0..<width { o[r * width + j] = d[r * cols + start + j] } }
            }
        }
        return out
    }

    /// Matrices side by side (same row count).
    public static func concatColumns(_ parts: [Matrix]) -> Matrix {
        guard let first = parts.first else { return Matrix(rows: 0, cols: 0) }
        let total = parts.reduce(0) { $0 + $1.cols }
        var out = Matrix(rows: first.rows, cols: total)
        var offset = 0
        for p in parts {
            precondition(p.rows == first.rows, "concatColumns: row counts differ")
            for r in 0..<p.rows { for c in 0..<p.cols { out.data[r * total + offset + c] = p.data[r * p.cols + c] } }
            offset += p.cols
        }
        return out
    }

    /// Elementwise map.
    public func map(_ f: (Float) -> Float) -> Matrix {
        Matrix(rows: rows, cols: cols, data: data.map(f))
    }

    /// Elementwise combination of two same-shaped matrices.
    public func zip(_ other: Matrix, _ f: (Float, Float) -> Float) -> Matrix {
        precondition(rows == other.rows && cols == other.cols, "shape mismatch \(rows)x\(cols) vs \(other.rows)x\(other.cols)")
        var out = self
        out.data.withUnsafeMutableBufferPointer { o in
            other.data.withUnsafeBufferPointer { b in
                for i in 0..<o.count { o[i] = f(o[i], b[i]) }
            }
        }
        return out
    }

    /// Sum over rows: a 1×cols row vector (the gradient of a broadcast row).
    /// Each column is summed row after row; a large matrix (the fused path's
    /// bias gradients over every step) has its columns split across the cores.
    public func sumRows() -> Matrix {
        var out = Matrix(rows: 1, cols: cols)
        let rows = self.rows, cols = self.cols
        guard rows > 0, cols > 0 else { return out }
        data.withUnsafeBufferPointer { d in
            out.data.withUnsafeMutableBufferPointer { o in
                let source = SharedPointer(UnsafeMutablePointer(mutating: d.baseAddress!)), target = SharedPointer(o.baseAddress!)
                Parallel.ranges(cols, work: rows * cols) { range in
                    for r in 0..<rows {
                        let row = source.base + r * cols
                        for c in range { target.base[c] += row[c] }
                    }
                }
            }
        }
        return out
    }

    /// Sum of all elements, accumulated in Double.
    public func sum() -> Double { data.reduce(0.0) { $0 + Double($1) } }

    /// Euclidean (Frobenius) norm, accumulated in Double.
    public var norm: Double { data.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }

    /// Multiplies every element by `s`, in place (`self * s` without a new matrix).
    public mutating func scale(by s: Float) {
        data.withUnsafeMutableBufferPointer { d in for i in d.indices { d[i] *= s } }
    }

    /// `self += other` elementwise.
    public mutating func add(_ other: Matrix) {
        precondition(rows == other.rows && cols == other.cols, "shape mismatch in add")
        data.withUnsafeMutableBufferPointer { o in
            other.data.withUnsafeBufferPointer { b in
                for i in 0..<o.count { o[i] += b[i] }
            }
        }
    }

    public static func + (a: Matrix, b: Matrix) -> Matrix { a.zip(b, +) }
    public static func - (a: Matrix, b: Matrix) -> Matrix { a.zip(b, -) }
    public static func * (a: Matrix, s: Float) -> Matrix { a.map { $0 * s } }

    /// All elements finite (no NaN or infinity)?
    public var isFinite: Bool { data.allSatisfy { $0.isFinite } }
}
