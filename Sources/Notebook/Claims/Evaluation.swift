import RNNKit

/// What the last `eval` measured, kept so `expect` can check a claim on it.
public struct Evaluation: Sendable, Equatable {
    /// `valid` or `train`.
    public var part: String
    /// Mean loss per word (per character for text, squared error for real targets).
    public var loss: Double
    /// The fraction of words tagged right (tagging only).
    public var accuracy: Double?
    /// Precision, recall and F1 per tag (tagging only).
    public var tags: [String: TagScores] = [:]
    /// exp(loss), for a text model.
    public var perplexity: Double?
    /// Span precision, recall and F1 as conlleval counts them (BIO tags only).
    public var spans: SpanScores?
    /// Predicted `I-x` tags after neither `B-x` nor `I-x` (BIO tags only).
    public var invalidTransitions: Int?
    /// The model's summary (`lstm(…)`, `hmm(…)`), for `compare`.
    public var model: String?
    /// How the tags were chosen: `Viterbi` or `argmax` (tagging only).
    public var decoding: String?
    /// The fraction of sequences decoded exactly (an encoder–decoder).
    public var exactMatch: Double?
    /// Corpus BLEU-4 of the decoded sequences, 0 to 1 (an encoder–decoder).
    public var bleu: Double?

    public init(part: String, loss: Double, accuracy: Double? = nil, tags: [String: TagScores] = [:], perplexity: Double? = nil,
                exactMatch: Double? = nil, bleu: Double? = nil) {
        self.exactMatch = exactMatch
        self.bleu = bleu
        self.part = part
        self.loss = loss
        self.accuracy = accuracy
        self.tags = tags
        self.perplexity = perplexity
    }
}

/// Precision, recall and F1 of spans.
public struct SpanScores: Sendable, Equatable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
}

/// One tag's precision, recall and F1.
public struct TagScores: Sendable, Equatable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
}
