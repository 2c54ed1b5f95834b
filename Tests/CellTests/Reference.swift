import Foundation
import RNNKit
import CellTesting

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
        try JSONDecoder().decode(RefCase.self, from: referenceData(name))
    }
}
