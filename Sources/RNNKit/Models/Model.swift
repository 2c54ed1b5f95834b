/// What a session holds and `net` builds: a model with named parameters.
///
/// Kept as small as argument-parser's `ParsableCommand`; what a model can do
/// beyond that is a separate capability protocol (`GradientTrainable`,
/// `Steppable`, `SequenceScorer`), and each command asks for the one it
/// needs, with a clear error when the model lacks it. Today's recurrent
/// network is one conforming type; an encoder–decoder or a counted HMM
/// tagger are meant to be others, conforming to what they can do.
public protocol Model: AnyObject {
    /// One line for `net`: `lstm(3 => 64 => 2, tanh)  # 786 parameters`.
    var summaryLine: String { get }
    /// The command that builds the same model again (notebooks, model files).
    var command: String { get }
    /// Every parameter with its model-wide name (PyTorch's `state_dict` names
    /// and order): `params`, `set`, `plot weights`, `save model`, the optimizer.
    var namedParameters: [(name: String, parameter: Parameter)] { get }
    /// Sets every parameter by an initialisation scheme (`init`).
    func initialize(_ scheme: InitScheme, rng: inout SeededGenerator)
}

extension Model {
    /// Total number of trainable numbers.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.parameter.elementCount } }

    public func parameter(named name: String) -> Parameter? { namedParameters.first { $0.name == name }?.parameter }
}

/// A model over sequences of vectors: one input vector and one output
/// vector (scores, or real values) per time step.
public protocol SequenceModel: Model {
    /// The width of one input vector.
    var inputWidth: Int { get }
    /// The width of one output vector (tags, characters, real targets).
    var outputWidth: Int { get }
}

/// One training pass over a batch, on a tape: what the trainer needs from a
/// model. Its Variables are valid while that tape lives.
public struct TrainingPass {
    /// The loss at each step (1×1 each), summed over the batch's sequences.
    public var losses: [Variable]
    /// What truncated BPTT carries to the next chunk of the same streams.
    public var carry: [StateValues]
    /// Values whose gradient norms `train` reports per time step (‖∂L/∂h_t‖).
    public var watched: [Variable]
    /// The same norms, when the model collects them itself during backward
    /// (the fused path, which has no per-step Variables to watch).
    public var stepGradientNorms: StepGradientNorms?

    public init(losses: [Variable], carry: [StateValues], watched: [Variable] = [], stepGradientNorms: StepGradientNorms? = nil) {
        self.losses = losses
        self.carry = carry
        self.watched = watched
        self.stepGradientNorms = stepGradientNorms
    }
}

/// A model trained by backpropagation (`train`, `eval`'s loss, `plot surface`).
public protocol GradientTrainable: SequenceModel {
    /// The per-step losses of `batch` on `tape`, starting from `carry` (the
    /// previous chunk's final states in truncated BPTT; nil starts from zero).
    func trainingPass(_ batch: Batch, on tape: Tape, carry: [StateValues]?) throws(CellError) -> TrainingPass
}

extension GradientTrainable {
    /// `trainingPass` with `shouldStop` asked at every recurrent step of
    /// `tape`; nil when it said stop (the pass is then abandoned midway).
    public func interruptibleTrainingPass(_ batch: Batch, on tape: Tape, carry: [StateValues]?,
                                          shouldStop: @escaping () -> Bool) throws(CellError) -> TrainingPass? {
        tape.shouldStop = shouldStop
        do throws(CellError) {
            return try trainingPass(batch, on: tape, carry: carry)
        } catch where error.isInterruption {
            return nil
        }
    }

