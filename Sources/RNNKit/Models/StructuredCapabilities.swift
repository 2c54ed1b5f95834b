// Capabilities of structured taggers: models trained by counting, and models
// that decode a whole sentence through a linear chain of tag-to-tag scores.

/// A model trained by counting over the data in one pass (an HMM), not by
/// gradients: `train` asks for this when the model is not `GradientTrainable`.
public protocol CountTrainable: SequenceModel {
    /// Replaces the model's tables with those counted from `sequences`
    /// (their inputs, targets and, when known, words); returns lines saying
    /// what was counted. Throws for targets outside the model's tags.
    func count(_ sequences: [TrainingSequence]) throws(CellError) -> [String]
}

/// A tagger that decodes a whole sentence at once through a linear chain
/// (Viterbi for the best tags, forward–backward for their probabilities):
/// `predict` and `eval` use it instead of each step's argmax.
public protocol ChainTagger: SequenceModel {
    /// The scores of one sentence's chain, or nil when this model tags word
    /// by word after all (a network without a CRF layer). `words` are the
    /// sentence's words when known (an HMM reads their suffixes).
    func chain(_ inputs: [SparseVector], words: [String]?) throws(CellError) -> LinearChain?
}

/// A model whose parameters have axes that run over the tags, so `plot
/// weights` labels them with the tag names.
public protocol TagIndexedParameters: Model {
    /// Whether the rows and the columns of parameter `name` are tags.
    func tagAxes(of name: String) -> (rows: Bool, columns: Bool)
    /// Whether the values `step` and `run` show have one unit per tag (an
    /// HMM's trellis column), so they name the tags by index.
    var probesRunOverTags: Bool { get }
}

extension TagIndexedParameters {
    /// A network's probes are its cells' units, not tags.
    public var probesRunOverTags: Bool { false }
}
