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
            let model = try session.require((any Model).self, as: "a model", at: line.commandRange)
            return CommandResult([model.summaryLine, model.command])
        }
        let arguments = try resolveAuto(line.arguments[...], session: session)
        let inputWidth = session.automaticInputWidth() ?? (session.model as? any SequenceModel)?.inputWidth
        if let model = try Self.buildModelPlugin(line, arguments: arguments, registry: session.registry, inputWidth: inputWidth,
                                                 outputWidth: session.data?.classCount) {
            model.initialize(.pytorch, rng: &session.rng)
            Self.install(model, in: session)
            return CommandResult([model.summaryLine])
        }
        // Without in=: the encoding's or text's width, else the current net's (so `net gru hidden=64` after `net lstm in=3 …` keeps 3).
        let (descriptor, config, cellRange) = try Self.configuration(
            line, arguments: arguments, registry: session.registry,
            inputWidth: inputWidth)
        let network = try Self.build(config, descriptor: descriptor, at: cellRange)
        network.initialize(.pytorch, rng: &session.rng)
        Self.install(network, in: session)
        return CommandResult([network.summaryLine])
    }

    /// Validates a network description — a cell name and its `key=value`
    /// options, as typed after `net` — into a configuration, without
    /// changing anything. Shared by `net` and by `load model`, which reads
    /// the description from a file and must never run it as a command.
    /// `inputWidth` stands in for a missing `in=`; nil makes `in=` required.
    /// Returns the cell name's range too, for errors about the cell.
    static func configuration(_ line: ParsedLine, arguments: ArraySlice<Argument>, registry: Registry, inputWidth: Int?)
        throws(CommandError) -> (CellDescriptor, NetworkConfig, Range<Int>) {
        let (cellName, cellRange) = try line.word(at: 0, expected: "a cell name (\(registry.cells.map(\.name).joined(separator: ", ")))")
        guard let descriptor = registry.cell(named: cellName) else {
            let names = registry.cells.map(\.name) + registry.models.map(\.name)
            let models = registry.models.isEmpty ? "" : "; models: \(registry.models.map(\.name).joined(separator: ", "))"
            let hint = closestMatch(to: cellName, in: names).map { "did you mean '\($0)'?" }
                ?? "cells: \(registry.cells.map(\.name).joined(separator: ", "))\(models)"
            throw CommandError("unknown cell '\(cellName)' (\(hint))", at: cellRange)
        }
        let specs = NetworkConfig.optionSpecs + descriptor.options
        let options = try line.options(arguments.dropFirst(), specs: specs, context: "net \(descriptor.name)")
        guard let inputSize = options[NetworkConfig.inputOption] ?? inputWidth else {
            throw CommandError("net needs the input width: add in=N (or choose an encoding or load data, then in=auto)", at: cellRange)
        }
        let cellKeys = Set(descriptor.options.map(\.key))
        let config = NetworkConfig(cell: descriptor.name, inputSize: inputSize, options: options,
                                   cellOptions: Options(options.values.filter { cellKeys.contains($0.key) }))
        try Self.checkSize(config, descriptor: descriptor, at: line.commandRange)
        return (descriptor, config, cellRange)
    }

    /// Builds the (uninitialised) network of a validated configuration; a
    /// combination the cell refuses is an error at `range`.
    static func build(_ config: NetworkConfig, descriptor: CellDescriptor, at range: Range<Int>?) throws(CommandError) -> Network {
        let network: Network
        do {
            network = try Network(config: config, descriptor: descriptor)
        } catch let error as CellError {
            throw CommandError(error.message, at: range)
        } catch {
            throw CommandError("cannot build this net: \(error)", at: range)
        }
        // One step on a zero input: a cell whose shapes do not fit is refused here, by name, not at the first `step`.
        let tape = Tape(recording: false)
        do throws(CellError) { _ = try network.forward([tape.constant(Matrix(rows: 1, cols: config.inputSize))]) } catch {
            throw CommandError(error.message, at: range)
        }
        return network
    }

    /// Makes `model` the session's, forgetting what belonged to the old one.
    static func install(_ model: any Model, in session: Session) {
        session.model = model
        session.memory = (model as? any Steppable)?.zeroMemory() ?? .empty
        session.lastProbes = []
        session.lossHistory = []
        session.lastStepGradientNorms = []
        session.lastTrainingStop = nil
        session.lastEvaluation = nil
        session.lastPrediction = []
        session.lastAlignment = nil
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

    /// Refuses a net whose parameters would exceed `SizeBudget.parameters`,
    /// counted before anything is allocated from the shapes of the cell's own
    /// parameters (`NetworkConfig.parameterCount`). A cell whose sizes cannot
    /// be worked out that way (it refuses the tiny sizes, or its shapes are
    /// not linear in the sizes) is left to build, and to report its own errors.
    private static func checkSize(_ c: NetworkConfig, descriptor: CellDescriptor, at range: Range<Int>) throws(CommandError) {
        guard let sizes = c.cellSizes(descriptor) else { return }
        try SizeBudget.check(c.parameterCount(sizes), limit: SizeBudget.parameters, at: range) { estimate, limit in
            "this net would need \(estimate) parameters, over the limit of \(limit): make it smaller"
        }
    }

    func completions(after words: [String], in session: Session) -> [String] {
        guard !words.isEmpty else { return session.registry.cells.map(\.name) + session.registry.models.map(\.name) }
        // A flag that is off by default is switched on by its bare name; others take `key=`.
        return optionSpecs(after: words, in: session).map { $0.defaultValue == .flag(false) ? $0.key : $0.key + "=" }
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] {
        if let model = words.first.flatMap({ session.registry.model(named: $0) }) { return model.options }
        guard let cell = words.first.flatMap({ session.registry.cell(named: $0) }) else { return [] }
        return NetworkConfig.optionSpecs + cell.options
    }
}
