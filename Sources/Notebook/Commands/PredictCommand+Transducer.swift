import RNNKit

extension PredictCommand {
    static let beam = Option("beam", int: 1...64, default: 1, help: "hypotheses kept by beam search (1: greedy)")

    /// `predict TOKEN… [beam=N]` with an encoder–decoder: the decoded output,
    /// its log-probability, and the attention kept for `plot attention`.
    func decode(_ line: ParsedLine, with model: any SequenceTransducer, in session: Session) throws(CommandError) -> CommandResult {
        guard case .pairs(_, _, let vocabulary)? = session.data else {
            throw CommandError("an encoder–decoder decodes tokens of source–target pairs: load some first (`data reverse`, `data pairs FILE`)",
                               at: line.commandRange)
        }
        guard model.inputWidth == vocabulary.count, model.outputWidth == vocabulary.count else {
            throw CommandError("the net reads \(model.inputWidth) and writes \(model.outputWidth) classes but the data has \(vocabulary.count) tokens: "
                               + "rebuild it with in=auto out=auto", at: line.commandRange)
        }
        let options = try line.options(line.arguments.filter { if case .option = $0 { true } else { false } }[...],
                                       specs: [Self.beam.spec], context: "predict")
        var tokens: [String] = []
        for argument in line.arguments {
            switch argument {
            case .option: continue
            case .value(.string(let text), _):
                tokens += text.map(String.init).filter { $0 != " " || vocabulary.contains(" ") }
            case .value(let value, _) where value.optionText != nil:
                tokens.append(value.optionText ?? "")
            default:
                throw CommandError("expected a token", at: argument.range)
            }
        }
        guard !tokens.isEmpty else { throw CommandError("predict which sequence? e.g. predict 3 1 4 1 5", at: line.endRange) }
        guard tokens.count <= PairsLoader.maxLength else {
            throw CommandError("at most \(PairsLoader.maxLength) tokens, not \(tokens.count)", at: line.commandRange)
        }
        let beam = options[Self.beam]
        try Self.checkDecodingWork(sourceLength: tokens.count, beam: beam, at: line.optionRange("beam") ?? line.commandRange)
        let encoding = PairEncoding(vocabulary)
        let result = try networkCall(at: line.commandRange) { () throws(CellError) in
            try model.decode(encoding.source(tokens), start: TokenVocabulary.start, end: TokenVocabulary.end,
                             maxLength: Self.maxOutput(forSource: tokens.count), beam: beam, shouldStop: session.isCancelled)
        }
        guard !result.interrupted else {
            throw CommandError("predict interrupted (Ctrl-C) after \(result.tokens.count) of at most \(Self.maxOutput(forSource: tokens.count)) tokens: "
                               + "nothing was predicted", at: line.commandRange)
        }
        let output = result.tokens.map(vocabulary.token(at:))
        session.lastPrediction = output
        session.lastAlignment = model.attends
            ? SessionState.Alignment(source: tokens, output: output + (result.ended ? ["</s>"] : []), weights: result.attention) : nil
        let f = session.format
        let how = beam == 1 ? "greedy" : "beam \(beam)"
        var out = ["\(output.isEmpty ? "(nothing)" : output.joined(separator: " "))    # \(how), log p \(f.format(result.logProbability))"
                   + (result.ended ? "" : ", stopped at \(output.count) tokens without </s>")]
        let unknown = Array(Set(tokens.filter { !vocabulary.contains($0) })).sorted()
        if !unknown.isEmpty { out.append("  read as <unk> (not in the training tokens): " + unknown.joined(separator: " ")) }
        return CommandResult(out)
    }

    /// Most source-step attentions one decode may compute (beam × outputs × source length), about a minute's work.
    static let decodingWork = 20_000_000

    /// Refuses a decode whose worst case (`beam` hypotheses each writing the
    /// most tokens allowed, each looking at every source step) is over `decodingWork`.
    static func checkDecodingWork(sourceLength: Int, beam: Int, at range: Range<Int>) throws(CommandError) {
        let work = beam * maxOutput(forSource: sourceLength) * max(sourceLength, 1)
        guard work <= decodingWork else {
            throw CommandError("beam=\(beam) over \(sourceLength) tokens could take \(work) attention steps, over the limit of \(decodingWork): use a smaller beam or a shorter input", at: range)
        }
    }

    /// The most tokens decoded for a source of `length`: twice as many and ten more.
    static func maxOutput(forSource length: Int) -> Int { min(2 * length + 10, 2 * PairsLoader.maxLength) }
}
