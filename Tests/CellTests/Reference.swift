import Foundation
import RNNKit
import CellTesting

/// One tensor of a reference file: `{"shape": [...], "data": [...]}`.
struct RefTensor: Decodable {
    let shape: [Int]
    let data: [Double]

    /// As a matrix: 1-D → 1×n, 2-D as is, 3-D `[T,B,n]` flattened to `[T*B, n]`.
    var matrix: Matrix {
        let cols = shape.last ?? 1
        return Matrix(rows: data.count / max(cols, 1), cols: cols, data: data.map(Float.init))
    }

    /// Slice `i` of the first dimension of a 3-D tensor, as `[shape[1], shape[2]]`.
    func slice(_ i: Int) -> Matrix {
        let rows = shape[1], cols = shape[2]
        let start = i * rows * cols
        return Matrix(rows: rows, cols: cols, data: data[start..<(start + rows * cols)].map(Float.init))
    }
}

/// A recurrent reference case written by `../shared/reference/generate.py`.
struct RefCase: Decodable {
    let input_size: Int
    let hidden_size: Int
    let output_size: Int?
    let num_layers: Int?
    let bidirectional: Bool?
    let params: [String: RefTensor]
    let input: RefTensor
    let h0: RefTensor?
    let c0: RefTensor?
    let y0: RefTensor?
    let output: RefTensor
    let h_T: RefTensor?
    let c_T: RefTensor?
    let R: RefTensor
    let Rh: RefTensor?
    let Rc: RefTensor?
    let loss: Double
    let grads: [String: RefTensor]

    /// `NAME.json` in the reference folder (see `referenceDirectory`).
    static func load(_ name: String) throws -> RefCase {
        let url = referenceDirectory.appendingPathComponent("\(name).json")
        return try JSONDecoder().decode(RefCase.self, from: Data(contentsOf: url))
    }
}

/// Largest |a-b| / (|b| + floor) over two equally-sized matrices.
func relativeError(_ a: Matrix, _ b: Matrix, floor: Double = 1e-3) -> Double {
    precondition(a.count == b.count, "sizes \(a.count) vs \(b.count)")
    var worst = 0.0
    for (x, y) in zip(a.data, b.data) {
        worst = max(worst, abs(Double(x) - Double(y)) / (abs(Double(y)) + floor))
    }
    return worst
}
