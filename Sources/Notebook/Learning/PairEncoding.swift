import RNNKit

/// How source–target pairs become an encoder–decoder's training sequences:
/// every token one-hot over the pairs' vocabulary; the decoder reads `<s>`
/// then the target, and predicts the target then `</s>` (teacher forcing).
struct PairEncoding {
    let vocabulary: TokenVocabulary

    init(_ vocabulary: TokenVocabulary) { self.vocabulary = vocabulary }

    /// A token's one-hot vector (`<unk>` for one the vocabulary lacks).
    func vector(_ token: String) -> SparseVector { vector(index: vocabulary.index(of: token)) }

    func vector(index: Int) -> SparseVector { SparseVector(dimension: vocabulary.count, entries: [(index, 1)]) }

    /// The encoder's inputs for `tokens`.
    func source(_ tokens: [String]) -> [SparseVector] { tokens.map(vector) }

    /// The training sequence of one pair.
    func sequence(_ pair: SequencePair) -> TrainingSequence {
        let target = pair.target.map(vocabulary.index(of:))
        return TrainingSequence(source: source(pair.source),
                                inputs: ([TokenVocabulary.start] + target).map { vector(index: $0) },
                                targets: target + [TokenVocabulary.end])
    }
}
