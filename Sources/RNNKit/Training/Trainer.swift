import Foundation

/// How `train` runs: epochs, batch size, truncation and clipping.
public struct TrainingOptions: Sendable, Equatable {
    public var epochs: Int
    /// Sequences per batch (for text: parallel streams).
    public var batchSize: Int
    /// Truncated BPTT: steps per chunk, state carried across chunks (text).
    public var bptt: Int
    public var clipping: GradientClipping

    public init(epochs: Int = 10, batchSize: Int = 16, bptt: Int = 35, clipping: GradientClipping = .none) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.bptt = bptt
        self.clipping = clipping
    }
}

/// What a set of batches is: independent sequences (each starts from zero
/// state) or consecutive chunks of streams (state carries over, truncated BPTT).
public enum BatchLayout: Sendable {
    case independent
    case streams
}

/// One epoch's numbers.
public struct EpochReport: Sendable, Equatable {
    public var epoch: Int
    /// Mean cross-entropy per predicted token.
    public var trainLoss: Double
    public var validLoss: Double?
    public var tokens: Int
    public var seconds: Double

    public init(epoch: Int, trainLoss: Double, validLoss: Double?, tokens: Int, seconds: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.validLoss = validLoss
        self.tokens = tokens
        self.seconds = seconds
    }
}

/// Where training is, for a live progress line.
public struct TrainingProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batches: Int
    /// Mean loss per token so far this epoch.
    public var loss: Double
    public var tokensPerSecond: Double
    /// Estimated seconds left in the whole run.
    public var secondsLeft: Double

    public init(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, tokensPerSecond: Double, secondsLeft: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.batch = batch
        self.batches = batches
        self.loss = loss
        self.tokensPerSecond = tokensPerSecond
        self.secondsLeft = secondsLeft
    }
}

/// Why training stopped.
public enum TrainingStop: Sendable, Equatable {
    case finished
    /// Ctrl-C: stopped after `batch` batches of `epoch` (0: before the first
    /// finished; a batch stopped midway changes nothing); the weights so far are kept.
    case interrupted(epoch: Int, batch: Int)
    /// The loss, a gradient or the weights became NaN or infinite; the last
    /// good weights were restored.
    case nonFinite(epoch: Int, batch: Int, what: NonFiniteValue)
    /// The optimizer refused a step (its gradients did not match the parameters); nothing was updated.
    case optimizerRefused(epoch: Int, batch: Int, OptimizerError)
}

/// What became NaN or infinite when training stopped.
public enum NonFiniteValue: String, Sendable, Equatable {
    /// The batch's loss (the weights had already gone too far, or the inputs are too large).
    case loss
    /// The global gradient norm (before any optimizer step).
    case gradient
    /// A parameter, after the optimizer's step.
    case weights
}

/// Backpropagation through time over a `GradientTrainable` model: per-step cross-entropy
/// (or squared error, for real-valued targets) summed over time and averaged
/// over the sequences of a batch (the lecture's cost), clipping, an optimizer
/// step, and a guard against non-finite numbers.
public final class Trainer {
    public let model: any GradientTrainable
    public let optimizer: any Optimizer
    public let options: TrainingOptions
    /// ‖∂L/∂h_t‖ of the first layer at each time step of the last batch.
    public private(set) var lastStepGradientNorms: [Double] = []
    /// Global gradient norm (before clipping) of the last batch.
    public private(set) var lastGradientNorm: Double = 0

    public init(model: any GradientTrainable, optimizer: any Optimizer, options: TrainingOptions) {
        self.model = model
        self.optimizer = optimizer
        self.options = options
    }

    /// Result of one batch.
    struct BatchResult {
        var lossSum: Double
        var tokens: Int
        var finalStates: [StateValues]
        /// What was not finite, or nil when the batch was.
        var nonFinite: NonFiniteValue?
        /// Set when the optimizer refused the step (nothing was updated).
        var refusal: OptimizerError? = nil
        /// Set when `shouldStop` ended the pass midway (nothing was updated).
        var interrupted = false
    }

    /// Forward, loss, backward, clip, optimizer step for one batch. Does not
    /// step when the loss or a gradient is not finite.
    /// `parameters` are the model's, in `namedParameters` order (taken once per run).
    /// On the tape, `shouldStop` is asked at every recurrent step, so a long
    /// batch stops midway on Ctrl-C (the fused path's batches are short).
    func trainBatch(_ batch: Batch, initialStates: [StateValues]?, parameters: [Parameter],
                    shouldStop: @escaping () -> Bool = { false }) throws(CellError) -> BatchResult {
        let scale = 1 / Float(max(batch.size, 1)), tokens = batch.tokenCount
        let lossSum: Double, finals: [StateValues]
        var gradients: [Matrix]
        if let direct = model as? any DirectlyDifferentiable,
           let result = try direct.directGradients(batch, carry: initialStates, scale: scale) {
            (lossSum, finals, gradients) = (result.lossSum, result.carry, result.gradients)
            guard lossSum.isFinite else {
                return BatchResult(lossSum: lossSum, tokens: tokens, finalStates: finals, nonFinite: .loss)
            }
            lastStepGradientNorms = result.stepGradientNorms
        } else {
            let tape = Tape()
            guard let pass = try model.interruptibleTrainingPass(batch, on: tape, carry: initialStates, shouldStop: shouldStop) else {
                return BatchResult(lossSum: 0, tokens: 0, finalStates: [], nonFinite: nil, interrupted: true)
            }
            let terms = pass.losses
            (lossSum, finals) = (terms.reduce(0.0) { $0 + Double($1.value.data[0]) }, pass.carry)
            guard lossSum.isFinite, !terms.isEmpty else {
                return BatchResult(lossSum: lossSum, tokens: tokens, finalStates: finals, nonFinite: .loss)
            }
            tape.backward(from: scale * sum(terms, on: tape))
            lastStepGradientNorms = pass.stepGradientNorms?.norms ?? pass.watched.map { tape.gradient($0)?.norm ?? 0 }
            gradients = parameters.map { tape.gradient(of: $0) ?? Matrix(rows: $0.value.rows, cols: $0.value.cols) }
        }
        lastGradientNorm = options.clipping.apply(to: &gradients)
        guard lastGradientNorm.isFinite else {
            return BatchResult(lossSum: lossSum, tokens: tokens, finalStates: finals, nonFinite: .gradient)
        }
        do {
            try optimizer.step(parameters, gradients: gradients)
        } catch {
            return BatchResult(lossSum: lossSum, tokens: tokens, finalStates: finals, nonFinite: nil, refusal: error)
        }
        return BatchResult(lossSum: lossSum, tokens: tokens, finalStates: finals, nonFinite: nil)
    }

