import BuiltinPlugins
import CellTesting
import RNNKit
import Testing

/// The fused whole-sequence path equals the tape path, values and every gradient.
@Suite struct FusedPathTests {
    let registry = Registry(plugins: allPlugins)

    func network(_ cell: String, in input: Int = 3, hidden: Int = 4, layers: Int = 1, bidirectional: Bool = false,
                 options: [(String, String?)] = [], seed: UInt64 = 11) throws -> Network {
        let descriptor = try #require(registry.cell(named: cell))
        let raw: [(key: String, value: String?)] = [("in", "\(input)"), ("hidden", "\(hidden)"), ("layers", "\(layers)")]
            + (bidirectional ? [("bidirectional", nil)] : []) + options.map { (key: $0.0, value: $0.1) }
        let specs = NetworkConfig.optionSpecs + descriptor.options
        let all = try Options(parsing: raw, specs: specs)
        let cellKeys = Set(descriptor.options.map(\.key))
        let config = NetworkConfig(cell: cell, inputSize: input, options: all,
                                   cellOptions: Options(all.values.filter { cellKeys.contains($0.key) }))
        let net = try Network(config: config, descriptor: descriptor)
        var rng = SeededGenerator(seed: seed)
        net.initialize(.pytorch, rng: &rng)
        return net
    }

    @Test(arguments: ["lstm", "gru", "elman"])
    func oneLayerEqualsTape(cell: String) throws {
        #expect(FusedPathCheck(network: try network(cell)).run() == [])
    }

    @Test(arguments: ["lstm", "gru", "elman"])
    func stackedBidirectionalWithPaddingEqualsTape(cell: String) throws {
        let net = try network(cell, layers: 2, bidirectional: true)
        #expect(FusedPathCheck(network: net, steps: 6, batch: 4, lengths: [6, 2, 5, 1]).run() == [])
    }

    @Test func splitAcrossThreadsEqualsTape() throws {
        // 32 rows and 64 units: enough work per step for the batch to run as two halves on two threads.
        let net = try network("lstm", in: 8, hidden: 64, layers: 2, bidirectional: true)
        #expect(FusedPathCheck(network: net, steps: 4, batch: 32, lengths: (0..<32).map { 1 + $0 % 4 }).run() == [])
        let gru = try network("gru", in: 8, hidden: 64)
        #expect(FusedPathCheck(network: gru, steps: 4, batch: 32).run() == [])
    }

    @Test func otherActivationsEqualTape() throws {
        #expect(FusedPathCheck(network: try network("elman", options: [("act", "relu")])).run() == [])
        #expect(FusedPathCheck(network: try network("lstm", options: [("act", "linear"), ("memact", "sigmoid")])).run() == [])
    }

    @Test func cellsWithoutAKernelStepOnTheTape() throws {
        #expect(try network("lstm", options: [("peephole", nil)]).usesFusedPath == false)
        #expect(try network("gru", options: [("reset", "before")]).usesFusedPath == false)
        #expect(try network("jordan", options: [("out", "2")]).usesFusedPath == false)
        #expect(try network("lstm").usesFusedPath)
    }

