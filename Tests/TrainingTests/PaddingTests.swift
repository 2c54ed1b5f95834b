import Testing
import RNNKit
import BuiltinPlugins
import CellTesting

/// A padded batch gives every sentence the same loss, outputs and gradients
/// it has on its own, for bidirectional nets too: past its length a row's
/// state stays put, so the backward direction starts at the row's last word.
@Test(arguments: ["elman", "lstm", "gru"])
func paddingDoesNotChangeAnySentence(cell: String) throws {
    let registry = Registry(plugins: allPlugins)
    let net = try Network(config: NetworkConfig(cell: cell, inputSize: 5, hiddenSize: 4, outputSize: 3, layers: 2, bidirectional: true),
                          descriptor: try #require(registry.cell(named: cell)))
    var rng = SeededGenerator(seed: 2)
    net.initialize(.pytorch, rng: &rng)
    let sequences = [7, 3, 5].map { length in
        TrainingSequence(inputs: (0..<length).map { _ in SparseVector(dimension: 5, entries: [(rng.index(below: 5), 1)]) },
                         targets: (0..<length).map { _ in rng.index(below: 3) })
    }
    func loss(_ batch: Batch) throws -> (Double, [Matrix]) {
        let tape = Tape()
        let out = try net.forward(batch.inputs.map { tape.sparseConstant($0) }, logits: true, lengths: batch.lengths).outputs
        let total = sum(zip(out, batch.targets).map { crossEntropy($0, targets: $1) }, on: tape)
        tape.backward(from: total)
        return (Double(total.value.data[0]), net.namedParameters.map { tape.gradient(of: $0.parameter) ?? Matrix(rows: 0, cols: 0) })
    }
    let (together, gradTogether) = try loss(Batch(sequences, dimension: 5))
    var alone = 0.0
    var gradAlone = net.namedParameters.map { Matrix(rows: $0.parameter.value.rows, cols: $0.parameter.value.cols) }
    for s in sequences {
        let (l, g) = try loss(Batch([s], dimension: 5))
        alone += l
        for i in gradAlone.indices { gradAlone[i].add(g[i]) }
    }
    #expect(abs(together - alone) < 1e-4 * abs(alone))
    #expect(relativeError(gradTogether, gradAlone, floor: 0.1) <= 1e-3)
}
