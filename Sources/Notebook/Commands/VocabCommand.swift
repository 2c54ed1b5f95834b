import RNNKit

/// `vocab WORD…` extends the vocabulary, `vocab load FILE` reads one, bare `vocab` lists it.
struct VocabCommand: Command {
    let name = "vocab"
    let synopsis = "vocab [WORD…] | vocab load FILE | vocab clear"
    let summary = "define or extend the vocabulary; bare `vocab` lists it with indices"
    let details = """
        vocab arrive leave Taipei on November 2nd    add words (in order; repeats are ignored)
        vocab load words.txt                         replace it with a file's words (whitespace-separated)
        vocab clear                                  empty it
        Loading data (`data …`) builds the vocabulary from the training words.
        The encoding (`encoding`) is rebuilt whenever the vocabulary changes.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let args = line.arguments
        if args.isEmpty { return CommandResult(listing(session.vocabulary)) }
        if case .value(.word("load"), _) = args[0], args.count == 2 {
            let (path, range) = try line.path(at: 1)
            do throws(DataError) {
                session.vocabulary = try Vocabulary.load(from: session.resolve(path))
            } catch {
                throw CommandError(error.description, at: range)
            }
            try session.refuseIfInterrupted(path, at: range)
        } else if case .value(.word("clear"), _) = args[0], args.count == 1 {
            session.vocabulary = Vocabulary([])
        } else {
            var words: [String] = []
            for arg in args {
                switch arg {
                case .value(.word(let w), _), .value(.string(let w), _): words.append(w)
                case .value(.number(let x), _): words.append(x.formatted)
                default: throw CommandError("a vocabulary holds words", at: arg.range)
                }
            }
            let count = session.vocabulary.count
            for w in words { _ = session.vocabulary.append(w) }
            try session.rebuildEncoding()  // a refusal puts the vocabulary back (`Session.execute`)
            return CommandResult(["vocabulary: \(session.vocabulary.count) words (\(session.vocabulary.count - count) added)"])
        }
        try session.rebuildEncoding()
        return CommandResult(["vocabulary: \(session.vocabulary.count) words"])
    }

    /// `N words:` then `index word` pairs in rows.
    func listing(_ v: Vocabulary) -> [String] {
        guard v.count > 0 else { return ["vocabulary is empty: add words with `vocab WORD…` or load data"] }
        let cells = v.words.enumerated().map { "\($0.offset) \($0.element)" }
        let perRow = 6
        let rows = stride(from: 0, to: cells.count, by: perRow).map { Array(cells[$0..<min($0 + perRow, cells.count)]) }
        let shown = rows.count > 20 ? Array(rows.prefix(20)) : rows
        return ["\(v.count) words:"] + table(shown.map { $0.map { "  " + $0 } })
            + (rows.count > 20 ? ["  … (\(v.count - 120) more)"] : [])
    }

    func completions(after words: [String], in session: Session) -> [String] { words.isEmpty ? ["load", "clear"] : [] }
    func completesFilePath(after words: [String]) -> Bool { words == ["load"] }
}
