import RNNKit

/// The data set a session trains on.
public enum LoadedData {
    /// Sentences with a tag per word (slot filling), split into train and validation.
    case tagged(source: String, split: DataSplit<TaggedSentence>, tags: [String])
    /// Text for a character language model.
    case text(source: String, train: String, validation: String, characters: CharacterVocabulary)
    /// Real vectors in, real vectors out (trained with mean squared error).
    case real(source: String, split: DataSplit<RealSequence>, inputWidth: Int, outputWidth: Int)
    /// Source–target pairs for an encoder–decoder, one token vocabulary for both sides.
    case pairs(source: String, split: DataSplit<SequencePair>, vocabulary: TokenVocabulary)

    /// How many classes the net predicts per step (`out=auto`).
    public var classCount: Int {
        switch self {
        case .tagged(_, _, let tags): return tags.count
        case .text(_, _, _, let characters): return characters.count
        case .real(_, _, _, let width): return width
        case .pairs(_, _, let vocabulary): return vocabulary.count
        }
    }

    /// The class names, in output order.
    public var classNames: [String] {
        switch self {
        case .tagged(_, _, let tags): return tags
        case .text(_, _, _, let characters): return (0..<characters.count).map(characters.label(ofIndex:))
        case .real(_, _, _, let width): return (0..<width).map { "y\($0)" }
        case .pairs(_, _, let vocabulary): return vocabulary.tokens
        }
    }

    /// One line describing the data.
    public var summary: String {
        switch self {
        case .tagged(let source, let split, let tags):
            let tokens = split.train.reduce(0) { $0 + $1.words.count }
            return "\(source): \(split.train.count) training / \(split.validation.count) validation sentences (\(tokens) training words), \(tags.count) tags: \(tags.joined(separator: " "))"
        case .text(let source, let train, let validation, let characters):
            return "\(source): \(train.count) training / \(validation.count) validation characters, \(characters.count - 1) distinct (+1 unknown)"
        case .real(let source, let split, let inputs, let outputs):
            let steps = split.train.first?.inputs.count ?? 0
            return "\(source): \(split.train.count) training / \(split.validation.count) validation sequences of \(steps) steps, \(inputs) input\(inputs == 1 ? "" : "s") and \(outputs) target\(outputs == 1 ? "" : "s") per step (mean squared error)"
        case .pairs(let source, let split, let vocabulary):
            let lengths = (split.train + split.validation).map(\.source.count)
            let span = "\(lengths.min() ?? 0)–\(lengths.max() ?? 0)"
            return "\(source): \(split.train.count) training / \(split.validation.count) validation pairs, sources of \(span) tokens, "
                + "\(vocabulary.count) tokens (\(vocabulary.count - 3) + </s> <s> <unk>)"
        }
    }
}

/// A chosen encoding: which plugin, with which options, built for the current vocabulary.
public struct EncodingChoice: CustomStringConvertible {
    public let descriptor: EncodingDescriptor
    public let options: Options
    public let encoding: any Encoding

    /// `letter-hash dim=0`: the encoding and its options, as `encoding` reads them
    /// (what model and state files keep).
    public var description: String {
        ([descriptor.name] + descriptor.options.compactMap { spec in options[spec.key].map { "\(spec.key)=\($0)" } })
            .joined(separator: " ")
    }
}

/// A chosen optimizer and its state.
public struct OptimizerChoice {
    public let descriptor: OptimizerDescriptor
    public let options: Options
    public let optimizer: any Optimizer
}
