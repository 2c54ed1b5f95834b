import Foundation
import RNNKit

/// `save state FILE` / `load state FILE`: the whole session in one file, so
/// training resumed from it gives exactly the numbers an uninterrupted run
/// gives on the same machine.
///
/// The file is safetensors: the weights (`model/NAME`), the optimizer's
/// buffers (`optimizer/NAME/SLOT`) and the step memory (`memory/CELL/SLOT`)
/// as float32 tensors, and in its metadata a magic, a format version and one
/// JSON document (`StoredState`) with the rest. Everything read back is data:
/// descriptions (`net`, the encoding, the optimizer, the data recipe) are
/// validated as those commands validate their options, never run.
enum StateFile {
    /// `format` in the metadata.
    static let magic = "rnnbook-state"
    /// The format version this build writes and reads.
    static let version = 1

    /// The JSON part of a state file.
    struct StoredState: Codable {
        var net: String?
        var optimizer: String?
        var optimizerSteps: [String: Int]?
        var rng: [UInt64]
        var seed: UInt64
        var precision: Int
        var units: Int?
        var vocabulary: [String]
        var encoding: String?
        var data: DataRecipe?
        var memoryTime: Int
        var lossHistory: [StoredEpoch]
        var gradientNorms: [Double]
        var evaluationBatch: Int
        var evaluationBPTT: Int
        var transcript: [StoredEntry]
        /// The model's own generator (`OwnsGenerator`); absent in files from before it was kept.
        var modelRNG: [UInt64]? = nil
    }

    /// Most steps a step count (the step memory's, an optimizer's) may
    /// record: far more than any run makes, far from overflowing when counted on.
    static let maximumSteps = 1 << 48

    struct StoredEpoch: Codable {
        var epoch: Int, trainLoss: Double, validLoss: Double?, tokens: Int, seconds: Double
    }

    struct StoredEntry: Codable {
        var input: String, output: [String], machineDependent: [Int], svg: String?
    }

