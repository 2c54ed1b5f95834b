import RNNKit

/// Everything a command may change, as one value: a refused command puts
/// the session back with one assignment, and a later `save state` writes
/// this out. Two fields hold reference types whose contents change in place,
/// the model (its weights) and the optimizer (its moments);
/// `SessionSnapshot` copies those too (`referenceFields`).
public struct SessionState {
    /// The model `net` (or `load model`) built, and its weights. Commands ask
    /// it for the capability they need (`Session.require`).
    public var model: (any Model)?
    /// What `step` remembers: the network's state and the steps fed since `reset`.
    public var memory = NetworkMemory.empty
    /// The last `seed`, and the generator `net`, `init`, `data` and `train` draw from.
    public internal(set) var seed: UInt64 = 0
    public var rng = SeededGenerator(seed: 0)
    public var format = NumberFormat()
    /// The successful commands so far and their output (what `save session` writes).
    public var transcript: [TranscriptEntry] = []
    /// Comment lines since the last recorded command, for its transcript entry.
    public var pendingComments: [String] = []
    /// Probes of the last `step`/`run`, per time step (for plots and tables).
    public var lastProbes: [[Probes.Entry]] = []
    /// The words encodings index (`vocab`).
    public var vocabulary = Vocabulary([])
    /// How words become vectors (`encoding NAME`).
    public var encodingChoice: EncodingChoice?
    /// The data set (`data …`).
    public var data: LoadedData?
    /// How it was made (for `save state`).
    public var dataRecipe: DataRecipe?
    /// The optimizer and its state, kept between `train` calls.
    public var optimizerChoice: OptimizerChoice?
    /// Loss per epoch over every `train` since the net was built (for `plot loss`).
    public var lossHistory: [EpochReport] = []
    /// Batch size and BPTT length of the last `train`, so `eval` measures a
    /// text model's loss over the same chunks the epoch lines reported.
    public var evaluationShape = (batch: 16, bptt: 35)
    /// ‖∂L/∂h_t‖ per time step of the last training batch.
    public var lastStepGradientNorms: [Double] = []
    /// How the last `train` ended (for `expect diverged`).
    public var lastTrainingStop: TrainingStop?
    /// What the last `eval` measured (for `expect accuracy …`).
    public var lastEvaluation: Evaluation?
    /// The tag of each word in the last `predict` (for `expect tag[2] == dest`).
    public var lastPrediction: [String] = []
    /// Where an encoder–decoder looked in its last `predict` (for `plot attention`).
    public var lastAlignment: Alignment?

    /// Notebook parameters (`param NAME=VALUE`), which lines use as `$NAME`.
    public var parameters: [String: String] = [:]
    /// What every `eval` measured, in order (for `rnnbook FILE --json`).
    public var evaluationLog: [Evaluation] = []

    public init() {}

    /// The model when it is a recurrent network (stacked cells and an output
    /// layer), for what only a network has: its configuration, its cells'
    /// gate blocks.
    public var network: Network? {
        get { model as? Network }
        set { model = newValue }
    }

    /// The fields whose values are objects changed in place, which a
    /// snapshot must copy beyond the struct (a test holds every other field
    /// to being a value).
    /// The attention of one decoded sequence: `weights[i][j]` is how much
    /// writing `output[i]` looked at `source[j]`.
    public struct Alignment: Equatable, Sendable {
        public var source: [String]
        public var output: [String]
        public var weights: [[Double]]
    }

    static let referenceFields: Set<String> = ["model", "optimizerChoice"]
}
