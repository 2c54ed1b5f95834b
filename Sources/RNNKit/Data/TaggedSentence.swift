/// One sentence of a sequence-labelling data set: a tag for every word.
public struct TaggedSentence: Sendable, Equatable {
    public var words: [String]
    /// `tags[i]` labels `words[i]` (same count).
    public var tags: [String]

    public init(words: [String], tags: [String]) {
        precondition(words.count == tags.count, "TaggedSentence: \(words.count) words but \(tags.count) tags")
        self.words = words
        self.tags = tags
    }

    /// The sentence as `WORD/TAG` tokens, the one-line format `load` reads.
    public var slashFormat: String { zip(words, tags).map { "\($0)/\($1)" }.joined(separator: " ") }
}

/// The layouts a tagged data file may have.
public enum TaggedFormat: String, Sendable, CaseIterable {
    /// One sentence per line, tokens `WORD/TAG` separated by spaces (split at the last `/`).
    case slash
    /// `WORD<TAB>TAG` per line, a blank line between sentences.
    case tsv
    /// CoNLL columns (tabs or spaces), word first and tag last, a blank line
    /// between sentences, `-DOCSTART-` lines skipped.
    case conll

    /// Guesses the format from the first lines with text: a tab and two
    /// columns is TSV, a tab and more columns is CoNLL, `-DOCSTART-` is
    /// CoNLL; otherwise WORD/TAG when at least half the tokens of the first
    /// 50 lines contain `/` (so one token missing its tag is reported as
    /// such), else CoNLL columns separated by spaces.
    public static func detect(_ lines: [String]) -> TaggedFormat {
        let content = lines.lazy.filter { !$0.allSatisfy(\.isWhitespace) }.prefix(50)
        guard let first = content.first else { return .slash }
        if first.hasPrefix("-DOCSTART-") { return .conll }
        if first.contains("\t") {
            return first.split(separator: "\t", omittingEmptySubsequences: false).count == 2 ? .tsv : .conll
        }
        var tokens = 0, slashed = 0
        for line in content {
            for token in line.split(whereSeparator: \.isWhitespace) {
                tokens += 1
                if token.contains("/") { slashed += 1 }
            }
        }
        let columns = first.split(whereSeparator: \.isWhitespace).count
        return slashed * 2 >= tokens || columns < 2 ? .slash : .conll
    }
}
