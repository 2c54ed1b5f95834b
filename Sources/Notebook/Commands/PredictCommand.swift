import RNNKit

/// `predict WORDS…` tags a sentence with the trained net.
struct PredictCommand: Command {
    let name = "predict"
    let synopsis = "predict WORD… | predict TOKEN… [beam=N]"
    let summary = "tag each word of a sentence, with the probability of the tag (and the runner-up; Viterbi for an HMM or a CRF); an encoder–decoder decodes the tokens"
    let details = """
        predict leave Taipei on November 2nd    a tagger: each word's tag and its probability
        predict 3 1 4 1 5                       an encoder–decoder (`net seq2seq`): the output sequence, decoded greedily
        predict 3 1 4 1 5 beam=4                … by beam search, keeping the 4 most probable partial outputs
        predict "hello"                         a quoted string is split into characters (spaces dropped unless a token)
        Tokens outside the data's vocabulary are read as <unk>; `plot attention` then shows where the decoder looked.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        if let transducer = session.model as? any SequenceTransducer { return try decode(line, with: transducer, in: session) }
        let net = try session.require((any SequenceModel).self, as: "a model that tags sequences", at: line.commandRange)
        guard case .tagged(_, _, let tags)? = session.data else {
            throw CommandError("predict tags words: load tagged data first (`data slots`); for text use `sample`", at: line.commandRange)
        }
        guard !line.arguments.isEmpty else { throw CommandError("predict which sentence? e.g. predict leave Taipei on November 2nd", at: line.endRange) }
        guard net.outputWidth == tags.count else {
            throw CommandError("the net outputs \(net.outputWidth) values for \(tags.count) tags: rebuild it with out=auto", at: line.commandRange)
        }
        var words: [String] = []
        var inputs: [SparseVector] = []
        for arg in line.arguments {
            guard case .value(let value, let range) = arg, value.isWordLike, let word = value.optionText else {
                throw CommandError("expected a word", at: arg.range)
            }
            words.append(word)
            inputs.append(try session.encodeWord(word, at: range))
        }
        guard inputs.first?.dimension == net.inputWidth else {
            throw CommandError("the net takes \(net.inputWidth) inputs but words encode to \(inputs.first?.dimension ?? 0)", at: line.commandRange)
        }
        var sentence = TrainingSequence(inputs: inputs, targets: inputs.map { _ in -1 })
        sentence.words = words
        let tagging = SentenceTagging(model: net)
        let decoded = try networkCall(at: line.commandRange) { () throws(CellError) in try tagging.chain(sentence) }
        let perWord: [[Double]]
        if let decoded {
            perWord = decoded.posteriors().tags
        } else {
            let scorer = try session.require((any SequenceScorer).self, as: "a model that scores sequences", at: line.commandRange)
            perWord = try networkCall(at: line.commandRange) { () throws(CellError) in
                try scorer.logits(inputs.map { [$0] }, carry: nil, lengths: nil).logits
            }.map { probabilities($0.row(0)) }
        }
        // A chain's tags are Viterbi's (the best sequence), p each tag's posterior P(tag | whole sentence).
        let best = decoded?.viterbi()
        let f = session.format
        var rows = [["word", "tag", "p", "next best"]]
        var predicted: [String] = []
        for (t, (word, p)) in zip(words, perWord).enumerated() {
            var ranked = p.indices.sorted { p[$0] > p[$1] }
            if let tag = best?[t] { ranked = [tag] + ranked.filter { $0 != tag } }
            let second = ranked.count > 1 ? "\(tags[ranked[1]]) \(f.format(p[ranked[1]]))" : ""
            rows.append([word, tags[ranked[0]], f.format(p[ranked[0]]), second])
            predicted.append(tags[ranked[0]])
        }
        session.lastPrediction = predicted
        let notes = session.encodingChoice.map { choice in Array(Set(words)).sorted().flatMap { choice.encoding.notes(for: $0) } } ?? []
        let how = decoded == nil ? [] : ["tags by Viterbi over the whole sentence; p is P(tag | sentence) by forward–backward"]
        return CommandResult(table(rows) + how + notes.map { "  " + $0 })
    }

    /// `beam=` for an encoder–decoder, once.
    func completions(after words: [String], in session: Session) -> [String] {
        session.model is any SequenceTransducer && !words.contains { $0.hasPrefix("beam=") } ? ["beam="] : []
    }
}