    /// The session as a state file's contents.
    static func contents(of session: Session) -> SafeTensors.Contents {
        var tensors: [String: SafeTensors.Tensor] = [:]
        for (name, p) in session.model?.namedParameters ?? [] {
            tensors["model/\(name)"] = SafeTensors.Tensor(shape: p.shape, values: p.value.data)
        }
        var steps: [String: Int] = [:]
        if let choice = session.optimizerChoice {
            let state = choice.optimizer.stateDict(of: session.model?.namedParameters ?? [])
            for (name, parameter) in state.parameters {
                steps[name] = parameter.step
                for (slot, m) in parameter.slots {
                    tensors["optimizer/\(name)/\(slot.rawValue)"] = SafeTensors.Tensor(shape: [m.rows, m.cols], values: m.data)
                }
            }
        }
        for (i, state) in session.memory.states.enumerated() {
            for (slot, m) in state.named {
                tensors["memory/\(i)/\(slot.name)"] = SafeTensors.Tensor(shape: [m.rows, m.cols], values: m.data)
            }
        }
        let stored = StoredState(
            net: session.model?.command, optimizer: session.optimizerChoice.map(describe), optimizerSteps: steps,
            rng: session.rng.stateWords, seed: session.seed, precision: session.format.precision, units: session.format.maxUnits,
            vocabulary: session.vocabulary.words, encoding: session.encodingChoice?.description,
            data: session.dataRecipe, memoryTime: session.memory.time,
            lossHistory: session.lossHistory.map { StoredEpoch(epoch: $0.epoch, trainLoss: $0.trainLoss, validLoss: $0.validLoss, tokens: $0.tokens, seconds: $0.seconds) },
            gradientNorms: session.lastStepGradientNorms,
            evaluationBatch: session.evaluationShape.batch, evaluationBPTT: session.evaluationShape.bptt,
            transcript: session.transcript.map { StoredEntry(input: $0.input, output: $0.output, machineDependent: $0.machineDependent.sorted(), svg: $0.svg) },
            modelRNG: (session.model as? any OwnsGenerator)?.generator.stateWords)
        let json = (try? JSONEncoder().encode(stored)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return SafeTensors.Contents(tensors: tensors, metadata: ["format": magic, "version": String(version), "state": json])
    }

}

extension StateFile {
    /// Makes `session` the saved one. Throws at the first part that does not
    /// fit, leaving the session to `Session.execute`'s rollback (nothing here
    /// touches the old network or optimizer: new ones are built).
    static func restore(_ contents: SafeTensors.Contents, path: String, range: Range<Int>, into session: Session) throws(CommandError) -> [String] {
        func refuse(_ why: String) -> CommandError { CommandError("cannot load state \(shownPath(path)): \(why)", at: range) }
        guard contents.metadata["format"] == magic else {
            throw refuse("not an rnnbook state file (a model file loads with `load model`)")
        }
        guard let v = contents.metadata["version"].flatMap(Int.init), v <= version else {
            throw refuse("it is state format \(contents.metadata["version"]?.quotedForMessage() ?? "?"), this rnnbook reads format \(version): update rnnbook")
        }
        guard let json = contents.metadata["state"], let stored = try? JSONDecoder().decode(StoredState.self, from: Data(json.utf8)) else {
            throw refuse("its state record is missing or damaged")
        }
        guard let rng = SeededGenerator(stateWords: stored.rng) else { throw refuse("its random generator state is damaged") }
        if let why = stored.outOfRange { throw refuse(why) }
        var lines: [String] = []
        // Data first: the encoding and the net are checked against it.
        if let recipe = stored.data {
            try restoreData(recipe, path: path, range: range, session: session)
            lines.append("data: \(recipe.description)" + (recipe.path.map { " from \($0)" } ?? ""))
        } else {
            session.data = nil
            session.dataRecipe = nil
        }
        session.vocabulary = Vocabulary(stored.vocabulary)
        if let description = stored.encoding {
            let line = try parse(description, what: "encoding", path: path, range: range)
            session.encodingChoice = try EncodingCommand.choice(named: line.command, at: range, options: line.arguments[...], of: line, in: session)
        } else {
            session.encodingChoice = nil
        }
        if let description = stored.net {
            let network: any Model
            if let plugin = try storedModelPlugin(description, path: path, range: range, registry: session.registry) {
                network = plugin
            } else {
                let (descriptor, config) = try storedNetwork(description, path: path, range: range, registry: session.registry)
                network = try NetCommand.build(config, descriptor: descriptor, at: range)
            }
            do throws(ModelFile.MismatchError) { try ModelFile.load(modelWeights(contents), into: network) } catch {
                throw refuse(error.description)
            }
            if let words = stored.modelRNG, let owner = network as? any OwnsGenerator {
                guard let generator = SeededGenerator(stateWords: words) else { throw refuse("its model's random generator state is damaged") }
                owner.generator = generator
            }
            NetCommand.install(network, in: session)
            session.memory = try memory(contents, time: stored.memoryTime, network: network, refuse: refuse)
            lines.append("net: \(network.summaryLine)")
        } else {
            session.model = nil
            session.memory = .empty
        }
        if let description = stored.optimizer {
            let line = try parse(description, what: "optimizer", path: path, range: range)
            let choice = try makeOptimizer(line.command, range: range, options: line.arguments[...], line: line, session: session)
            let state = try optimizerState(contents, steps: stored.optimizerSteps ?? [:], learningRate: choice.optimizer.learningRate)
            do throws(OptimizerStateError) { try choice.optimizer.load(state, into: session.model?.namedParameters ?? []) } catch {
                throw refuse("its optimizer state does not fit: \(error.message)")
            }
            session.optimizerChoice = choice
            lines.append("optimizer: \(describe(choice)), state of \(state.parameters.count) parameters")
        } else {
            session.optimizerChoice = nil
        }
        session.reseed(stored.seed)
        session.rng = rng
        session.format = NumberFormat(precision: stored.precision, maxUnits: stored.units)
        session.lossHistory = stored.lossHistory.map { EpochReport(epoch: $0.epoch, trainLoss: $0.trainLoss, validLoss: $0.validLoss, tokens: $0.tokens, seconds: $0.seconds) }
        session.lastStepGradientNorms = stored.gradientNorms
        session.evaluationShape = (stored.evaluationBatch, stored.evaluationBPTT)
        session.transcript = stored.transcript.map {
            TranscriptEntry(input: $0.input, output: $0.output, svg: $0.svg, machineDependent: Set($0.machineDependent))
        }
        if !session.lossHistory.isEmpty { lines.append("\(session.lossHistory.count) epochs trained; \(session.transcript.count) commands in the transcript") }
        return lines
    }

    /// The weights of a state file (`model/NAME` tensors), named as the model names them.
    private static func modelWeights(_ contents: SafeTensors.Contents) -> SafeTensors.Contents {
        var weights: [String: SafeTensors.Tensor] = [:]
        for (name, tensor) in contents.tensors where name.hasPrefix("model/") { weights[String(name.dropFirst(6))] = tensor }
        return SafeTensors.Contents(tensors: weights)
    }

    /// A stored description (`adam lr=0.01`), read as data.
    private static func parse(_ description: String, what: String, path: String, range: Range<Int>) throws(CommandError) -> ParsedLine {
        do throws(StoredDescription.Refusal) { return try StoredDescription.parse(description) } catch {
            throw CommandError("cannot load state \(shownPath(path)): its \(what) is refused: \(error.reason)", at: range)
        }
    }

