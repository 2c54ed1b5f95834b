/// An ordered list of distinct words with index lookup: the rows of a 1-of-N
/// encoding, or the classes of an output layer (tags).
public struct Vocabulary: Sendable, Equatable {
    /// The words, index `i` at position `i`.
    public private(set) var words: [String]
    /// How often each word occurred, when built by counting (else empty).
    public private(set) var counts: [String: Int]
    private var indices: [String: Int]
    /// Lowercased word → index of its first spelling.
    private var foldedIndices: [String: Int]

    /// The given words in order; repeats after the first are dropped.
    public init(_ words: [String]) {
        self.words = []
        self.counts = [:]
        self.indices = [:]
        self.foldedIndices = [:]
        for w in words { append(w) }
    }

    /// Counts the tokens of every sequence and keeps the words seen at least
    /// `minCount` times, most frequent first (ties in order of first
    /// appearance), at most `maxSize` of them.
    public init(counting sequences: [[String]], minCount: Int = 1, maxSize: Int? = nil) {
        var counts: [String: Int] = [:]
        var firstSeen: [String] = []
        for sequence in sequences {
            for w in sequence {
                if counts[w] == nil { firstSeen.append(w) }
                counts[w, default: 0] += 1
            }
        }
        let order = Dictionary(uniqueKeysWithValues: firstSeen.enumerated().map { ($1, $0) })
        var kept = firstSeen.filter { counts[$0]! >= minCount }
        kept.sort { (counts[$0]!, order[$1]!) > (counts[$1]!, order[$0]!) }
        if let maxSize, kept.count > maxSize { kept.removeLast(kept.count - maxSize) }
        self.init(kept)
        self.counts = counts.filter { indices[$0.key] != nil }
    }

    /// Reads words from a file: one per line, or several separated by
    /// whitespace. Blank lines are skipped and repeats dropped.
    public static func load(from path: String) throws(DataError) -> Vocabulary {
        let file = try TextFile(path: path)
        let words = file.lines.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        guard !words.isEmpty else { throw DataError(file: path, "has no words") }
        return Vocabulary(words)
    }

    /// Number of words.
    public var count: Int { words.count }

    /// The index of `word`, or nil if it is not in the vocabulary.
    public func index(of word: String) -> Int? { indices[word] }

    /// The index of `word`, matching any letter case when `ignoringCase`
    /// (the first spelling added wins: `taipei` finds `Taipei`).
    public func index(of word: String, ignoringCase: Bool) -> Int? {
        ignoringCase ? indices[word] ?? foldedIndices[word.lowercased()] : indices[word]
    }

    /// Whether `word` is in the vocabulary.
    public func contains(_ word: String) -> Bool { indices[word] != nil }

    /// The word at `index`.
    public subscript(index: Int) -> String { words[index] }

    /// Adds `word` at the end unless it is already there; returns its index.
    @discardableResult
    public mutating func append(_ word: String) -> Int {
        if let i = indices[word] { return i }
        indices[word] = words.count
        let folded = word.lowercased()
        if foldedIndices[folded] == nil { foldedIndices[folded] = words.count }
        words.append(word)
        return words.count - 1
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.words == b.words }
}
