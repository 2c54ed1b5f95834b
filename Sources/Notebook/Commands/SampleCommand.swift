import RNNKit

/// `sample [n=N] [temp=T] [prime="…"]` writes text with a character model.
struct SampleCommand: Command {
    let name = "sample"
    let synopsis = "sample [n=200] [temp=1] [prime=\"text\"]"
    let summary = "generate text with a character model (after `data text …` and `train`)"
    static let specs = [
        OptionSpec("n", int: 1...100_000, default: 200, help: "characters to generate"),
        OptionSpec("temp", number: 0.01...100, default: 1, help: "temperature: below 1 safer, above 1 wilder"),
        OptionSpec("prime", text: "", help: "text to start from"),
    ]

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.requireNetwork(at: line.commandRange)
        guard case .text(_, _, _, let characters)? = session.data else {
            throw CommandError("sample needs a character model: `data text FILE` or `data fortunes FILE`, then `train`", at: line.commandRange)
        }
        guard net.config.inputSize == characters.count, net.outputWidth == characters.count, !net.config.bidirectional else {
            throw CommandError("the net must read and predict \(characters.count) characters, one direction: `net \(net.config.cell) in=auto out=auto …`", at: line.commandRange)
        }
        let options = try line.options(line.arguments[...], specs: Self.specs, context: "sample")
        let prime = options.text("prime") ?? ""
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
            logits = feed([next])
        }
        let unseen = Array(Set(prime.filter { !characters.contains($0) })).map(String.init).sorted()
        let note = unseen.isEmpty ? [] : ["(not in the training text, so read as unknown: \(unseen.joined(separator: " ")))"]
        return CommandResult(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + note)
    }
}
