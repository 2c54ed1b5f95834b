import RNNKit

/// How a model tags sentences, whatever kind it is: Viterbi through its
/// linear chain (an HMM, a net with a CRF layer), else each step's argmax
/// (a net's softmax). `eval` and `predict` use this, so every model is
/// measured the same way.
struct SentenceTagging {
    let model: any SequenceModel

    /// The chain of one sentence, when the model decodes through one.
    func chain(_ sequence: TrainingSequence) throws(CellError) -> LinearChain? {
        try (model as? any ChainTagger)?.chain(sequence.inputs, words: sequence.words)
    }

    /// Whether the model decodes whole sentences (Viterbi).
    var decodesByChain: Bool {
        guard let tagger = model as? any ChainTagger else { return false }
        let probe = SparseVector(dimension: model.inputWidth, entries: [])
        return (try? tagger.chain([probe], words: nil)) != nil
    }

    /// What tagging a set of sentences gives: each sentence's tags, and the
    /// loss per word when the model defines one (−log P(tags | words) for a
    /// chain; the training loss for a net trained by gradient).
    struct Result {
        var tags: [[Int]]
        var loss: Double?
    }

    /// Tags every sentence; `shouldStop` (Ctrl-C) is asked between sentences
    /// or batches, and a stopped run's result is incomplete (the caller discards it).
    func tag(_ sequences: [TrainingSequence], batches: [Batch], layout: BatchLayout,
             shouldStop: @escaping () -> Bool = { false }) throws(CellError) -> Result {
        if decodesByChain {
            var tags: [[Int]] = [], nll = 0.0, words = 0
            for sequence in sequences where !shouldStop() {
                guard let chain = try chain(sequence) else { continue }
                tags.append(chain.viterbi())
                let gold = Array(sequence.targets.prefix { $0 >= 0 && $0 < model.outputWidth })
                if gold.count == sequence.inputs.count {
                    nll += chain.logPartition() - chain.score(gold)
                    words += gold.count
                }
            }
            return Result(tags: tags, loss: words > 0 ? nll / Double(words) : nil)
        }
        guard let scorer = model as? any SequenceScorer else { throw CellError("this model neither scores steps nor decodes sentences") }
        let loss = try (model as? any GradientTrainable)?.meanLoss(batches, layout: layout, shouldStop: shouldStop)
        var tags: [[Int]] = []
        for batch in batches where !shouldStop() {
            let out = try scorer.logits(batch.inputs, carry: nil, lengths: batch.lengths).logits
            for b in 0..<batch.size {
                let length = batch.lengths?[b] ?? batch.steps
                tags.append((0..<min(length, out.count)).map { argmax(out[$0].row(b)) })
            }
        }
        return Result(tags: tags, loss: loss)
    }
}
