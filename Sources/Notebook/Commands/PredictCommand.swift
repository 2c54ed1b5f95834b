import RNNKit

/// `predict WORDS…` tags a sentence with the trained net.
struct PredictCommand: Command {
    let name = "predict"
    let synopsis = "predict WORD…"
    let summary = "tag each word of a sentence, with the probability of the tag (and the runner-up)"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.requireNetwork(at: line.commandRange)
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
        guard inputs.first?.dimension == net.config.inputSize else {
            throw CommandError("the net takes \(net.config.inputSize) inputs but words encode to \(inputs.first?.dimension ?? 0)", at: line.commandRange)
        }
        let tape = Tape(recording: false)
        let outputs = net.forward(inputs.map { tape.sparseConstant([$0]) }, logits: true).outputs
        let f = session.format
        var rows = [["word", "tag", "p", "next best"]]
        for (word, out) in zip(words, outputs) {
            let p = probabilities(out.value.row(0))
            let ranked = p.indices.sorted { p[$0] > p[$1] }
            let second = ranked.count > 1 ? "\(tags[ranked[1]]) \(f.format(p[ranked[1]]))" : ""
            rows.append([word, tags[ranked[0]], f.format(p[ranked[0]]), second])
        }
        return CommandResult(table(rows))
    }
}

/// `sample [n=N] [temp=T] [prime="…"]` writes text with a character model.
struct SampleCommand: Command {
    let name = "sample"
    let synopsis = "sample [n=200] [temp=1] [prime=\"text\"]"
    let summary = "generate text with a character model (after `data text …` and `train`)"
    static let specs = [
        OptionSpec("n", int: 1...100_000, default: 200, help: "characters to generate"),
        OptionSpec("temp", number: 0.01...100, default: 1, help: "temperature: below 1 safer, above 1 wilder"),
        OptionSpec("prime", choices: [], default: "", help: "text to start from"),
    ]

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.requireNetwork(at: line.commandRange)
        guard case .text(_, _, _, let characters)? = session.data else {
            throw CommandError("sample needs a character model: `data text FILE` or `data fortunes FILE`, then `train`", at: line.commandRange)
        }
        guard net.config.inputSize == characters.count, net.outputWidth == characters.count, !net.config.bidirectional else {
            throw CommandError("the net must read and predict \(characters.count) characters, one direction: `net lstm in=auto out=auto …`", at: line.commandRange)
        }
        var prime = ""
        var raw: [Argument] = []
        for arg in line.arguments {
            if case .option("prime", _, let value, _) = arg { prime = value.optionText ?? "" } else { raw.append(arg) }
        }
        let options = try line.options(raw[...], specs: Self.specs.filter { $0.key != "prime" }, context: "sample")
        let n = options.int("n") ?? 200
        let temperature = options.number("temp") ?? 1
        let start = prime.isEmpty ? "\n" : prime
        var text = prime
        // Matrices, not Variables: each step runs on a new tape.
        var state: [[String: Matrix]]? = nil
        var next = characters.index(of: start.last ?? "\n")
        func feed(_ ids: [Int]) -> [Float] {
            let tape = Tape(recording: false)
            let xs = ids.map { tape.sparseConstant([SparseVector(dimension: characters.count, entries: [($0, 1)])]) }
            let initial = state?.map { $0.mapValues { tape.constant($0) } }
            let result = net.forward(xs, initialStates: initial, logits: true)
            state = result.finalStates.map { $0.mapValues(\.value) }
            return result.outputs.last?.value.row(0) ?? []
        }
        var logits = feed(characters.indices(of: start))
        for _ in 0..<n {
            if session.isCancelled() { break }
            let p = probabilities(logits, temperature: temperature)
            var u = session.rng.nextUnit()
            next = p.count - 1
            for (i, pi) in p.enumerated() { u -= pi; if u < 0 { next = i; break } }
            text += next == characters.unknownIndex ? "\u{FFFD}" : String(characters.characters[next])
            logits = feed([next])
        }
        return CommandResult(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
