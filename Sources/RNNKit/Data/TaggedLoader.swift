/// Reads sequence-labelling data (`TaggedSentence`s) in any `TaggedFormat`.
public enum TaggedLoader {
    /// Loads `path`, detecting the format unless one is given. Throws a
    /// `DataError` naming the file and line of the first malformed input,
    /// or the file when it holds no sentence. `shouldStop` (Ctrl-C) is asked
    /// every few thousand lines; when it says so the load throws, keeping nothing.
    public static func load(from path: String, format: TaggedFormat? = nil,
                            shouldStop: () -> Bool = { false }) throws(DataError) -> [TaggedSentence] {
        try parse(TextFile(path: path), format: format, shouldStop: shouldStop)
    }

    /// Parses already-read lines (`file.path` is used in messages).
    public static func parse(_ file: TextFile, format: TaggedFormat? = nil,
                             shouldStop: () -> Bool = { false }) throws(DataError) -> [TaggedSentence] {
        let sentences: [TaggedSentence]
        switch format ?? TaggedFormat.detect(file.lines) {
        case .slash: sentences = try parseSlash(file, shouldStop: shouldStop)
        case .tsv: sentences = try parseColumns(file, tsv: true, shouldStop: shouldStop)
        case .conll: sentences = try parseColumns(file, tsv: false, shouldStop: shouldStop)
        }
        guard !sentences.isEmpty else { throw DataError(file: file.path, file.isBlank ? "is empty" : "has no sentences") }
        return sentences
    }

    /// Throws once `shouldStop` says so, asking every 4096 lines.
    static func stopIfAsked(_ line: Int, _ file: TextFile, _ shouldStop: () -> Bool) throws(DataError) {
        if line % 4096 == 4095, shouldStop() { throw DataError(file: file.path, "interrupted (Ctrl-C) while reading it: nothing was changed") }
    }

    /// WORD/TAG tokens, one sentence per line; blank lines skipped.
    static func parseSlash(_ file: TextFile, shouldStop: () -> Bool = { false }) throws(DataError) -> [TaggedSentence] {
        var result: [TaggedSentence] = []
        for (n, line) in file.lines.enumerated() {
            try stopIfAsked(n, file, shouldStop)
            let tokens = line.split(whereSeparator: \.isWhitespace)
            if tokens.isEmpty { continue }
            var words: [String] = [], tags: [String] = []
            for token in tokens {
                guard let slash = token.lastIndex(of: "/") else {
                    throw DataError(file: file.path, line: n + 1, "token '\(token)' has no /TAG"
                                    + (token.contains("\t") ? " (tab-separated? use format tsv)" : ""))
                }
                let word = token[..<slash], tag = token[token.index(after: slash)...]
                if word.isEmpty { throw DataError(file: file.path, line: n + 1, "token '\(token)' has no word before the /") }
                if tag.isEmpty { throw DataError(file: file.path, line: n + 1, "token '\(token)' has an empty tag after the /") }
                words.append(String(word))
                tags.append(String(tag))
            }
            result.append(TaggedSentence(words: words, tags: tags))
        }
        return result
    }

    /// TSV (exactly two tab-separated columns) or CoNLL (two or more columns
    /// separated by tabs or spaces, the same number on every line of a
    /// sentence; word first, tag last). Blank lines end sentences.
    static func parseColumns(_ file: TextFile, tsv: Bool, shouldStop: () -> Bool = { false }) throws(DataError) -> [TaggedSentence] {
        var result: [TaggedSentence] = []
        var words: [String] = [], tags: [String] = []
        var columns: (count: Int, line: Int)?
        func flush() {
            if !words.isEmpty { result.append(TaggedSentence(words: words, tags: tags)) }
            words = []; tags = []; columns = nil
        }
        for (n, line) in file.lines.enumerated() {
            try stopIfAsked(n, file, shouldStop)
            if line.allSatisfy(\.isWhitespace) { flush(); continue }
            if !tsv && line.hasPrefix("-DOCSTART-") { flush(); continue }
            // CoNLL-U and many CoNLL files carry `# sent_id = …` comment lines: not tokens.
            if !tsv && line.hasPrefix("#") && words.isEmpty { continue }
            let fields: [Substring]
            if tsv {
                fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 2 else {
                    throw DataError(file: file.path, line: n + 1,
                                    "expected WORD<TAB>TAG, found \(fields.count) tab-separated column\(fields.count == 1 ? "" : "s")")
                }
                if fields[0].allSatisfy(\.isWhitespace) { throw DataError(file: file.path, line: n + 1, "empty word before the tab") }
                if fields[1].allSatisfy(\.isWhitespace) { throw DataError(file: file.path, line: n + 1, "empty tag after the tab") }
            } else {
                fields = line.split(whereSeparator: \.isWhitespace)
                guard fields.count >= 2 else {
                    throw DataError(file: file.path, line: n + 1, "expected columns WORD … TAG, found only '\(fields[0])'")
                }
                if let columns, columns.count != fields.count {
                    throw DataError(file: file.path, line: n + 1,
                                    "\(fields.count) columns, but line \(columns.line) of this sentence has \(columns.count)")
                }
                if columns == nil { columns = (fields.count, n + 1) }
            }
            words.append(fields[0].trimmingWhitespace)
            tags.append(fields[fields.count - 1].trimmingWhitespace)
        }
        flush()
        return result
    }
}

extension Substring {
    /// Without leading and trailing whitespace.
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
