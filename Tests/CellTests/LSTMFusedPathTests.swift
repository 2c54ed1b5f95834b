import Testing
import RNNKit
import CellTesting
import LSTMCell

/// The LSTM's fused pointwise kernel (used when no probes are recorded) gives
/// the plain tape path's outputs, states and gradients to float tolerance.
@Test(arguments: ["", "act=linear memact=linear", "act=relu memact=sigmoid"])
func fusedLSTMMatchesThePlainPath(options: String) throws {
    let descriptor = try #require(Registry(plugins: [LSTMPlugin.self]).cell(named: "lstm"))
    let parsed = try Options(parsing: splitOptions(options), specs: descriptor.options)
    let net = try Network(config: NetworkConfig(cell: "lstm", inputSize: 3, hiddenSize: 5, outputSize: 2, layers: 2, cellOptions: parsed),
                          descriptor: descriptor)
    var rng = SeededGenerator(seed: 11)
    net.initialize(.pytorch, rng: &rng)
    let inputs = (0..<6).map { _ in Matrix(rows: 2, cols: 3, data: (0..<6).map { _ in Float(rng.normal()) }) }
    let weights = (0..<6).map { _ in Matrix(rows: 2, cols: 2, data: (0..<4).map { _ in Float(rng.normal()) }) }
    func pass(probes: Bool) throws -> (outputs: [Matrix], gradients: [Matrix], input: [Matrix]) {
        let tape = Tape()
        let xs = inputs.map { tape.constant($0, requiresGradient: true) }
        let result = try net.forward(xs, probes: probes)
        tape.backward(from: sum(zip(result.outputs, weights).map { weightedSum($0, $1) }, on: tape))
        return (result.outputs.map(\.value), net.namedParameters.map { tape.gradient(of: $0.parameter) ?? Matrix(rows: 0, cols: 0) },
                xs.map { tape.gradient($0) ?? Matrix(rows: 0, cols: 0) })
    }
    let fused = try pass(probes: false), plain = try pass(probes: true)
    #expect(relativeError(fused.outputs, plain.outputs, floor: 0.1) <= 1e-4)
    #expect(relativeError(fused.gradients, plain.gradients, floor: 0.1) <= 1e-4)
    #expect(relativeError(fused.input, plain.input, floor: 0.1) <= 1e-4)
}
