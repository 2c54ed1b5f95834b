import RNNKit

/// `sample [n=N] [temp=T] [prime="…"]` writes text with a character model.
struct SampleCommand: Command {
    let name = "sample"
    let synopsis = "sample [n=200] [temp=1] [prime=\"text\"]"
    let summary = "generate text with a character model (after `data text …` and `train`)"
    static let n = Option("n", int: 1...100_000, default: 200, help: "characters to generate")
    static let temperature = Option("temp", number: 0.01...100, default: 1, help: "temperature: below 1 safer, above 1 wilder")
    static let prime = Option("prime", text: "", help: "text to start from")
    static let specs = [n.spec, temperature.spec, prime.spec]

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.require((any SequenceScorer & Steppable).self, as: "a model that scores sequences one step at a time", at: line.commandRange)
        guard case .text(_, _, _, let characters)? = session.data else {
            throw CommandError("sample needs a character model: `data text FILE` or `data fortunes FILE`, then `train`", at: line.commandRange)
        }
        guard net.inputWidth == characters.count, net.outputWidth == characters.count, !net.readsWholeSequence else {
            let rebuild = net.command.split(separator: " ").prefix(2).joined(separator: " ")
            throw CommandError("the net must read and predict \(characters.count) characters, one direction: `\(rebuild) in=auto out=auto …`", at: line.commandRange)
        }
        let options = try line.options(line.arguments[...], specs: Self.specs, context: "sample")
        let prime = options[Self.prime]
        let n = options[Self.n]
        let temperature = options[Self.temperature]
        let start = prime.isEmpty ? "\n" : prime
        var text = prime
        // Matrices, not Variables: each step runs on a new tape.
        var state: [StateValues]? = nil
        var next = characters.index(of: start.last ?? "\n")
        func feed(_ ids: [Int]) throws(CommandError) -> [Float] {
            let xs = ids.map { [SparseVector(dimension: characters.count, entries: [($0, 1)])] }
            let result = try networkCall(at: line.commandRange) { () throws(CellError) in
                try net.logits(xs, carry: state, lengths: nil)
            }
            state = result.carry
            return result.logits.last?.row(0) ?? []
        }
        var logits = try feed(characters.indices(of: start))
        for _ in 0..<n {
            if session.isCancelled() { break }
            var p = probabilities(logits, temperature: temperature)
            // Never write the unknown slot: it stands for characters the text did not have.
            if characters.unknownIndex < p.count {
                let rest = 1 - p[characters.unknownIndex]
                p[characters.unknownIndex] = 0
                if rest > 0 { p = p.map { $0 / rest } }
            }
            var u = session.rng.nextUnit()
            next = p.count - 1
            for (i, pi) in p.enumerated() { u -= pi; if u < 0 { next = i; break } }
            text += next == characters.unknownIndex ? "\u{FFFD}" : String(characters.characters[next])
            logits = try feed([next])
        }
        let unseen = Array(Set(prime.filter { !characters.contains($0) })).map(String.init).sorted()
        let note = unseen.isEmpty ? [] : ["(not in the training text, so read as unknown: \(unseen.joined(separator: " ")))"]
        return CommandResult(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + note)
    }
}
