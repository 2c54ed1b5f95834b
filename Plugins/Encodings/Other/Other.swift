import RNNKit

/// 1-of-N plus one more dimension, `<other>`, shared by every word outside
/// the vocabulary (the lecture's "other" bucket).
public struct OtherBucket: Encoding, Sendable {
    public let vocabulary: Vocabulary
    /// Match words in any letter case (`taipei` finds `Taipei`).
    public let ignoreCase: Bool
    /// The label of the last dimension.
    public static let otherLabel = "<other>"

    public init(vocabulary: Vocabulary, ignoreCase: Bool = false) {
        self.vocabulary = vocabulary
        self.ignoreCase = ignoreCase
    }

    /// Vocabulary size plus one.
    public var dimension: Int { vocabulary.count + 1 }

    /// The index of the `<other>` dimension (the last).
    public var otherIndex: Int { vocabulary.count }

    public func encode(_ word: String) -> SparseVector {
        let i = vocabulary.index(of: word, ignoringCase: ignoreCase) ?? otherIndex
        return SparseVector(dimension: dimension, entries: [(index: i, value: 1)])
    }

    public func label(ofIndex i: Int) -> String {
        if i == otherIndex { return OtherBucket.otherLabel }
        return vocabulary.words.indices.contains(i) ? vocabulary[i] : "#\(i)"
    }

    public func notes(for word: String) -> [String] {
        guard vocabulary.index(of: word, ignoringCase: ignoreCase) == nil else { return [] }
        let hint = closestMatch(to: word, in: vocabulary.words).map { " (did you mean '\($0)'?)" } ?? ""
        return ["'\(word)' is not in the vocabulary: it goes to \(OtherBucket.otherLabel)\(hint)"]
    }
}

/// Registers the `other` encoding.
public enum OtherPlugin: RNNPlugin {
    static let ignoreCase = Option("ignorecase", flag: false, help: "match words in any letter case")

    public static func register(in registry: inout Registry) {
        registry.register(encoding: EncodingDescriptor(
            name: "other",
            summary: "1-of-N plus an <other> slot for words outside the vocabulary",
            details: """
                Word i of the vocabulary becomes e_i; every other word becomes the last unit vector,
                <other> (dimension = vocabulary size + 1). `encode` says when a word falls into <other>.
                With a character vocabulary, <other> is the unknown-character slot.
                The first layer gathers the weight column of the word instead of multiplying a dense vector.
                """,
            options: [ignoreCase.spec],
            make: { words, options in
                guard !words.isEmpty else {
                    throw EncodingError("other needs a vocabulary: `vocab WORD…`, `vocab load FILE`, or load a data set")
                }
                return OtherBucket(vocabulary: Vocabulary(words), ignoreCase: options[ignoreCase])
            }))
    }
}
