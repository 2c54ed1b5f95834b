import BuiltinPlugins
import Foundation
import RNNKit
import Testing

/// Ctrl-C in the middle of a batch on the tape: the batch stops at the next
/// recurrent step and changes nothing, and the stop says how many batches ran,
/// so `partial=` replays to the same weights.
@Suite struct TrainerInterruptTests {
    /// A net on the tape path (an LSTM with peepholes has no fused kernel), its
    /// optimizer, and four batches of a random text.
    private static func setUp() throws -> (Network, any Optimizer, [Batch]) {
        let registry = Registry(plugins: allPlugins)
        let lstm = try #require(registry.cell(named: "lstm"))
        let options = try Options(parsing: [("peephole", "on")], specs: lstm.options)
        let net = try Network(config: NetworkConfig(cell: "lstm", inputSize: 5, hiddenSize: 6, outputSize: 5, cellOptions: options),
                              descriptor: lstm)
        #expect(!net.usesFusedPath)
        var rng = SeededGenerator(seed: 3)
        net.initialize(.pytorch, rng: &rng)
        let symbols = (0..<(4 * 2 * 8 + 1)).map { _ in rng.index(below: 5) }
        let text = TrainingSequence(inputs: symbols.dropLast().map { SparseVector(dimension: 5, entries: [($0, 1)]) },
                                    targets: Array(symbols.dropFirst()))
        let adam = try #require(registry.optimizer(named: "adam"))
        return (net, try adam.make(try Options(parsing: [], specs: adam.options)), streamBatches(text, streams: 2, bptt: 8, dimension: 5))
    }

    /// Trains one epoch, `isCancelled` saying yes from its `stopAt`-th question on.
    private static func train(stopAt: Int?) throws -> (TrainingStop, [Matrix]) {
        let (net, optimizer, batches) = try setUp()
        let trainer = Trainer(model: net, optimizer: optimizer, options: TrainingOptions(epochs: 1, batchSize: 2, bptt: 8))
        var asked = 0
        let stop = try trainer.train(makeBatches: { batches }, layout: .streams, validation: [],
                                     isCancelled: { asked += 1; return stopAt.map { asked >= $0 } ?? false },
                                     progress: { _ in }, epochDone: { _ in })
        return (stop, net.namedParameters.map(\.parameter.value))
    }

    @Test func ctrlCInTheFirstBatchChangesNothing() throws {
        let (net, _, _) = try Self.setUp()
        let initial = net.namedParameters.map(\.parameter.value)
        // Asked once before the first batch, then at its recurrent steps: the third question is mid-batch.
        let (stop, weights) = try Self.train(stopAt: 3)
        #expect(stop == .interrupted(epoch: 1, batch: 0))
        #expect(weights == initial)
    }

    @Test func ctrlCInALaterBatchKeepsTheBatchesBefore() throws {
        // The asks of a whole run: before batch 1, 8 steps and one after each batch (the default layer is one cell).
        let perBatch = 8 + 1
        let (stop, weights) = try Self.train(stopAt: 1 + perBatch + 4)
        #expect(stop == .interrupted(epoch: 1, batch: 1))
        // The same weights as a run stopped cleanly after its first batch.
        let (clean, oneBatch) = try Self.train(stopAt: 1 + perBatch)
        #expect(clean == .interrupted(epoch: 1, batch: 1))
        #expect(weights == oneBatch)
        let (_, all) = try Self.train(stopAt: nil)
        #expect(all != oneBatch)
    }
}
