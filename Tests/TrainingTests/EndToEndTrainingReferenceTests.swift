import BuiltinPlugins
import CellTesting
import Foundation
import RNNKit
import Testing

/// `train_*.json` (Tests/Reference/generate.py): PyTorch float64 training a
/// net for 10 Adam steps with clipping on one padded batch, as llm.c's
/// `test_gpt2.c` checks a whole training run: the loss before every step and
/// every weight after the last.
private struct TrainingReference: Decodable {
    let cell: String
    let symbols: Int
    let hidden_size: Int
    let classes: Int
    let num_layers: Int
    let lengths: [Int]
    let lr: Double
    let clip: Double
    let symbols_tb: [[Int]]
    let targets_tb: [[Int]]
    let initial: [String: RefTensor]
    let losses: [Double]
    let final: [String: RefTensor]
}

@Suite struct EndToEndTrainingReferenceTests {
    static let cases = ["train_lstm_2layer", "train_gru"]

    @Test(arguments: cases, [true, false])
    func tenAdamStepsMatchPyTorch(name: String, fused: Bool) throws {
        let ref = try JSONDecoder().decode(TrainingReference.self, from: referenceData(name))
        let registry = Registry(plugins: allPlugins)
        let cellName = ref.cell == "rnn" ? "elman" : ref.cell
        let descriptor = try #require(registry.cell(named: cellName))
        let net = try Network(config: NetworkConfig(cell: cellName, inputSize: ref.symbols, hiddenSize: ref.hidden_size,
                                                    outputSize: ref.classes, layers: ref.num_layers,
                                                    cellOptions: try Options(parsing: [], specs: descriptor.options)),
                              descriptor: descriptor)
        net.fusedPathEnabled = fused
        #expect(net.usesFusedPath == fused)
        for (parameterName, parameter) in net.namedParameters {
            parameter.value = try #require(ref.initial[parameterName], "no \(parameterName) in \(name)").matrix
        }
        let sequences = ref.lengths.enumerated().map { b, length in
            TrainingSequence(inputs: (0..<length).map { SparseVector(dimension: ref.symbols, entries: [(ref.symbols_tb[$0][b], 1)]) },
                             targets: (0..<length).map { ref.targets_tb[$0][b] })
        }
        let batch = Batch(sequences, dimension: ref.symbols)
        let adam = try #require(registry.optimizer(named: "adam"))
        let optimizer = try adam.make(try Options(parsing: [("lr", "\(ref.lr)")], specs: adam.options))
        let trainer = Trainer(model: net, optimizer: optimizer,
                              options: TrainingOptions(epochs: ref.losses.count, batchSize: ref.lengths.count, clipping: .norm(ref.clip)))
        var losses: [Double] = []
        let stop = try trainer.train(makeBatches: { [batch] }, layout: .independent, validation: [], isCancelled: { false },
                                     progress: { _ in }, epochDone: { losses.append($0.trainLoss) })
        #expect(stop == .finished)
        // The trainer reports the loss per token; the reference, per sequence (summed over steps, averaged over the batch).
        let perToken = ref.losses.map { $0 * Double(ref.lengths.count) / Double(batch.tokenCount) }
        #expect(relativeError(losses, perToken) < 1e-5, "losses \(losses) against PyTorch \(perToken)")
        for (parameterName, parameter) in net.namedParameters {
            let expected = try #require(ref.final[parameterName]).matrix
            #expect(relativeError(parameter.value, expected, floor: 1e-2) < 1e-4, "\(parameterName) after \(ref.losses.count) steps")
        }
    }
}
