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

    /// Guesses the format from the first line with text: a tab and two
    /// columns is TSV, a tab or several columns without `/` in every token
    /// is CoNLL, `-DOCSTART-` is CoNLL, anything else is WORD/TAG.
    public static func detect(_ lines: [String]) -> TaggedFormat {
        guard let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return .slash }
        if first.hasPrefix("-DOCSTART-") { return .conll }
        if first.contains("\t") {
            return first.split(separator: "\t", omittingEmptySubsequences: false).count == 2 ? .tsv : .conll
        }
        let tokens = first.split(whereSeparator: \.isWhitespace)
        if tokens.allSatisfy({ $0.contains("/") }) { return .slash }
        return tokens.count >= 2 ? .conll : .slash
    }
}
