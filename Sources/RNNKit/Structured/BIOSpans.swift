/// Spans of BIO tags counted as CoNLL's `conlleval` counts them: a span
/// (chunk) starts at `B-x`, or at an `I-x` that does not continue a span of
/// type x; it ends before `O`, before any `B-`, before a tag of another type,
/// and at the end of the sentence. A predicted span is right only if a gold
/// span has the same start, end and type.
public enum BIOSpans {
    /// One span: words `start..<end` of sentence `sentence`, of `type`.
    public struct Span: Hashable, Sendable {
        public var sentence: Int, start: Int, end: Int, type: String

        public init(sentence: Int, start: Int, end: Int, type: String) {
            self.sentence = sentence; self.start = start; self.end = end; self.type = type
        }
    }

    /// True when every tag is `O`, `B-x` or `I-x` (and at least one is not `O`).
    public static func isBIO(_ tags: [String]) -> Bool {
        tags.allSatisfy { $0 == "O" || $0.hasPrefix("B-") || $0.hasPrefix("I-") } && tags.contains { $0 != "O" }
    }

    /// The spans of one sentence's tags.
    public static func spans(_ tags: [String], sentence: Int = 0) -> [Span] {
        var out: [Span] = []
        var open: (start: Int, type: String)? = nil
        for (i, tag) in tags.enumerated() {
            let (prefix, type) = split(tag)
            let continues = prefix == "I" && open?.type == type
            if let current = open, !continues {
                out.append(Span(sentence: sentence, start: current.start, end: i, type: current.type))
                open = nil
            }
            if prefix == "B" || (prefix == "I" && !continues) { open = (i, type) }
        }
        if let current = open { out.append(Span(sentence: sentence, start: current.start, end: tags.count, type: current.type)) }
        return out
    }

    /// How many `I-x` tags follow neither `B-x` nor `I-x` (a sentence's first word included).
    public static func invalidTransitions(_ tags: [String]) -> Int {
        var count = 0
        for (i, tag) in tags.enumerated() {
            let (prefix, type) = split(tag)
            guard prefix == "I" else { continue }
            let previous = i > 0 ? split(tags[i - 1]) : ("O", "")
            if previous.0 == "O" || previous.1 != type { count += 1 }
        }
        return count
    }

    /// Span counts over a corpus, overall and per type.
    public struct Counts: Sendable, Equatable {
        public var correct = 0, predicted = 0, gold = 0
        public var byType: [String: Counts.Entry] = [:]
        /// One type's counts.
        public struct Entry: Sendable, Equatable {
            public var correct = 0, predicted = 0, gold = 0
            public init(correct: Int = 0, predicted: Int = 0, gold: Int = 0) { self.correct = correct; self.predicted = predicted; self.gold = gold }
        }

        public init() {}

        /// Adds one sentence's gold and predicted tags (`sentence` numbers it in the corpus).
        public mutating func add(gold goldTags: [String], predicted guessTags: [String], sentence: Int) {
            let gold = Set(BIOSpans.spans(goldTags, sentence: sentence)), guess = Set(BIOSpans.spans(guessTags, sentence: sentence))
            let right = gold.intersection(guess)
            correct += right.count; predicted += guess.count; self.gold += gold.count
            for s in gold { byType[s.type, default: Entry()].gold += 1 }
            for s in guess { byType[s.type, default: Entry()].predicted += 1 }
            for s in right { byType[s.type, default: Entry()].correct += 1 }
        }

        /// Precision, recall and F1 of spans (0 where undefined), as conlleval prints them (here as fractions).
        public var precision: Double { predicted > 0 ? Double(correct) / Double(predicted) : 0 }
        public var recall: Double { gold > 0 ? Double(correct) / Double(gold) : 0 }
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    }

    private static func split(_ tag: String) -> (String, String) {
        guard tag.count >= 2, tag.dropFirst().first == "-", let first = tag.first, first == "B" || first == "I" else { return ("O", "") }
        return (String(first), String(tag.dropFirst(2)))
    }
}
