/// A long-range dependency task for the vanishing-gradient demo: each
/// sequence starts with a symbol (`A`, `B`, …), then `length - 2` random
/// distractor words, then `?`, whose tag is the first symbol. Every other
/// word is tagged `_`, which training and `eval` skip (no target), so the
/// loss is about the one thing to remember. Getting the `?` right means carrying one bit of
/// memory across the whole sequence: easy for LSTM and GRU, hard for a
/// plain RNN as `length` grows, because ∂L/∂h_t shrinks with distance.
public struct RecallGenerator: Sendable {
    public var length: Int
    public var symbols: Int
    /// Chance that a middle word is itself a symbol: a net that remembers the
    /// latest symbol instead of the first is then wrong half of the time.
    public var interference: Double

    /// `length` ≥ 2 steps, 2…26 symbols.
    public init(length: Int, symbols: Int = 2, interference: Double = 0) {
        self.length = max(2, length)
        self.symbols = max(2, min(26, symbols))
        self.interference = max(0, min(1, interference))
    }

    /// The symbols, `A` first.
    public var symbolNames: [String] { (0..<symbols).map { String(UnicodeScalar(UInt8(65 + $0))) } }

    /// The tag of a word with nothing to predict.
    public static let noTarget = "_"

    /// The tags to predict: the symbols (`_` is not one of them).
    public var tags: [String] { symbolNames }

    /// Words that fill the middle of a sequence.
    public static let distractors = ["the", "a", "flight", "to", "from", "on", "morning", "ticket", "please", "late"]

    /// `count` sequences, the same for the same seed.
    public func generate(count: Int, seed: UInt64) -> [TaggedSentence] {
        var rng = SeededGenerator(seed: seed)
        let names = symbolNames
        return (0..<count).map { _ in
            let first = names[rng.index(below: names.count)]
            let middle = (0..<(length - 2)).map { _ in
                rng.nextUnit() < interference ? names[rng.index(below: names.count)]
                    : Self.distractors[rng.index(below: Self.distractors.count)]
            }
            return TaggedSentence(words: [first] + middle + ["?"],
                                  tags: Array(repeating: Self.noTarget, count: length - 1) + [first])
        }
    }
}
