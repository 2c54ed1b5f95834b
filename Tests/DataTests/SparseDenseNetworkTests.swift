import Testing
import RNNKit
import BuiltinPlugins
import CellTesting

/// Training through sparse inputs must give the same gradients as the same
/// inputs dense, for every cell, over a long sequence.
@Test(arguments: ["elman", "lstm", "gru", "jordan", "mgu"])
func sparseAndDenseInputsGiveTheSameGradients(cell: String) throws {
    let registry = Registry(plugins: allPlugins)
    let descriptor = try #require(registry.cell(named: cell))
    let net = try Network(config: NetworkConfig(cell: cell, inputSize: 7, hiddenSize: 5, outputSize: 3, layers: 2), descriptor: descriptor)
    var rng = SeededGenerator(seed: 4)
    net.initialize(.pytorch, rng: &rng)
    let steps = 40, batch = 3
    let rows: [[SparseVector]] = (0..<steps).map { _ in
        (0..<batch).map { _ in SparseVector(dimension: 7, entries: [(rng.index(below: 7), 1)]) }
    }
    let targets: [[Int]] = (0..<steps).map { _ in (0..<batch).map { _ in rng.index(below: 3) } }
    func gradients(sparse: Bool) throws -> [Matrix] {
        let tape = Tape()
        let xs = rows.map { r in
            sparse ? tape.sparseConstant(r) : tape.constant(Matrix(rows: batch, cols: 7, data: r.flatMap { $0.dense.data }))
        }
        let out = try net.forward(xs, logits: true).outputs
        tape.backward(from: sum(zip(out, targets).map { crossEntropy($0, targets: $1) }, on: tape))
        return net.namedParameters.map { tape.gradient(of: $0.parameter) ?? Matrix(rows: 0, cols: 0) }
    }
    let a = try gradients(sparse: true), b = try gradients(sparse: false)
    for ((name, _), (ga, gb)) in zip(net.namedParameters, zip(a, b)) {
        let worst = relativeError(ga, gb)
        #expect(worst < 1e-3, "\(cell) \(name): \(worst)")
    }
}
