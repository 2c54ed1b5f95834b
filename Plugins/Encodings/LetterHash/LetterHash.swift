import RNNKit

/// Encodes a word by the letter trigrams of `#word#` (see `Trigrams`): one
/// dimension per trigram, the value its count. Any word gets a vector, so
/// words outside the vocabulary still have one; the vocabulary only serves
/// to report collisions and trigrams never seen in training.
///
/// With `buckets == 0` the space is exact: 28³ = 21952 dimensions, one per
/// trigram, so only words with the same trigrams (`1` and `2`, both `#?#`)
/// collide. With `buckets > 0` trigrams are hashed into that many
/// dimensions, and different trigrams may share one.
public struct LetterTrigrams: Encoding, Sendable {
    /// 0 for the exact space, else the number of hash buckets.
    public let buckets: Int
    public let vocabulary: Vocabulary
    /// Vocabulary words by their encoding, to find words that encode alike.
    private let wordsByVector: [[Int]: [String]]
    /// For hashed buckets: the vocabulary's trigrams in each bucket, sorted.
    private let trigramsByBucket: [Int: [String]]
    /// Every trigram of the vocabulary.
    private let seenTrigrams: Set<String>

    public init(vocabulary: Vocabulary, buckets: Int = 0) {
        self.buckets = buckets
        self.vocabulary = vocabulary
        var seen = Set<String>()
        for w in vocabulary.words { seen.formUnion(Trigrams.of(w)) }
        seenTrigrams = seen
        var byBucket: [Int: [String]] = [:]
        if buckets > 0 {
            for t in seen { byBucket[Trigrams.bucket(of: t, buckets: buckets), default: []].append(t) }
            byBucket = byBucket.mapValues { $0.sorted() }
        }
        trigramsByBucket = byBucket
        var byVector: [[Int]: [String]] = [:]
        for w in vocabulary.words {
            byVector[LetterTrigrams.key(LetterTrigrams.vector(w, buckets: buckets)), default: []].append(w)
        }
        wordsByVector = byVector
    }

    public var dimension: Int { buckets > 0 ? buckets : Trigrams.spaceSize }

    public func encode(_ word: String) -> SparseVector { LetterTrigrams.vector(word, buckets: buckets) }

    /// The trigram (`#ap`); for hashed buckets the vocabulary's trigrams in
    /// it joined by `|` (`app|xqz`), or `bucket N` when none.
    public func label(ofIndex i: Int) -> String {
        if buckets == 0 { return Trigrams.trigram(at: i) }
        guard let list = trigramsByBucket[i], !list.isEmpty else { return "bucket \(i)" }
        return list.joined(separator: "|")
    }

    public func notes(for word: String) -> [String] {
        var notes: [String] = []
        let trigrams = Trigrams.of(word)
        if trigrams.isEmpty { return ["an empty word has no trigrams: all zeros"] }
        if Trigrams.hasNonLetters(word) {
            notes.append("characters other than a–z are read as '?': " + trigrams.joined(separator: " "))
        }
        if !vocabulary.words.isEmpty, vocabulary.index(of: word, ignoringCase: true) == nil {
            notes.append("'\(word)' is not in the vocabulary; its trigrams encode it anyway")
            let unseen = uniqued(trigrams.filter { !seenTrigrams.contains($0) })
            if !unseen.isEmpty {
                notes.append("trigram\(unseen.count == 1 ? "" : "s") never seen in the vocabulary (untrained weights): "
                             + unseen.joined(separator: " "))
            }
        }
        // Words that differ only in case or accents encode alike by design; others are collisions.
        let folded = Trigrams.fold(word)
        let twins = (wordsByVector[LetterTrigrams.key(encode(word))] ?? []).filter { Trigrams.fold($0) != folded }
        if !twins.isEmpty {
            notes.append("collision: encodes exactly like " + twins.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
                         + (twins.count > 5 ? " and \(twins.count - 5) more" : ""))
        }
        if buckets > 0 {
            for t in uniqued(trigrams) {
                let b = Trigrams.bucket(of: t, buckets: buckets)
                let others = (trigramsByBucket[b] ?? []).filter { $0 != t }
                if !others.isEmpty {
                    notes.append("collision: \(t) shares bucket \(b) with " + others.joined(separator: " "))
                }
            }
        }
        return notes
    }

    /// The encoding of a word (trigram counts).
    static func vector(_ word: String, buckets: Int) -> SparseVector {
        var counts: [Int: Float] = [:]
        for t in Trigrams.of(word) {
            counts[buckets > 0 ? Trigrams.bucket(of: t, buckets: buckets) : Trigrams.index(of: t), default: 0] += 1
        }
        return SparseVector(dimension: buckets > 0 ? buckets : Trigrams.spaceSize,
                            entries: counts.map { (index: $0.key, value: $0.value) })
    }

    /// A hashable form of a vector: index, count, index, count, …
    private static func key(_ v: SparseVector) -> [Int] { v.entries.flatMap { [$0.index, Int($0.value)] } }

    private func uniqued(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }
}

/// Registers the `letter-hash` encoding.
public enum LetterHashPlugin: RNNPlugin {
    static let dim = Option("dim", int: 0...1_048_576, default: 0, help: "0 = exact 28³ trigram space; N = hash trigrams into N buckets")

    public static func register(in registry: inout Registry) {
        registry.register(encoding: EncodingDescriptor(
            name: "letter-hash",
            summary: "letter trigrams with boundary markers: apple → #ap app ppl ple le#",
            details: """
                A word is read as #word# and cut into letter trigrams: apple → #ap app ppl ple le#.
                Each trigram is one dimension; its value is how often it occurs (banana: ana = 2).
                Case and accents are ignored: Apple and apple, café and cafe encode alike.
                Every other character (digits, punctuation, Chinese) is read as '?': 2nd → #?n ?nd nd#,
                so 1 and 2 (both #?#) collide; `encode` reports such collisions.
                dim=0 (default): the exact space of 28 symbols (#, a–z, ?), 28³ = 21952 dimensions.
                dim=N: trigrams hashed (FNV-1a) into N dimensions; trigrams sharing a bucket are reported by `encode`.
                Any word gets a vector, so unknown words still encode; `encode` names the trigrams
                never seen in the vocabulary (their weights are untrained).
                The first layer gathers the weight columns of the word's trigrams instead of multiplying a dense vector.
                """,
            options: [dim.spec],
            make: { words, options in LetterTrigrams(vocabulary: Vocabulary(words), buckets: options[dim]) }))
    }
}
