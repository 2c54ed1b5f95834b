import Foundation
import Testing
import RNNKit
import CellTesting
import BuiltinPlugins

/// PyTorch's own safetensors files (written by `generate.py` from
/// `state_dict()`) load into rnnbook's networks by name and shape, and give
/// exactly the reference weights.
@Test(arguments: [
    ("rnn_tanh", "elman", "act=tanh"), ("rnn_relu", "elman", "act=relu"), ("lstm", "lstm", ""), ("gru", "gru", ""),
    ("lstm_2layer_bidirectional", "lstm", ""), ("gru_2layer_bidirectional", "gru", ""),
])
func pytorchSafetensorsLoad(name: String, cell: String, options: String) throws {
    let ref = try RefCase.load(name)
    let registry = Registry(plugins: allPlugins)
    let descriptor = try #require(registry.cell(named: cell))
    let parsed = try Options(parsing: splitOptions(options), specs: descriptor.options)
    let net = try Network(config: NetworkConfig(cell: cell, inputSize: ref.input_size, hiddenSize: ref.hidden_size,
                                                layers: ref.num_layers ?? 1, bidirectional: ref.bidirectional ?? false,
                                                cellOptions: parsed), descriptor: descriptor)
    let data = try Data(contentsOf: referenceDirectory.appendingPathComponent("\(name).safetensors"))
    let contents = try SafeTensors.decode(data)
    #expect(contents.metadata["cell"] == (cell == "elman" ? "rnn" : cell))
    try ModelFile.load(contents, into: net)
    for (paramName, p) in net.namedParameters {
        let expected = try #require(ref.params[paramName]).matrix
        #expect(relativeError(p.value, expected, floor: 1e-6) < 1e-6, "\(name) \(paramName)")
    }
}

@Test func encodeDecodeRoundTripIsExactAndDeterministic() throws {
    let contents = SafeTensors.Contents(
        tensors: ["b": .init(shape: [3], values: [1, -2.5, 1e-30]), "a.weight": .init(shape: [2, 2], values: [0, 1, 2, 3])],
        metadata: ["net": "net elman in=2 hidden=2"])
    let bytes = SafeTensors.encode(contents)
    #expect(bytes == SafeTensors.encode(contents))
    #expect(try SafeTensors.decode(bytes) == contents)
}

@Test(arguments: [Data(), Data([1, 2, 3]), Data("not a safetensors file at all".utf8),
                  Data([8, 0, 0, 0, 0, 0, 0, 0] + Array("[1,2,3] ".utf8))])
func malformedFilesAreRefusedWithAReason(_ data: Data) {
    #expect(throws: SafeTensors.FormatError.self) { try SafeTensors.decode(data) }
}

@Test func mismatchedShapesAndNamesAreRefusedAllOrNothing() throws {
    let registry = Registry(plugins: allPlugins)
    let net = try Network(config: NetworkConfig(cell: "elman", inputSize: 2, hiddenSize: 2), descriptor: try #require(registry.cell(named: "elman")))
    let before = net.namedParameters.map(\.parameter.value)
    var contents = ModelFile.contents(of: net)
    contents.tensors["weight_hh_l0"] = .init(shape: [3, 3], values: Array(repeating: 1, count: 9))
    contents.tensors["weight_ih_l0"] = .init(shape: [2, 2], values: [9, 9, 9, 9])
    #expect(throws: ModelFile.MismatchError.self) { try ModelFile.load(contents, into: net) }
    #expect(net.namedParameters.map(\.parameter.value) == before)
    contents = ModelFile.contents(of: net)
    contents.tensors["extra"] = .init(shape: [1], values: [0])
    #expect(throws: ModelFile.MismatchError.self) { try ModelFile.load(contents, into: net) }
}