    /// Trains for `options.epochs`. `makeBatches` gives each epoch's batches
    /// (shuffled as it likes); `validation` is evaluated after each epoch.
    /// A cell's mistake is thrown, with the weights put back as they were
    /// when this call began.
    public func train(
        makeBatches: () -> [Batch], layout: BatchLayout, validation: [Batch],
        isCancelled: @escaping () -> Bool, progress: (TrainingProgress) -> Void, epochDone: (EpochReport) -> Void
    ) throws(CellError) -> TrainingStop {
        let parameters = model.namedParameters.map(\.parameter)
        let before = parameters.map(\.value)
        do throws(CellError) {
            return try trainEpochs(parameters, makeBatches: makeBatches, layout: layout, validation: validation,
                                   isCancelled: isCancelled, progress: progress, epochDone: epochDone)
        } catch {
            for (p, v) in zip(parameters, before) { p.value = v }
            throw error
        }
    }

    /// Copies each parameter's value into `kept` (in place when the shapes
    /// match, so a run allocates no copy of the weights per batch).
    private static func copyValues(of parameters: [Parameter], into kept: inout [Matrix]) {
        for (i, p) in parameters.enumerated() {
            guard kept[i].rows == p.value.rows, kept[i].cols == p.value.cols, kept[i].data.count == p.value.data.count, !p.value.data.isEmpty else { kept[i] = p.value; continue }
            kept[i].data.withUnsafeMutableBufferPointer { to in
                p.value.data.withUnsafeBufferPointer { from in to.baseAddress!.update(from: from.baseAddress!, count: from.count) }
            }
        }
    }

    private func trainEpochs(
        _ parameters: [Parameter], makeBatches: () -> [Batch], layout: BatchLayout, validation: [Batch],
        isCancelled: @escaping () -> Bool, progress: (TrainingProgress) -> Void, epochDone: (EpochReport) -> Void
    ) throws(CellError) -> TrainingStop {
        var lastGood = parameters.map(\.value)
        let started = Date()
        var tokensSoFar = 0
        for epoch in 1...max(options.epochs, 1) {
            let batches = makeBatches()
            let epochStart = Date()
            var lossSum = 0.0, tokens = 0
            var state: [StateValues]? = nil
            for (index, batch) in batches.enumerated() {
                // Ctrl-C between epochs (during the last one's validation), and `partial=0`.
                if index == 0, isCancelled() { return .interrupted(epoch: epoch, batch: 0) }
                let result = try trainBatch(batch, initialStates: state, parameters: parameters, shouldStop: isCancelled)
                if result.interrupted { return .interrupted(epoch: epoch, batch: index) }
                if let refusal = result.refusal { return .optimizerRefused(epoch: epoch, batch: index + 1, refusal) }
                // The weights too: an optimizer can step to inf (rmsprop with eps=0) from a finite gradient.
                if let what = result.nonFinite ?? (parameters.allSatisfy(\.value.isFinite) ? nil : .weights) {
                    for (p, v) in zip(parameters, lastGood) { p.value = v }
                    optimizer.reset()
                    return .nonFinite(epoch: epoch, batch: index + 1, what: what)
                }
                Self.copyValues(of: parameters, into: &lastGood)
                if layout == .streams { state = result.finalStates }
                lossSum += result.lossSum
                tokens += result.tokens
                tokensSoFar += result.tokens
                let elapsed = Date().timeIntervalSince(started)
                let done = Double(epoch - 1) + Double(index + 1) / Double(batches.count)
                progress(TrainingProgress(
                    epoch: epoch, epochs: options.epochs, batch: index + 1, batches: batches.count,
                    loss: tokens > 0 ? lossSum / Double(tokens) : 0,
                    tokensPerSecond: elapsed > 0 ? Double(tokensSoFar) / elapsed : 0,
                    secondsLeft: elapsed / done * (Double(options.epochs) - done)))
                if isCancelled() { return .interrupted(epoch: epoch, batch: index + 1) }
            }
            let valid = validation.isEmpty ? nil : try model.meanLoss(validation, layout: layout)
            epochDone(EpochReport(epoch: epoch, trainLoss: tokens > 0 ? lossSum / Double(tokens) : .nan,
                                  validLoss: valid, tokens: tokens, seconds: Date().timeIntervalSince(epochStart)))
        }
        return .finished
    }
}
