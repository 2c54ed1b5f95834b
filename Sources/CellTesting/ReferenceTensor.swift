import Foundation

/// One tensor of a PyTorch reference file: `{"shape": [...], "data": [...]}`,
/// values in float64 as PyTorch wrote them.
public struct RefTensor: Decodable, Sendable {
    public let shape: [Int]
    public let data: [Double]

    /// As a matrix: 1-D → 1×n, 2-D as is, 3-D `[T,B,n]` flattened to `[T*B, n]`.
    public var matrix: Matrix {
        let cols = shape.last ?? 1
        return Matrix(rows: data.count / max(cols, 1), cols: cols, data: data.map(Float.init))
    }

    /// Slice `i` of the first dimension of a 3-D tensor, as `[shape[1], shape[2]]`.
    public func slice(_ i: Int) -> Matrix {
        let rows = shape[1], cols = shape[2]
        let start = i * rows * cols
        return Matrix(rows: rows, cols: cols, data: data[start..<(start + rows * cols)].map(Float.init))
    }
}

/// The bytes of `NAME.json` in the reference folder (see `referenceDirectory`),
/// or, for a case that folder does not have yet (one added to the generator
/// since the shared contract was written), the repository's copy in `Tests/Reference`.
public func referenceData(_ name: String) throws -> Data {
    let file = referenceDirectory.appendingPathComponent("\(name).json")
    if FileManager.default.fileExists(atPath: file.path) { return try Data(contentsOf: file) }
    return try Data(contentsOf: repositoryReferenceDirectory.appendingPathComponent("\(name).json"))
}
