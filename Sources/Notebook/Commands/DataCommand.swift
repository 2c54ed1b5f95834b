import RNNKit

/// `data …` loads or makes a data set; bare `data` describes it.
struct DataCommand: Command {
    let name = "data"
    let synopsis = "data slots|recall|delay|copy|reverse|sort|tagged FILE|text FILE|fortunes FILE|pairs FILE [key=value…] | data save FILE"
    let summary = "make or load a data set (slot filling, tagged sentences, text, source–target pairs); bare `data` describes it"
    let details = """
        data slots n=300 late=0.3 seed=1    the lecture's slot filling: ATIS-style flight requests tagged
                                            dest / depart / time / O; late=F of them put the deciding word
                                            after the city ("Taipei is where I leave …"); tags=plain|bio
        data recall length=20               a long-range dependency: a symbol (A or B), length-2 distractor
                                            words, then `?` tagged with the symbol (the vanishing-gradient demo)
        data delay lag=2                    real numbers in, the input from `lag` steps back out: trained with
                                            mean squared error (the memory example, learned)
        data tagged FILE                    WORD/TAG per word (a sentence per line), TSV (word<TAB>tag, blank
                                            line between sentences) or CoNLL columns (word first, tag last)
        data text FILE                      plain text for a character language model
        data fortunes FILE                  fortune-cookie files: `%` lines separate cookies, ANSI colours stripped
        data pairs FILE                     source–target pairs for an encoder–decoder (`net seq2seq`): one
                                            `source<TAB>target` a line, tokens=words (split at spaces) or chars
        data reverse n=500 min=1 max=8      digit sequences of min to max symbols (symbols=10: 0-9) and their
                                            reversal; `data copy` the same sequence, `data sort` it sorted
        data slots autoencode               any sentences (slots, tagged FILE) or text lines (text, fortunes) as
                                            pairs with target = source: the sequence autoencoder
                                            Pairs share one vocabulary of their training tokens plus </s> (end),
                                            <s> (start) and <unk> (a token not seen in training); rnnbook adds
                                            the start and end symbols itself.
        data save FILE [force]              write the data for other tools: FILE (training part) and FILE.valid
                                            (WORD/TAG lines, the text, input:target pairs or source<TAB>target)
        Every kind takes valid=X (the fraction held out for validation, default 0.2) and seed=N (the split; default: the session's seed).
        Tagged data builds the vocabulary from its training words (min=N drops rarer words) and chooses
        the `other` encoding if none is chosen, so words outside the vocabulary still have a vector.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard !line.arguments.isEmpty else {
            guard let data = session.data else { throw CommandError("no data yet: try `data slots`", at: line.commandRange) }
            if case .pairs = data { return CommandResult([data.summary]) }
            return CommandResult([data.summary, "vocabulary \(session.vocabulary.count) words, encoding \(session.encodingChoice?.descriptor.name ?? "none")"])
        }
        if case .value(.word("save"), _) = line.arguments[0] { return try save(line, session: session) }
        let (loaded, recipe, minCount, minRange) = try Self.make(line, session: session)
        try session.refuseIfInterrupted("the data", at: line.commandRange)
        try adopt(loaded, minCount: minCount, minRange: minRange, session: session)
        session.dataRecipe = recipe
        var out = [loaded.summary]
        if case .tagged = loaded {
            out.append("vocabulary \(session.vocabulary.count) words, encoding \(session.encodingChoice?.descriptor.name ?? "none") (\(session.encodingChoice?.encoding.dimension ?? 0) dimensions)")
        }
        return CommandResult(out)
    }

    /// The data `line` (`data KIND [FILE] key=value…`) describes, validated and
    /// made, with the recipe that makes it again (`save state`), and the
    /// vocabulary's `min=` with where it was typed. Changes nothing; shared by
    /// `data` and `load state`, which reads the recipe from a file as data.
    static func make(_ line: ParsedLine, session: Session) throws(CommandError)
        -> (LoadedData, DataRecipe, minCount: Int, minRange: Range<Int>) {
        let (kind, kindRange) = try line.word(at: 0, expected: "what data: slots, tagged FILE, text FILE or fortunes FILE")
        guard let specs = DataOptions.kinds[kind] else {
            let hint = closestMatch(to: kind, in: Array(DataOptions.kinds.keys)).map { " (did you mean '\($0)'?)" } ?? ""
            throw CommandError("unknown kind of data '\(kind)'\(hint): slots, recall, delay, copy, reverse, sort, tagged, text, fortunes or pairs", at: kindRange)
        }
        var rest = line.arguments.dropFirst()
        var path: (String, Range<Int>)? = nil
        let generatedPairs = PairGenerator.Task(rawValue: kind)
        if !["slots", "recall", "delay"].contains(kind) && generatedPairs == nil {
            path = try line.path(at: 1)
            rest = rest.dropFirst()
        }
        let options = try line.options(rest, specs: specs, context: "data \(kind)")
        if kind == "recall" || kind == "delay" { try Self.checkSize(kind, options: options, specs: specs, line: line) }
        if generatedPairs != nil { try Self.checkPairSize(kind, options: options, line: line) }
        let seed = options[DataOptions.seed].map(UInt64.init) ?? session.seed
        let fraction = options[DataOptions.valid]
        var loaded: LoadedData
        do throws(DataError) {
            switch kind {
            case "slots":
                let tagging = options[DataOptions.tags]
                let generator = SlotFillingGenerator(lateCueFraction: options[DataOptions.late], tagging: tagging)
                let sentences = generator.generate(count: options[DataOptions.slotsCount], seed: seed)
                loaded = .tagged(source: "slots", split: DataSplit(sentences, validationFraction: fraction, seed: seed), tags: generator.tags)
            case "recall":
                let generator = RecallGenerator(length: options[DataOptions.recallLength], symbols: options[DataOptions.symbols],
                                                interference: options[DataOptions.noise])
                let sentences = generator.generate(count: options[DataOptions.recallCount], seed: seed)
                loaded = .tagged(source: "recall", split: DataSplit(sentences, validationFraction: fraction, seed: seed), tags: generator.tags)
            case "delay":
                let (length, lag) = (options[DataOptions.delayLength], options[DataOptions.lag])
                guard lag < length else {
                    throw DataError(file: "data delay", "lag=\(lag) leaves nothing to predict in sequences of length=\(length): make lag smaller than length")
                }
                let generator = DelayGenerator(length: length, lag: lag)
                let sequences = generator.generate(count: options[DataOptions.delayCount], seed: seed)
                loaded = .real(source: "delay", split: DataSplit(sequences, validationFraction: fraction, seed: seed), inputWidth: 1, outputWidth: 1)
            case "copy", "reverse", "sort":
                let generator = PairGenerator(task: generatedPairs ?? .copy, minLength: options[DataOptions.minLength],
                                              maxLength: options[DataOptions.maxLength], symbols: options[DataOptions.pairSymbols])
                guard options[DataOptions.minLength] <= options[DataOptions.maxLength] else {
                    throw DataError(file: "data \(kind)", "min=\(options[DataOptions.minLength]) is longer than max=\(options[DataOptions.maxLength])")
                }
                let pairs = generator.generate(count: options[DataOptions.pairCount], seed: seed)
                loaded = .pairs(source: kind, split: DataSplit(pairs, validationFraction: fraction, seed: seed),
                                vocabulary: TokenVocabulary(generator.alphabet))
            case "pairs":
                let pairs = try PairsLoader.load(from: session.resolve(path?.0 ?? ""), tokens: options[DataOptions.pairTokens])
                let split = DataSplit(pairs, validationFraction: fraction, seed: seed)
                loaded = .pairs(source: path?.0 ?? "", split: split, vocabulary: TokenVocabulary(of: split.train))
            case "tagged":
                let format = options[DataOptions.format].format
                let sentences = try TaggedLoader.load(from: session.resolve(path?.0 ?? ""), format: format, shouldStop: session.isCancelled)
                let tags = orderedTags(sentences)
                loaded = .tagged(source: path?.0 ?? "", split: DataSplit(sentences, validationFraction: fraction, seed: seed), tags: tags)
            default:
                var text: String
                if kind == "text" {
                    text = try PlainText.load(from: session.resolve(path?.0 ?? ""))
                } else {
                    var cookies = try Fortunes.load(from: session.resolve(path?.0 ?? ""))
                    if let max = options[DataOptions.maxCookies] { cookies = Array(cookies.prefix(max)) }
                    text = cookies.joined(separator: "\n\n")
                }
                guard text.count >= 4 else { throw DataError(file: path?.0 ?? "", "too little text to train on (\(text.count) characters)") }
                let cut = text.index(text.startIndex, offsetBy: Int(Double(text.count) * (1 - fraction)))
                let train = String(text[..<cut]), validation = String(text[cut...])
                loaded = .text(source: path?.0 ?? "", train: train, validation: validation, characters: CharacterVocabulary(text: train))
            }
            if options.flag(DataOptions.autoencode.key) { loaded = try autoencoder(of: loaded) }
        } catch {
            throw CommandError(error.description, at: path?.1 ?? kindRange)
        }
        // Every option spelled out, the seed resolved: the same data, whatever the session's seed is later.
        let settings = specs.compactMap { spec in spec.key == DataOptions.seed.key ? "seed=\(seed)" : options[spec.key].map { "\(spec.key)=\($0)" } }
        let file = path.map { session.resolve($0.0) }
        let recipe = DataRecipe(description: ([kind] + settings).joined(separator: " "), path: file,
                                sha256: try file.map { (f: String) throws(CommandError) in try DataRecipe.digest(ofFile: f, shownAs: path?.0 ?? f, at: path?.1) })
        return (loaded, recipe, options[DataOptions.minCount], line.optionRange(DataOptions.minCount.key) ?? kindRange)
    }

    /// Refuses generated data of more than `SizeBudget.generatedSteps` time
    /// steps before generating it, with a caret under whichever of `n=` and
    /// `length=` was raised furthest above its default.
    private static func checkSize(_ kind: String, options: Options, specs: [OptionSpec], line: ParsedLine) throws(CommandError) {
        let n = options.int("n") ?? 1, length = options.int("length") ?? 1
        func raise(_ key: String) -> Double {
            guard let value = options.int(key), case .int(let d)? = specs.first(where: { $0.key == key })?.defaultValue, d > 0 else { return 0 }
            return Double(value) / Double(d)
        }
        let given = ["n", "length"].filter { line.optionRange($0) != nil }
        let culprit = given.max { raise($0) < raise($1) }
        try SizeBudget.check(SizeBudget.product(n, length), limit: SizeBudget.generatedSteps,
                             at: culprit.flatMap(line.optionRange) ?? line.commandRange) { steps, limit in
            "data \(kind) n=\(n) length=\(length) would make \(steps) time steps (n × length), over the limit of \(limit): make n or length smaller"
        }
    }

    /// Refuses generated pairs of more than `SizeBudget.generatedSteps` source tokens (`n × max`).
    private static func checkPairSize(_ kind: String, options: Options, line: ParsedLine) throws(CommandError) {
        let n = options[DataOptions.pairCount], length = options[DataOptions.maxLength]
        try SizeBudget.check(SizeBudget.product(n, length), limit: SizeBudget.generatedSteps,
                             at: line.optionRange("n") ?? line.optionRange("max") ?? line.commandRange) { steps, limit in
            "data \(kind) n=\(n) max=\(length) could make \(steps) source tokens (n × max), over the limit of \(limit): make n or max smaller"
        }
    }

    /// The sequence autoencoder's view of `data`: each sentence (or text line,
    /// as characters) a pair with itself as the target, split as `data` was.
    static func autoencoder(of data: LoadedData) throws(DataError) -> LoadedData {
        var split = DataSplit<SequencePair>([], validationFraction: 0, seed: 0)
        let source: String
        switch data {
        case .tagged(let name, let sentences, _):
            source = name
            split.train = sentences.train.map { SequencePair(source: $0.words, target: $0.words) }
            split.validation = sentences.validation.map { SequencePair(source: $0.words, target: $0.words) }
        case .text(let name, let train, let validation, _):
            source = name
            func lines(_ text: String) -> [SequencePair] {
                text.split(separator: "\n").map { Array($0).map(String.init) }
                    .filter { !$0.isEmpty && $0.count <= PairsLoader.maxLength }.map { SequencePair(source: $0, target: $0) }
            }
            split.train = lines(train)
            split.validation = lines(validation)
        default:
            return data
        }
        guard !split.train.isEmpty else { throw DataError(file: source, "has no sentence or line of at most \(PairsLoader.maxLength) tokens to autoencode") }
        return .pairs(source: source + " (autoencoder)", split: split, vocabulary: TokenVocabulary(of: split.train))
    }

    /// `data save FILE`: the data as files another tool (PyTorch) can read —
    /// `FILE` with the training part, `FILE.valid` with the validation part.
    /// Tagged sentences as `WORD/TAG` lines, text as text, real sequences as
    /// one line per sequence of `input:target` pairs.
    private func save(_ line: ParsedLine, session: Session) throws(CommandError) -> CommandResult {
        let (path, range) = try line.path(at: 1)
        let readOnly: ReadOnlyFiles = try line.force(at: 2, usage: "data save FILE [force]") ? .overwrite : .refuse(hint: forceHint)
        guard let data = session.data else { throw CommandError("no data to save: make some with `data slots`", at: line.commandRange) }
        let (train, valid): (String, String)
        switch data {
        case .tagged(_, let split, _):
            (train, valid) = (split.train.map(\.slashFormat).joined(separator: "\n") + "\n", split.validation.map(\.slashFormat).joined(separator: "\n") + "\n")
        case .text(_, let t, let v, _):
            (train, valid) = (t, v)
        case .real(_, let split, _, _):
            func lines(_ s: [RealSequence]) -> String {
                s.map { seq in zip(seq.inputs, seq.targets).map { x, y in
                    x.map { "\($0)" }.joined(separator: ",") + ":" + y.map { "\($0)" }.joined(separator: ",") }.joined(separator: " ")
                }.joined(separator: "\n") + "\n"
            }
            (train, valid) = (lines(split.train), lines(split.validation))
        case .pairs(_, let split, _):
            func lines(_ pairs: [SequencePair]) -> String {
                pairs.map { $0.source.joined(separator: " ") + "\t" + $0.target.joined(separator: " ") }.joined(separator: "\n") + "\n"
            }
            (train, valid) = (lines(split.train), lines(split.validation))
        }
        let target = session.resolve(path)
        try writeTextFiles([(train, target), (valid, target + ".valid")], at: range, readOnly: readOnly)
        return CommandResult(["wrote the training part to \(path) and the validation part to \(path).valid"])
    }

    /// Makes `loaded` the session's data: the vocabulary from its training
    /// words, and the `other` encoding if none is chosen. (A refused command's
    /// changes are undone by `Session.execute`.)
    private func adopt(_ loaded: LoadedData, minCount: Int, minRange: Range<Int>, session: Session) throws(CommandError) {
        if case .tagged(_, let split, _) = loaded {
            let vocabulary = Vocabulary(counting: split.train.map(\.words), minCount: minCount)
            if vocabulary.words.isEmpty, minCount > 1 {
                let most = Vocabulary(counting: split.train.map(\.words)).counts.values.max() ?? 0
                throw CommandError("min=\(minCount) keeps no word: the most frequent training word is seen \(most) time\(most == 1 ? "" : "s")", at: minRange)
            }
            session.vocabulary = vocabulary
            if session.encodingChoice == nil, let other = session.registry.encoding(named: "other") {
                let defaults = (try? Options(parsing: [], specs: other.options)) ?? Options()
                session.encodingChoice = try session.makeEncoding(other, options: defaults, at: nil)
            } else {
                try session.rebuildEncoding()
            }
        }
        session.data = loaded
    }

    /// Tags in order of first appearance, `O` first when present.
    private static func orderedTags(_ sentences: [TaggedSentence]) -> [String] {
        var seen: [String] = []
        var set = Set<String>()
        for s in sentences { for t in s.tags where set.insert(t).inserted { seen.append(t) } }
        if let o = seen.firstIndex(of: "O") { seen.remove(at: o); seen.insert("O", at: 0) }
        return seen
    }

    func completions(after words: [String], in session: Session) -> [String] {
        if words.isEmpty { return ["slots", "recall", "delay", "copy", "reverse", "sort", "tagged", "text", "fortunes", "pairs", "save"] }
        return optionSpecs(after: words, in: session).map { $0.key + "=" }
    }
    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] { words.first.flatMap { DataOptions.kinds[$0] } ?? [] }
    func completesFilePath(after words: [String]) -> Bool { words.count == 1 && ["tagged", "text", "fortunes", "pairs", "save"].contains(words[0]) }
}
