/// A source sequence and the target sequence an encoder–decoder should write for it.
public struct SequencePair: Sendable, Equatable {
    public var source: [String]
    public var target: [String]

    public init(source: [String], target: [String]) {
        self.source = source
        self.target = target
    }
}

/// The tokens of source–target pairs, one list for both sides, the special
/// symbols first: `</s>` (0, the end the decoder writes), `<s>` (1, fed
/// before the first output) and `<unk>` (2, any token not seen in training).
public struct TokenVocabulary: Sendable, Equatable {
    public static let end = 0, start = 1, unknown = 2
    public static let specials = ["</s>", "<s>", "<unk>"]

    /// Every token by index, the specials first.
    public let tokens: [String]
    private let index: [String: Int]

    /// The specials, then `tokens` in order (repeats and specials dropped).
    public init(_ tokens: [String]) {
        var seen = Set(Self.specials)
        self.tokens = Self.specials + tokens.filter { seen.insert($0).inserted }
        index = Dictionary(uniqueKeysWithValues: self.tokens.enumerated().map { ($1, $0) })
    }

    /// The tokens of `pairs`, both sides, in order of first appearance.
    public init(of pairs: [SequencePair]) {
        self.init(pairs.flatMap { $0.source + $0.target })
    }

    public var count: Int { tokens.count }
    /// A token's index, `<unk>` for one not in the vocabulary.
    public func index(of token: String) -> Int { index[token] ?? Self.unknown }
    public func contains(_ token: String) -> Bool { index[token] != nil }
    /// The token of an index (`<unk>` outside the vocabulary).
    public func token(at i: Int) -> String { tokens.indices.contains(i) ? tokens[i] : Self.specials[Self.unknown] }
}

/// How a line of a pairs file splits into tokens.
public enum PairTokens: String, CaseIterable, Sendable {
    /// Separated by spaces.
    case words
    /// Every character (spaces included) one token.
    case chars

    public func split(_ text: String) -> [String] {
        switch self {
        case .words: return text.split(whereSeparator: \.isWhitespace).map(String.init)
        case .chars: return text.map(String.init)
        }
    }
}

/// Source–target pairs from a file: `source<TAB>target` a line; blank lines
/// are skipped.
public enum PairsLoader {
    /// The longest side a pair may have (tokens).
    public static let maxLength = 1000

    public static func load(from path: String, tokens: PairTokens) throws(DataError) -> [SequencePair] {
        try parse(TextFile(path: path), tokens: tokens)
    }

    /// Parses already-read lines (`file.path` names the file in messages).
    public static func parse(_ file: TextFile, tokens: PairTokens) throws(DataError) -> [SequencePair] {
        var pairs: [SequencePair] = []
        for (i, line) in file.lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw DataError(file: file.path, line: i + 1, parts.count < 2 ? "expected source<TAB>target, found no tab"
                                : "expected one tab between source and target, found \(parts.count - 1)")
            }
            let source = tokens.split(String(parts[0])), target = tokens.split(String(parts[1]))
            guard !source.isEmpty else { throw DataError(file: file.path, line: i + 1, "the source (before the tab) is empty") }
            guard !target.isEmpty else { throw DataError(file: file.path, line: i + 1, "the target (after the tab) is empty") }
            guard source.count <= maxLength, target.count <= maxLength else {
                throw DataError(file: file.path, line: i + 1, "a side has more than \(maxLength) tokens")
            }
            if let special = (source + target).first(where: TokenVocabulary.specials.contains) {
                throw DataError(file: file.path, line: i + 1, "\(special) is a symbol rnnbook adds itself; leave it out of the pairs")
            }
            pairs.append(SequencePair(source: source, target: target))
        }
        guard !pairs.isEmpty else { throw DataError(file: file.path, file.isBlank ? "is empty" : "has no pairs") }
        return pairs
    }
}

/// The classic toy tasks for an encoder–decoder: random digit sequences with
/// lengths from `minLength` to `maxLength`, and the target their copy, their
/// reversal or their sorted order.
public struct PairGenerator: Sendable {
    public enum Task: String, CaseIterable, Sendable { case copy, reverse, sort }

    public var task: Task
    public var minLength: Int
    public var maxLength: Int
    /// How many symbols (the digits 0, 1, … up to 10, then letters).
    public var symbols: Int

    public init(task: Task, minLength: Int, maxLength: Int, symbols: Int) {
        self.task = task
        self.minLength = max(1, min(minLength, maxLength))
        self.maxLength = max(1, maxLength)
        self.symbols = max(1, min(symbols, 36))
    }

    /// The symbols, in vocabulary order: every one, whether or not a sequence uses it.
    public var alphabet: [String] {
        Array("0123456789abcdefghijklmnopqrstuvwxyz".prefix(symbols)).map(String.init)
    }

    /// `count` pairs, the same for the same seed.
    public func generate(count: Int, seed: UInt64) -> [SequencePair] {
        var rng = SeededGenerator(seed: seed)
        let alphabet = self.alphabet
        return (0..<count).map { _ in
            let length = minLength + rng.index(below: maxLength - minLength + 1)
            let source = (0..<length).map { _ in alphabet[rng.index(below: alphabet.count)] }
            let target: [String]
            switch task {
            case .copy: target = source
            case .reverse: target = source.reversed()
            case .sort: target = source.sorted { alphabet.firstIndex(of: $0) ?? 0 < alphabet.firstIndex(of: $1) ?? 0 }
            }
            return SequencePair(source: source, target: target)
        }
    }
}
