import RNNKit

/// 1-of-N: word `i` of the vocabulary is the unit vector `e_i`. A word outside
/// the vocabulary has no slot and encodes as all zeros.
public struct OneHot: Encoding, Sendable {
    public let vocabulary: Vocabulary
    /// Match words in any letter case (`taipei` finds `Taipei`).
    public let ignoreCase: Bool

    public init(vocabulary: Vocabulary, ignoreCase: Bool = false) {
        self.vocabulary = vocabulary
        self.ignoreCase = ignoreCase
    }

    public var dimension: Int { vocabulary.count }

    public func encode(_ word: String) -> SparseVector {
        let entries = vocabulary.index(of: word, ignoringCase: ignoreCase).map { [(index: $0, value: Float(1))] } ?? []
        return SparseVector(dimension: dimension, entries: entries)
    }

    public func label(ofIndex i: Int) -> String { vocabulary.words.indices.contains(i) ? vocabulary[i] : "#\(i)" }

    public func notes(for word: String) -> [String] {
        guard vocabulary.index(of: word, ignoringCase: ignoreCase) == nil else { return [] }
        let hint = closestMatch(to: word, in: vocabulary.words).map { " (did you mean '\($0)'?)" } ?? ""
        return ["'\(word)' is not in the vocabulary: 1-of-N encodes it as all zeros\(hint); encoding other gives unknown words a slot"]
    }
}

/// Registers the `one-hot` encoding.
public enum OneHotPlugin: RNNPlugin {
    static let ignoreCase = Option("ignorecase", flag: false, help: "match words in any letter case")

    public static func register(in registry: inout Registry) {
        registry.register(encoding: EncodingDescriptor(
            name: "one-hot",
            summary: "1-of-N: one dimension per vocabulary word",
            details: """
                Word i of the vocabulary becomes the unit vector e_i (dimension = vocabulary size).
                A word outside the vocabulary has no dimension and encodes as all zeros; `encode` says so.
                Use `other` to give unknown words a slot, `letter-hash` to encode any word.
                The first layer gathers the weight column of the word instead of multiplying a dense vector.
                """,
            options: [ignoreCase.spec],
            make: { words, options in
                guard !words.isEmpty else {
                    throw EncodingError("one-hot needs a vocabulary: `vocab WORD…`, `vocab load FILE`, or load a data set")
                }
                return OneHot(vocabulary: Vocabulary(words), ignoreCase: options[ignoreCase])
            }))
    }
}