    /// Mean loss per token over batches, without training (no gradients are
    /// recorded). With `.streams`, each batch starts from the last one's state.
    /// `shouldStop` (Ctrl-C) is asked before each batch and at every step of
    /// its pass; once it says so, the mean so far is returned (the caller,
    /// which asked, discards it).
    public func meanLoss(_ batches: [Batch], layout: BatchLayout, shouldStop: @escaping () -> Bool = { false }) throws(CellError) -> Double {
        var lossSum = 0.0, tokens = 0
        var carry: [StateValues]? = nil
        for batch in batches {
            if shouldStop() { break }
            // The tape must outlive the pass: its Variables point to it without keeping it alive.
            let tape = Tape(recording: false)
            guard let pass = try interruptibleTrainingPass(batch, on: tape, carry: carry, shouldStop: shouldStop) else { break }
            lossSum += withExtendedLifetime(tape) { pass.losses.reduce(0.0) { $0 + Double($1.value.data[0]) } }
            tokens += batch.tokenCount
            if layout == .streams { carry = pass.carry }
        }
        return tokens > 0 ? lossSum / Double(tokens) : .nan
    }
}

/// A model fed one input at a time at the prompt, showing what it computes
/// inside (`step`, `run`, and the plots of their probes).
public protocol Steppable: SequenceModel {
    /// True when every output depends on the whole sequence (a bidirectional
    /// net): `run` only, no `step`.
    var readsWholeSequence: Bool { get }
    /// The memory after `net` or `reset`.
    func zeroMemory() -> NetworkMemory
    /// Feeds `inputs` (batch 1) from `memory`, moving it on; the probes of each step.
    func run(_ inputs: [Matrix], memory: inout NetworkMemory) throws(CellError) -> [[Probes.Entry]]
}

/// A model that scores every step of a sequence of encoded inputs: a tagger
/// (`predict`, `eval`) or a language model (`sample`).
public protocol SequenceScorer: SequenceModel {
    /// Unnormalised scores per step `[batch, outputWidth]` for `inputs[t]`
    /// (one row per sequence), from `carry`, with the final states to carry on.
    func logits(_ inputs: [[SparseVector]], carry: [StateValues]?, lengths: [Int]?) throws(CellError)
        -> (logits: [Matrix], carry: [StateValues])
}

/// A batch's loss and gradients, computed without a tape.
public struct DirectGradients {
    /// The loss summed over the batch's counted steps (as `TrainingPass.losses` sum to).
    public var lossSum: Double
    /// ∂(scale · lossSum)/∂θ for every parameter, in `namedParameters` order.
    public var gradients: [Matrix]
    /// The final states, for truncated BPTT.
    public var carry: [StateValues]
    /// ‖∂L/∂h_t‖ of the first layer per time step.
    public var stepGradientNorms: [Double]

    public init(lossSum: Double, gradients: [Matrix], carry: [StateValues], stepGradientNorms: [Double]) {
        self.lossSum = lossSum
        self.gradients = gradients
        self.carry = carry
        self.stepGradientNorms = stepGradientNorms
    }
}

/// A model that can differentiate a batch without a tape, where the tape's
/// bookkeeping (a node and a closure per operation) is the cost: the fused
/// network, whose few large operations are chained by hand. The trainer
/// prefers it; a test holds it to the tape's gradients.
public protocol DirectlyDifferentiable: GradientTrainable {
    /// The loss and the gradients of `scale ×` it, or nil when this batch
    /// needs the tape (the trainer then uses `trainingPass`).
    func directGradients(_ batch: Batch, carry: [StateValues]?, scale: Float) throws(CellError) -> DirectGradients?
}

/// A model that draws random numbers of its own while it trains (an
/// encoder–decoder's scheduled sampling, `teacher=` below 1). State files
/// keep its generator, so a resumed run draws what the uninterrupted one would.
public protocol OwnsGenerator: Model {
    var generator: SeededGenerator { get set }
}

/// A model whose parameters must stay in a range to mean anything (an HMM's
/// tables are probabilities): `set` asks it after assigning, and puts the
/// values back when it names a problem.
public protocol ConstrainedParameters: Model {
    /// The first parameter value out of its range, as a phrase (`transitions[0,1] is -5, and a probability is in (0, 1]`), or nil.
    var parameterProblem: String? { get }
}
