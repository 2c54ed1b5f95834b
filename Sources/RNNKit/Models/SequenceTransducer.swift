/// What decoding one source sequence gives: the output tokens (without the
/// end symbol), their log-probability, and where the decoder looked.
public struct Decoding: Sendable, Equatable {
    /// The output classes, in order, the end symbol left off.
    public var tokens: [Int]
    /// Whether the decoder wrote the end symbol (false: it hit the length limit).
    public var ended: Bool
    /// Σ log p of every token written, the end symbol included.
    public var logProbability: Double
    /// `attention[i][j]`: the weight of source step j when writing output i
    /// (one row per output written, the end symbol's included); empty without attention.
    public var attention: [[Double]]
    /// Whether `shouldStop` ended the decode before it was done (the rest is then the best so far).
    public var interrupted: Bool

    public init(tokens: [Int], ended: Bool, logProbability: Double, attention: [[Double]], interrupted: Bool = false) {
        self.tokens = tokens
        self.ended = ended
        self.logProbability = logProbability
        self.attention = attention
        self.interrupted = interrupted
    }
}

/// A model that reads a whole source sequence and writes another, one class
/// at a time, each fed back as the next input (an encoder–decoder): trained
/// on `Batch.sources` with teacher forcing, decoded by `predict` and `eval`.
///
/// The classes are the decoder's output classes; its input at each step is
/// the previous class as a one-hot vector, `start` before the first.
public protocol SequenceTransducer: GradientTrainable {
    /// Whether the decoder attends over the encoder's outputs (so `Decoding.attention` is filled).
    var attends: Bool { get }
    /// Decodes `source` (encoded inputs, one per step) greedily (`beam` 1) or
    /// by beam search of `beam` hypotheses, stopping at `end` or after
    /// `maxLength` outputs. `shouldStop` is asked before every decoder step
    /// (Ctrl-C); when it says yes, the decode ends with `interrupted` set.
    func decode(_ source: [SparseVector], start: Int, end: Int, maxLength: Int, beam: Int,
                shouldStop: () -> Bool) throws(CellError) -> Decoding
}

extension SequenceTransducer {
    /// `decode` to the end, uninterrupted.
    public func decode(_ source: [SparseVector], start: Int, end: Int, maxLength: Int, beam: Int) throws(CellError) -> Decoding {
        try decode(source, start: start, end: end, maxLength: maxLength, beam: beam, shouldStop: { false })
    }
}