    /// A training pass (sparse input, padding, output layer, loss) gives the same loss and gradients on both paths.
    @Test(arguments: ["lstm", "gru", "elman"], [false, true])
    func trainingPassEqualsTape(cell: String, crf: Bool) throws {
        let net = try network(cell, in: 6, hidden: 5, layers: 2, options: [("out", "3")] + (crf ? [("crf", nil)] : []))
        var rng = SeededGenerator(seed: 3)
        let sequences = (0..<4).map { k in
            let length = 2 + k
            return TrainingSequence(inputs: (0..<length).map { _ in SparseVector(dimension: 6, entries: [(rng.index(below: 6), 1)]) },
                                    targets: (0..<length).map { _ in rng.index(below: 3) })
        }
        let batch = Batch(sequences, dimension: 6)
        func gradients(fused: Bool) throws -> (Double, [Matrix], [Double]) {
            net.fusedPathEnabled = fused
            let tape = Tape()
            let pass = try net.trainingPass(batch, on: tape, carry: nil)
            let total = sum(pass.losses, on: tape)
            tape.backward(from: total)
            let norms = pass.stepGradientNorms?.norms ?? pass.watched.map { tape.gradient($0)?.norm ?? 0 }
            return (Double(total.value.data[0]), net.namedParameters.map { tape.gradient(of: $0.parameter)! }, norms)
        }
        let (fusedLoss, fusedGrads, fusedNorms) = try gradients(fused: true)
        let (tapeLoss, tapeGrads, tapeNorms) = try gradients(fused: false)
        #expect(abs(fusedLoss - tapeLoss) <= 1e-5 * abs(tapeLoss))
        for (a, b) in zip(fusedGrads, tapeGrads) { #expect(relativeError(a, b) < FusedPathCheck.tolerance) }
        #expect(relativeError(fusedNorms, tapeNorms) < FusedPathCheck.tolerance)
    }

    /// Training without a tape (the trainer's first choice) gives the tape's loss, gradients, carried state and gradient norms.
    @Test(arguments: ["lstm", "gru", "elman"], [false, true])
    func directGradientsEqualTape(cell: String, bidirectional: Bool) throws {
        let net = try network(cell, in: 6, hidden: 5, layers: 2, bidirectional: bidirectional, options: [("out", "3")])
        var rng = SeededGenerator(seed: 5)
        let sequences = (0..<4).map { k in
            let length = 2 + k
            return TrainingSequence(inputs: (0..<length).map { _ in SparseVector(dimension: 6, entries: [(rng.index(below: 6), 1)]) },
                                    targets: (0..<length).map { _ in rng.index(below: 3) })
        }
        let batch = Batch(sequences, dimension: 6)
        let carry = net.positionedCells.map { $0.cell.zeroState(batch: 4).mapValues { m in
            Matrix(rows: m.rows, cols: m.cols, data: (0..<m.count).map { _ in Float(rng.normal()) }) } }
        let direct = try #require(try net.directGradients(batch, carry: carry, scale: 0.25))
        net.fusedPathEnabled = false
        #expect(try net.directGradients(batch, carry: carry, scale: 0.25) == nil)
        let tape = Tape()
        let pass = try net.trainingPass(batch, on: tape, carry: carry)
        let total = 0.25 * sum(pass.losses, on: tape)
        tape.backward(from: total)
        #expect(abs(direct.lossSum - 4 * Double(total.value.data[0])) <= 1e-5 * abs(direct.lossSum))
        for ((name, p), g) in zip(net.namedParameters, direct.gradients) {
            #expect(relativeError(g, tape.gradient(of: p)!) < FusedPathCheck.tolerance, "∂/∂\(name)")
        }
        for (a, b) in zip(direct.carry, pass.carry) { for (x, y) in zip(a.values, b.values) { #expect(relativeError(x, y) < 1e-5) } }
        #expect(relativeError(direct.stepGradientNorms, pass.watched.map { tape.gradient($0)?.norm ?? 0 }) < FusedPathCheck.tolerance)
    }

    /// Nets and options drawn at random (seeded): cell, activations, width, depth, direction, bias, batch, padding.
    @Test(arguments: 0..<24)
    func randomNetsEqualTape(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(1000 + seed))
        let cell = ["lstm", "gru", "elman"][rng.index(below: 3)]
        let activations = ["tanh", "sigmoid", "relu", "linear"]
        var options: [(String, String?)] = []
        switch cell {
        case "lstm": options = [("act", activations[rng.index(below: 4)]), ("memact", ["tanh", "sigmoid", "linear"][rng.index(below: 3)])]
        case "elman": options = [("act", ["tanh", "relu", "linear"][rng.index(below: 3)])]
        default: break
        }
        if rng.index(below: 3) == 0 { options.append(("bias", "off")) }
        let net = try network(cell, in: 1 + rng.index(below: 7), hidden: 1 + rng.index(below: 9), layers: 1 + rng.index(below: 3),
                              bidirectional: rng.index(below: 2) == 0, options: options, seed: UInt64(seed))
        let steps = 1 + rng.index(below: 6), batch = 1 + rng.index(below: 5)
        let lengths: [Int]? = rng.index(below: 2) == 0 ? nil : (0..<batch).map { _ in 1 + rng.index(below: steps) }
        #expect(FusedPathCheck(network: net, steps: steps, batch: batch, lengths: lengths, seed: UInt64(seed)).run() == [],
                "\(net.command) steps=\(steps) batch=\(batch) lengths=\(lengths.map { "\($0)" } ?? "none")")
    }
}