    /// The data again, from its recipe; a file must be the one that was loaded.
    private static func restoreData(_ recipe: DataRecipe, path: String, range: Range<Int>, session: Session) throws(CommandError) {
        let line = try parse(recipe.description, what: "data recipe", path: path, range: range)
        var arguments = [Argument.value(.word(line.command), range: line.commandRange)]
        if let file = recipe.path {
            guard FileManager.default.fileExists(atPath: file) else {
                throw CommandError("cannot load state \(shownPath(path)): its data file \(file) is gone", at: range)
            }
            let digest = try DataRecipe.digest(ofFile: file, shownAs: file, at: range)
            guard digest == recipe.sha256 else {
                throw CommandError("cannot load state \(shownPath(path)): its data file \(file) changed since the state was saved (SHA-256 differs); put the saved file back to resume", at: range)
            }
            arguments.append(.value(.string(file), range: line.commandRange))
        }
        arguments += line.arguments
        let dataLine = ParsedLine(command: "data", commandRange: line.commandRange, arguments: arguments, quiet: false,
                                  endRange: line.endRange, source: line.source)
        let (loaded, made, _, _) = try DataCommand.make(dataLine, session: session)
        session.data = loaded
        session.dataRecipe = made
    }

    /// The step memory from `memory/CELL/SLOT` tensors, shaped as `network` declares.
    private static func memory(_ contents: SafeTensors.Contents, time: Int, network: any Model,
                               refuse: (String) -> CommandError) throws(CommandError) -> NetworkMemory {
        var states: [StateValues] = []
        for (i, zero) in ((network as? any Steppable)?.zeroMemory() ?? .empty).states.enumerated() {
            var values: [Matrix] = []
            for (slot, m) in zero.named {
                guard let t = contents.tensors["memory/\(i)/\(slot.name)"], t.shape == [m.rows, m.cols], t.values.count == m.count else {
                    throw refuse("its step memory does not fit the net (memory/\(i)/\(slot.name))")
                }
                values.append(Matrix(rows: m.rows, cols: m.cols, data: t.values))
            }
            states.append(StateValues(layout: zero.layout, values: values, batch: zero.batch))
        }
        guard time >= 0 else { throw refuse("its step count is negative") }
        return NetworkMemory(states: states, time: time)
    }

    /// The optimizer's state from `optimizer/NAME/SLOT` tensors and the stored step counts.
    private static func optimizerState(_ contents: SafeTensors.Contents, steps: [String: Int], learningRate: Double) throws(CommandError) -> OptimizerState {
        var parameters: [String: OptimizerState.ParameterState] = [:]
        for (name, step) in steps { parameters[name] = OptimizerState.ParameterState(step: step, slots: [:]) }
        for (key, t) in contents.tensors where key.hasPrefix("optimizer/") {
            let parts = key.dropFirst("optimizer/".count).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, t.shape.count == 2, t.shape[0] * t.shape[1] == t.values.count else { continue }
            let name = String(parts[0])
            parameters[name, default: OptimizerState.ParameterState(step: 0, slots: [:])].slots[OptimizerSlot(String(parts[1]))] =
                Matrix(rows: t.shape[0], cols: t.shape[1], data: t.values)
        }
        return OptimizerState(learningRate: learningRate, parameters: parameters)
    }
}

extension StateFile.StoredState {
    /// What in the record is outside the range its command takes (`set
    /// precision`, `set units`, `train batch= bptt=`), or a step count no run
    /// could reach; nil when everything is in range. A record is data: it is
    /// checked as its commands check their input.
    var outOfRange: String? {
        if !NumberFormat.precisions.contains(precision) { return "its precision \(precision) is not one `set precision` takes" }
        if let units, !NumberFormat.unitCounts.contains(units) { return "its units \(units) is not a number `set units` takes" }
        func takes(_ option: Option<Int>, _ value: Int) -> Bool {
            if case .int(let range) = option.spec.kind { return range.contains(value) }
            return true
        }
        if !takes(TrainCommand.batch, evaluationBatch) { return "its evaluation batch \(evaluationBatch) is not one `train batch=` takes" }
        if !takes(TrainCommand.bptt, evaluationBPTT) { return "its evaluation BPTT \(evaluationBPTT) is not one `train bptt=` takes" }
        let steps = 0...StateFile.maximumSteps
        if !steps.contains(memoryTime) { return "its step count \(memoryTime) is out of range" }
        if let (name, step) = optimizerSteps?.first(where: { !steps.contains($0.value) }) {
            return "its optimizer step count of \(name) (\(step)) is out of range"
        }
        return nil
    }
}
