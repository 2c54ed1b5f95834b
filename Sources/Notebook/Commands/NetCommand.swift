import RNNKit

/// `net CELL [options]` builds a network; bare `net` describes the current one.
struct NetCommand: Command {
    let name = "net"
    let synopsis = "net [CELL key=value…]"
    let summary = "build a network (`help net CELL` lists a cell's options); bare `net` describes it"
    let details = """
        Examples (CELL one of the cells below; `help net CELL` for its own options):
          net CELL in=2 hidden=2 out=2 bias=off
          net CELL in=3 hidden=16 layers=2 bidirectional
        Every net takes:
        """ + "\n" + NetworkConfig.optionSpecs.map { "  \($0.key)=\($0.valueSyntax)  \($0.help)" }.joined(separator: "\n")
        + "\nParameters are initialised as PyTorch does (see `init`), from the session's seed."

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard !line.arguments.isEmpty else {
            let net = try session.requireNetwork(at: line.commandRange)
            return CommandResult([net.summaryLine, net.command])
        }
        let (cellName, cellRange) = try line.word(at: 0, expected: "a cell name (\(session.registry.cells.map(\.name).joined(separator: ", ")))")
        guard let descriptor = session.registry.cell(named: cellName) else {
            let names = session.registry.cells.map(\.name)
            let hint = closestMatch(to: cellName, in: names).map { "did you mean '\($0)'?" } ?? "cells: \(names.joined(separator: ", "))"
            throw CommandError("unknown cell '\(cellName)' (\(hint))", at: cellRange)
        }
        let specs = NetworkConfig.optionSpecs + descriptor.options
        let arguments = try resolveAuto(line.arguments.dropFirst(), session: session)
        let options = try line.options(arguments, specs: specs, context: "net \(descriptor.name)")
        // Without in=: the encoding's or text's width, else the current net's (so `net gru hidden=64` after `net lstm in=3 …` keeps 3).
        guard let inputSize = options.int("in") ?? session.automaticInputWidth() ?? session.network?.config.inputSize else {
            throw CommandError("net needs the input width: add in=N (or choose an encoding or load data, then in=auto)", at: cellRange)
        }
        let cellKeys = Set(descriptor.options.map(\.key))
        let config = NetworkConfig(
            cell: descriptor.name, inputSize: inputSize, hiddenSize: options.int("hidden") ?? 8,
            outputSize: (options.int("out") ?? 0) > 0 ? options.int("out") : nil,
            layers: options.int("layers") ?? 1, bidirectional: options.flag("bidirectional"),
            bias: options.flag("bias"), outputActivation: options.outputActivation("outact"),
            cellOptions: Options(options.values.filter { cellKeys.contains($0.key) }))
        try checkSize(config, descriptor: descriptor, at: line.commandRange)
        let network: Network
        do {
            network = try Network(config: config, descriptor: descriptor)
        } catch let error as CellError {
            throw CommandError(error.message, at: cellRange)
        } catch {
            throw CommandError("cannot build this net: \(error)", at: cellRange)
        }
        network.initialize(.pytorch, rng: &session.rng)
        session.network = network
        session.lastProbes = []
        session.lossHistory = []
        session.lastStepGradientNorms = []
        session.lastTrainingStop = nil
        session.lastEvaluation = nil
        session.lastPrediction = []
        return CommandResult([network.summaryLine])
    }

    /// Replaces `in=auto` (the encoding's or text's width) and `out=auto`
    /// (the data's tags or characters) with numbers.
    private func resolveAuto(_ arguments: ArraySlice<Argument>, session: Session) throws(CommandError) -> ArraySlice<Argument> {
        var out: [Argument] = []
        for argument in arguments {
            guard case .option(let key, let keyRange, .word("auto"), let valueRange) = argument, key == "in" || key == "out" else {
                out.append(argument)
                continue
            }
            let width = key == "in" ? session.automaticInputWidth() : session.data?.classCount
            guard let width else {
                throw CommandError(key == "in" ? "in=auto needs an encoding (`encoding one-hot`) or data (`data …`)"
                                   : "out=auto needs data to count its tags or characters (`data …`)", at: valueRange)
            }
            out.append(.option(key: key, keyRange: keyRange, value: .number(Double(width)), valueRange: valueRange))
        }
        return out[...]
    }

    /// Most numbers a net may hold (200 MB of Float32), so a typo like
    /// `hidden=100000` is an error rather than an out-of-memory crash.
    static let parameterLimit = 50_000_000

    /// Refuses a net whose parameters would exceed the limit, counted before
    /// anything is allocated from the shapes of the cell's own parameters
    /// (`NetworkConfig.parameterCount`). A cell whose sizes cannot be worked
    /// out that way (it refuses the tiny sizes, or its shapes are not linear
    /// in the sizes) is left to build, and to report its own errors.
    private func checkSize(_ c: NetworkConfig, descriptor: CellDescriptor, at range: Range<Int>) throws(CommandError) {
        guard let sizes = c.cellSizes(descriptor) else { return }
        let count = c.parameterCount(sizes)
        guard let count, count <= Self.parameterLimit else {
            let size = count.map { "\($0) parameters" } ?? "more parameters than can be counted"
            throw CommandError("this net would need \(size), over the limit of \(Self.parameterLimit): make it smaller", at: range)
        }
    }

    func completions(after words: [String], in session: Session) -> [String] {
        guard !words.isEmpty else { return session.registry.cells.map(\.name) }
        // A flag that is off by default is switched on by its bare name; others take `key=`.
        return optionSpecs(after: words, in: session).map { $0.defaultValue == .flag(false) ? $0.key : $0.key + "=" }
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] {
        guard let cell = words.first.flatMap({ session.registry.cell(named: $0) }) else { return [] }
        return NetworkConfig.optionSpecs + cell.options
    }
}
