/// One training sequence: an encoded input per time step and the class to
/// predict at each step (-1 where nothing is predicted).
public struct TrainingSequence: Sendable {
    public var inputs: [SparseVector]
    public var targets: [Int]
    /// Real-valued targets per step (mean squared error) instead of classes.
    public var realTargets: [[Float]]?
    /// The words the inputs encode, when the data has words (tagged
    /// sentences): what a model reading their spelling (an HMM's suffixes) needs.
    public var words: [String]?
    /// An encoder–decoder's input sequence (the encoder reads it whole);
    /// `inputs` are then the decoder's inputs (teacher forcing) and `targets` its outputs.
    public var source: [SparseVector]?

    public init(inputs: [SparseVector], targets: [Int]) {
        self.inputs = inputs
        self.targets = targets
    }

    /// A sequence with a real vector to predict at each step.
    public init(inputs: [SparseVector], realTargets: [[Float]]) {
        self.inputs = inputs
        self.targets = Array(repeating: 0, count: realTargets.count)
        self.realTargets = realTargets
    }

    /// A source–target pair for an encoder–decoder: the encoder reads
    /// `source`, the decoder reads `inputs` and predicts `targets`.
    public init(source: [SparseVector], inputs: [SparseVector], targets: [Int]) {
        self.init(inputs: inputs, targets: targets)
        self.source = source
    }

    public var count: Int { inputs.count }
}

/// A batch laid out by time: `inputs[t]` holds one row per sequence, and
/// `targets[t][b]` is -1 where sequence `b` has ended (padding is masked).
public struct Batch: Sendable {
    public var inputs: [[SparseVector]]
    public var targets: [[Int]]
    /// For real-valued tasks: the target rows at each step `[batch, width]`;
    /// `targets[t][b]` is then 0 where sequence `b` has a target and -1 where it has ended.
    public var realTargets: [Matrix]?
    /// Each row's real length when rows were padded (nil: all rows are full).
    public var lengths: [Int]?
    /// An encoder–decoder's source sequences by time, padded as `inputs` are
    /// (`sources[t][b]`); nil for every other model.
    public var sources: [[SparseVector]]?
    /// Each source's real length (every row's, padded or not), with `sources`.
    public var sourceLengths: [Int]?

    /// Sequences padded to the longest with empty inputs and masked targets.
    public init(_ sequences: [TrainingSequence], dimension: Int) {
        let steps = sequences.map(\.count).max() ?? 0
        let counts = sequences.map(\.count)
        lengths = counts.allSatisfy { $0 == steps } ? nil : counts
        let empty = SparseVector(dimension: dimension, entries: [])
        inputs = (0..<steps).map { t in sequences.map { t < $0.count ? $0.inputs[t] : empty } }
        targets = (0..<steps).map { t in sequences.map { t < $0.count ? $0.targets[t] : -1 } }
        if let width = sequences.first?.realTargets?.first?.count {
            realTargets = (0..<steps).map { t in
                Matrix(rows: sequences.count, cols: width, data: sequences.flatMap { s in
                    t < s.count ? (s.realTargets?[t] ?? []) : [Float](repeating: 0, count: width)
                })
            }
        }
        if sequences.contains(where: { $0.source != nil }) {
            let sourceCounts = sequences.map { $0.source?.count ?? 0 }
            let sourceSteps = sourceCounts.max() ?? 0
            let width = sequences.lazy.compactMap { $0.source?.first?.dimension }.first ?? dimension
            let blank = SparseVector(dimension: width, entries: [])
            sources = (0..<sourceSteps).map { t in sequences.map { s in t < (s.source?.count ?? 0) ? (s.source?[t] ?? blank) : blank } }
            sourceLengths = sourceCounts
        }
    }

    public init(inputs: [[SparseVector]], targets: [[Int]]) {
        self.inputs = inputs
        self.targets = targets
    }

    public var steps: Int { inputs.count }
    public var size: Int { inputs.first?.count ?? 0 }
    /// Every step's input rows, time-major (row `t·size + b`), as the fused path reads them.
    public var stackedInputs: [SparseVector] { Self.stacked(inputs) }
    /// Every step's targets, time-major, as the fused path's loss reads them.
    public var stackedTargets: [Int] { Self.stacked(targets) }

    /// The steps' rows one after another, in one allocation (`flatMap` grows its result step by step).
    static func stacked<T>(_ steps: [[T]]) -> [T] {
        var all: [T] = []
        all.reserveCapacity(steps.reduce(0) { $0 + $1.count })
        for step in steps { all.append(contentsOf: step) }
        return all
    }

    /// Time steps that carry a target (what the loss averages over).
    public var tokenCount: Int {
        var count = 0
        for step in targets { for target in step where target >= 0 { count += 1 } }
        return count
    }
}

extension Array {
    /// A seeded Fisher–Yates shuffle (same seed, same order, every platform).
    public func shuffled(using rng: inout SeededGenerator) -> [Element] {
        var out = self
        guard out.count > 1 else { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, rng.index(below: i + 1))
        }
        return out
    }
}

/// Splits a long sequence (a text) into `streams` parallel rows and then
/// chunks of `bptt` steps, as PyTorch's word-language-model example does, so
/// state can be carried from one chunk to the next (truncated BPTT).
public func streamBatches(_ sequence: TrainingSequence, streams: Int, bptt: Int, dimension: Int) -> [Batch] {
    let length = sequence.count / max(streams, 1)
    guard length > 0 else { return [] }
    var batches: [Batch] = []
    var start = 0
    while start < length {
        let end = min(start + bptt, length)
        let inputs = (start..<end).map { t in (0..<streams).map { sequence.inputs[$0 * length + t] } }
        let targets = (start..<end).map { t in (0..<streams).map { sequence.targets[$0 * length + t] } }
        batches.append(Batch(inputs: inputs, targets: targets))
        start = end
    }
    return batches
}
