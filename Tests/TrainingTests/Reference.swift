import Foundation
import RNNKit
import CellTesting

/// One tensor of a reference file: `{"shape": [...], "data": [...]}`.
struct RefTensor: Decodable {
    let shape: [Int]
    let data: [Double]

    /// As a matrix: 1-D → 1×n, 2-D as is.
    var matrix: Matrix {
        let cols = shape.last ?? 1
        return Matrix(rows: data.count / max(cols, 1), cols: cols, data: data.map(Float.init))
    }
}

/// The bytes of `NAME.json` in the reference folder (see `CellTesting.referenceDirectory`).
func referenceData(_ name: String) throws -> Data {
    try Data(contentsOf: referenceDirectory.appendingPathComponent("\(name).json"))
}

/// Largest |a−b| / (|b| + floor) between Float32 results and Double references.
func relativeError(_ a: [Float], _ b: [Double], floor: Double = 1e-3) -> Double {
    precondition(a.count == b.count, "sizes \(a.count) vs \(b.count)")
    return zip(a, b).reduce(0.0) { max($0, abs(Double($1.0) - $1.1) / (abs($1.1) + floor)) }
}
