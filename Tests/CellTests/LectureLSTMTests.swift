import Testing
import RNNKit
import ElmanCell
import JordanCell
import LSTMCell

/// SPEC's LSTM gate example: one memory cell, linear cell input and memory
/// activations, no recurrent weights; the gates are set by hand.
@Test func lectureGateExample() throws {
    let lstm = try descriptor(LSTMPlugin.self, "lstm")
    let options = try Options(parsing: [("act", "linear"), ("memact", "linear")], specs: lstm.options)
    let net = try Network(config: NetworkConfig(cell: "lstm", inputSize: 3, hiddenSize: 1, cellOptions: options), descriptor: lstm)
    // Rows i, f, g, o (PyTorch order).
    try #require(net.parameter(named: "weight_ih_l0")).value = Matrix([[0, 100, 0], [0, 100, 0], [1, 0, 0], [0, 0, 100]])
    try #require(net.parameter(named: "weight_hh_l0")).value = Matrix(rows: 4, cols: 1)
    try #require(net.parameter(named: "bias_ih_l0")).value = Matrix(row: [-10, 10, 0, -10])
    try #require(net.parameter(named: "bias_hh_l0")).value = Matrix(rows: 1, cols: 4)
    let xs: [[Float]] = [[1, 0, 0], [3, 1, 0], [2, 0, 0], [4, 1, 0], [2, 0, 0], [1, 0, 1], [3, -1, 0], [6, 1, 0], [1, 0, 1]]
    var kept = net.zeroMemory()
    let steps = try net.run(xs.map { Matrix(row: $0) }, memory: &kept)
    let value = { (t: Int, name: String) in steps[t].first { $0.name == name }?.value.data[0] ?? .nan }
    let outputs: [Float] = [0, 0, 0, 0, 0, 7, 0, 0, 6]
    let memory: [Float] = [0, 3, 3, 7, 7, 7, 0, 6, 6]
    for t in 0..<xs.count {
        #expect(abs(value(t, "h") - outputs[t]) < 0.01, "output at step \(t + 1): \(value(t, "h"))")
        #expect(abs(value(t, "c") - memory[t]) < 0.01, "memory at step \(t + 1): \(value(t, "c"))")
    }
    #expect(steps[0].map(\.name) == ["x", "z", "i", "f", "o", "c_prev", "c", "h"])
    #expect(steps[0].map(\.label) == ["input", "cell input", "input gate", "forget gate", "output gate",
                                      "memory before", "memory", "hidden"])
    #expect(steps[0].map(\.kind) == [.input, .candidate, .gate, .gate, .gate, .other, .memory, .hidden])
}

/// SPEC: an LSTM layer has 4× the weights of a plain RNN layer of the same size.
@Test(arguments: [true, false])
func lstmHasFourTimesElmanParameters(bias: Bool) throws {
    let config = { (cell: String) in NetworkConfig(cell: cell, inputSize: 5, hiddenSize: 7, bias: bias) }
    let lstm = try Network(config: config("lstm"), descriptor: try descriptor(LSTMPlugin.self, "lstm"))
    let elman = try Network(config: config("elman"), descriptor: try descriptor(ElmanPlugin.self, "elman"))
    #expect(lstm.parameterCount == 4 * elman.parameterCount)
}

@Test func forgetBiasIsAddedToTheForgetRowsAtInit() throws {
    let lstm = try descriptor(LSTMPlugin.self, "lstm")
    let options = try Options(parsing: [("forget_bias", "1.5")], specs: lstm.options)
    let net = try Network(config: NetworkConfig(cell: "lstm", inputSize: 2, hiddenSize: 3, cellOptions: options), descriptor: lstm)
    var rng = SeededGenerator(seed: 1)
    net.initialize(.zeros, rng: &rng)
    #expect(try #require(net.parameter(named: "bias_ih_l0")).value.data == [0, 0, 0, 1.5, 1.5, 1.5, 0, 0, 0, 0, 0, 0])
    #expect(try #require(net.parameter(named: "bias_hh_l0")).value.data.allSatisfy { $0 == 0 })
    #expect(net.cells[0][0].summary == "tanh, forget_bias=1.5")
}

@Test func cellErrorsForImpossibleOptions() throws {
    let jordan = try descriptor(JordanPlugin.self, "jordan")
    #expect(throws: CellError.self) { try jordan.make(CellConfig(inputSize: 3, hiddenSize: 4)) }
    #expect(throws: CellError.self) { try jordan.make(CellConfig(inputSize: 3, hiddenSize: 4, outputSize: 0)) }
    do { _ = try jordan.make(CellConfig(inputSize: 3, hiddenSize: 4)) } catch let e as CellError {
        #expect(e.message == "jordan needs out=N: its output is what it feeds back")
    }
    let lstm = try descriptor(LSTMPlugin.self, "lstm")
    let options = try Options(parsing: [("forget_bias", "1")], specs: lstm.options)
    #expect(throws: CellError.self) { try lstm.make(CellConfig(inputSize: 3, hiddenSize: 4, bias: false, options: options)) }
}

@Test func lstmSummaries() throws {
    let lstm = try descriptor(LSTMPlugin.self, "lstm")
    let make = { (raw: [(key: String, value: String?)]) in
        try lstm.make(CellConfig(inputSize: 1, hiddenSize: 1, options: try Options(parsing: raw, specs: lstm.options))).summary
    }
    #expect(try make([]) == "tanh")
    #expect(try make([("act", "linear"), ("memact", "linear"), ("peephole", nil)]) == "linear, peephole")
    #expect(try make([("act", "linear")]) == "act=linear, memact=tanh")
}
