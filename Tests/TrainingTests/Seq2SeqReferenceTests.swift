import Foundation
import Testing
import RNNKit
import BuiltinPlugins
import CellTesting

/// `net seq2seq` against PyTorch float64 (`seq2seq_case` in Tests/Reference/generate.py):
/// the teacher-forced loss of a padded batch, and the gradient of every parameter.
struct Seq2SeqReferenceCase: Decodable {
    let cell: String
    let sources: [[Int]]
    let vocabulary: Int
    let attention: String
    let hidden_size: Int
    let bidirectional: Bool
    let targets: [[Int]]
    let params: [String: RefTensor]
    let loss: Double
    let grads: [String: RefTensor]

    /// The case file, always the repository's copy (new cases are not in an older shared folder).
    static func load(_ name: String) throws -> Seq2SeqReferenceCase {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference")
        return try JSONDecoder().decode(Self.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
    }
}

/// Builds `net seq2seq` as the `net` line would, from the registry.
func makeSeq2Seq(_ options: [(String, String?)], vocabulary: Int) throws -> any SequenceTransducer {
    let registry = Registry(plugins: allPlugins)
    let descriptor = try #require(registry.model(named: "seq2seq"))
    let parsed = try Options(parsing: options.map { (key: $0.0, value: $0.1) } + [(key: "in", value: "\(vocabulary)"), (key: "out", value: "\(vocabulary)")],
                             specs: descriptor.options)
    let model = try descriptor.make(ModelConfig(inputSize: vocabulary, outputSize: vocabulary, options: parsed, registry: registry))
    return try #require(model as? any SequenceTransducer)
}

/// One-hot token sequences as a padded batch: the encoder reads `sources`, the decoder `<s>`=1 then the target.
func seq2seqBatch(sources: [[Int]], targets: [[Int]], vocabulary: Int) -> Batch {
    let hot = { (i: Int) in SparseVector(dimension: vocabulary, entries: [(i, 1)]) }
    return Batch(zip(sources, targets).map { s, t in
        TrainingSequence(source: s.map(hot), inputs: ([1] + t).map(hot), targets: t + [0])
    }, dimension: vocabulary)
}

@Suite("seq2seq against PyTorch")
struct Seq2SeqReferenceTests {
    @Test("loss and every gradient match torch float64", arguments: [
        "seq2seq_lstm_bidirectional_general", "seq2seq_gru_additive", "seq2seq_lstm_dot", "seq2seq_gru_bidirectional_plain",
    ])
    func matchesPyTorch(_ name: String) throws {
        let ref = try Seq2SeqReferenceCase.load(name)
        let model = try makeSeq2Seq([("encoder", ref.cell), ("hidden", "\(ref.hidden_size)"), ("attention", ref.attention),
                                     ("bidirectional", ref.bidirectional ? "on" : "off")], vocabulary: ref.vocabulary)
        #expect(Set(model.namedParameters.map(\.name)) == Set(ref.params.keys))
        for (pname, p) in model.namedParameters {
            let t = try #require(ref.params[pname])
            #expect(t.shape == p.shape, "\(pname)")
            p.value = Matrix(rows: p.value.rows, cols: p.value.cols, data: t.data.map(Float.init))
        }
        let batch = seq2seqBatch(sources: ref.sources, targets: ref.targets, vocabulary: ref.vocabulary)
        #expect(batch.sourceLengths == ref.sources.map(\.count))
        let tape = Tape()
        let pass = try model.trainingPass(batch, on: tape, carry: nil)
        let total = sum(pass.losses, on: tape)
        #expect(abs(Double(total.value.data[0]) - ref.loss) <= 1e-4 * max(1, abs(ref.loss)))
        tape.backward(from: total)
        for (pname, p) in model.namedParameters {
            let g = try #require(tape.gradient(of: p), "no gradient reaches \(pname)")
            let expected = try #require(ref.grads[pname]).matrix
            #expect(relativeError(g, expected) < 1e-3, "\(pname): relative error \(relativeError(g, expected))")
        }
    }

    @Test("the loss of the padded batch is the sum of each pair's loss alone")
    func paddingIsMasked() throws {
        let ref = try Seq2SeqReferenceCase.load("seq2seq_lstm_bidirectional_general")
        let model = try makeSeq2Seq([("attention", "general"), ("bidirectional", "on"), ("hidden", "4")], vocabulary: ref.vocabulary)
        var rng = SeededGenerator(seed: 5)
        model.initialize(.pytorch, rng: &rng)
        func loss(_ batch: Batch) throws -> Double {
            let tape = Tape(recording: false)
            return try model.trainingPass(batch, on: tape, carry: nil).losses.reduce(0.0) { $0 + Double($1.value.data[0]) }
        }
        let together = try loss(seq2seqBatch(sources: ref.sources, targets: ref.targets, vocabulary: ref.vocabulary))
        let alone = try zip(ref.sources, ref.targets).reduce(0.0) { total, pair in
            total + (try loss(seq2seqBatch(sources: [pair.0], targets: [pair.1], vocabulary: ref.vocabulary)))
        }
        #expect(abs(together - alone) < 1e-4 * max(1, abs(alone)))
    }
}

@Suite("seq2seq gradients by finite differences")
struct Seq2SeqGradientCheckTests {
    /// Central differences of the loss (in Double, from float32 forward passes)
    /// against the tape's gradient, for every element of the bridge, attention
    /// and output layers and a sample of the cells' weights.
    @Test("bridge, attention, output and cells", arguments: ["general", "additive", "dot"])
    func finiteDifferences(_ attention: String) throws {
        let bidirectional = attention != "dot"
        let model = try makeSeq2Seq([("encoder", "gru"), ("decoder", "lstm"), ("hidden", "3"), ("attention", attention),
                                     ("bidirectional", bidirectional ? "on" : "off")], vocabulary: 5)
        var rng = SeededGenerator(seed: 11)
        model.initialize(.pytorch, rng: &rng)
        let batch = seq2seqBatch(sources: [[2, 3, 4], [4, 2]], targets: [[3, 2], [4, 4, 3]], vocabulary: 5)
        func loss() throws -> Double {
            let tape = Tape(recording: false)
            return try model.trainingPass(batch, on: tape, carry: nil).losses.reduce(0.0) { $0 + Double($1.value.data[0]) }
        }
        let tape = Tape()
        let pass = try model.trainingPass(batch, on: tape, carry: nil)
        tape.backward(from: sum(pass.losses, on: tape))
        var failures: [String] = []
        for (name, p) in model.namedParameters {
            let g = try #require(tape.gradient(of: p), "no gradient reaches \(name)")
            let own = !name.hasPrefix("encoder.") && !name.hasPrefix("decoder.")
            for i in stride(from: 0, to: p.value.count, by: own ? 1 : 7) {
                let saved = p.value.data[i]
                p.value.data[i] = saved + GradientCheck.epsilon
                let up = try loss()
                p.value.data[i] = saved - GradientCheck.epsilon
                let down = try loss()
                p.value.data[i] = saved
                let numeric = (up - down) / (2 * Double(GradientCheck.epsilon))
                let analytic = Double(g.data[i])
                if abs(numeric - analytic) > GradientCheck.absoluteTolerance + 2 * GradientCheck.relativeTolerance * abs(numeric) {
                    failures.append("\(name)[\(i)]: tape \(analytic), finite differences \(numeric)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(6).joined(separator: "; "))")
        #expect(model.namedParameters.contains { $0.name == (bidirectional ? "bridge.weight" : "out.weight") })
    }
}
