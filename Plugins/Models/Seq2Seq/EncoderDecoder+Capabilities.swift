import Foundation
import RNNKit

extension EncoderDecoder: Model, SequenceModel, GradientTrainable, SequenceTransducer {
    public var inputWidth: Int { settings.inputWidth }
    public var outputWidth: Int { settings.outputWidth }
    public var attends: Bool { attention != nil }

    /// `seq2seq(lstm 12 => 16 => lstm => 12, general attention)  # 2140 parameters`.
    public var summaryLine: String {
        var notes: [String] = []
        if settings.layers > 1 { notes.append("\(settings.layers) layers") }
        if settings.bidirectional { notes.append("bidirectional encoder") }
        notes.append(settings.attention == .none ? "no attention" : "\(settings.attention.rawValue) attention")
        if bridge != nil { notes.append("learned bridge") }
        if !settings.bias { notes.append("no bias") }
        if settings.teacher < 1 { notes.append("teacher \(settings.teacher.formatted)") }
        let inner = "\(settings.encoderCell) \(settings.inputWidth) => \(settings.hidden) => \(settings.decoderCell) => \(settings.outputWidth)"
        let count = parameterCount
        return "seq2seq(\(inner), \(notes.joined(separator: ", ")))  # \(count) parameter\(count == 1 ? "" : "s")"
    }

    /// `net seq2seq in=12 out=12 hidden=16 …`: every option that differs from its default.
    public var command: String {
        var words = ["net", "seq2seq", "in=\(settings.inputWidth)", "out=\(settings.outputWidth)", "hidden=\(settings.hidden)"]
        for spec in Seq2SeqPlugin.optionSpecs(cells: []) where !["in", "out", "hidden"].contains(spec.key) {
            guard let value = settings.options[spec.key], value != spec.defaultValue else { continue }
            words.append(value == .flag(true) ? spec.key : "\(spec.key)=\(value)")
        }
        return words.joined(separator: " ")
    }

    /// Cells by their own rule; the bridge, attention and output layers as
    /// PyTorch's `nn.Linear`: U(-1/√fan_in, 1/√fan_in).
    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) {
        for (_, cell) in encoder.positionedCells { cell.initialize(scheme, rng: &rng) }
        for (_, cell) in decoder.positionedCells { cell.initialize(scheme, rng: &rng) }
        let linears = (bridge.map { [$0.weight] + ($0.bias.map { [$0] } ?? []) } ?? []) + (attention?.parameters ?? [])
        for p in linears { scheme.apply(to: p, hiddenSize: p.isVector ? (bridge?.weight.value.cols ?? 1) : p.value.cols, rng: &rng) }
        head.initialize(scheme, rng: &rng)
        samplingGenerator = SeededGenerator(seed: rng.next())
    }

    /// Teacher forcing: the decoder reads `batch.inputs` (the start symbol,
    /// then the target shifted by one) and is scored per step on
    /// `batch.targets` by cross-entropy, padding masked. With `teacher` < 1
    /// (and only while training), each row after the first step reads the
    /// class it predicted itself instead, with probability 1 − teacher.
    public func trainingPass(_ batch: Batch, on tape: Tape, carry: [StateValues]?) throws(CellError) -> TrainingPass {
        let encoded = try encode(try sourceVariables(batch, on: tape), lengths: batch.sourceLengths)
        var states = initialDecoderStates(encoded, batch: batch.size, on: tape)
        var losses: [Variable] = []
        var previous: Matrix? = nil
        for t in 0..<batch.steps {
            try tape.checkInterrupted()
            var inputs = batch.inputs[t]
            guard inputs.allSatisfy({ $0.dimension == outputWidth }),
                  batch.targets[t].allSatisfy({ (-1..<outputWidth).contains($0) }) else {
                throw CellError("the decoder reads and writes \(outputWidth) classes but the targets hold others: rebuild it with out=auto")
            }
            if tape.recording, settings.teacher < 1, let previous {
                for b in inputs.indices where samplingGenerator.nextUnit() >= settings.teacher {
                    inputs[b] = SparseVector(dimension: outputWidth, entries: [(argmax(previous.row(b)), 1)])
                }
            }
            let step = try decoderStep(tape.sparseConstant(inputs), states: states, encoded: encoded)
            states = step.states
            losses.append(crossEntropy(step.logits, targets: batch.targets[t]))
            previous = step.logits.value
        }
        return TrainingPass(losses: losses, carry: [], watched: encoded.firstLayerOutputs)
    }

    /// One hypothesis of the beam.
    private struct Hypothesis {
        var tokens: [Int]
        var logProbability: Double
        var states: [StateValues]
        var attention: [[Double]]
        var ended: Bool
    }

    public func decode(_ source: [SparseVector], start: Int, end: Int, maxLength: Int, beam: Int,
                       shouldStop: () -> Bool) throws(CellError) -> Decoding {
        guard !source.isEmpty else { throw CellError("nothing to decode: the source is empty") }
        guard source.allSatisfy({ $0.dimension == inputWidth }) else {
            throw CellError("the encoder takes \(inputWidth) inputs but the source encodes to \(source[0].dimension)")
        }
        guard (0..<outputWidth).contains(start), (0..<outputWidth).contains(end) else {
            throw CellError("the start and end symbols are not among the decoder's \(outputWidth) classes")
        }
        let width = max(beam, 1)
        let frozen = try freeze { tape in source.map { tape.sparseConstant([$0]) } }
        var live = [Hypothesis(tokens: [], logProbability: 0, states: frozen.initialStates, attention: [], ended: false)]
        var finished: [Hypothesis] = []
        var interrupted = false
        outputs: for _ in 0..<max(maxLength, 1) {
            var candidates: [Hypothesis] = []
            for hypothesis in live {
                if shouldStop() { interrupted = true; break outputs }
                let step = try inferenceStep(hypothesis.tokens.last ?? start, states: hypothesis.states, source: frozen)
                let logp = logSoftmax(step.logits)
                let best = logp.indices.sorted { logp[$0] != logp[$1] ? logp[$0] > logp[$1] : $0 < $1 }.prefix(width)
                for c in best {
                    candidates.append(Hypothesis(tokens: hypothesis.tokens + [c], logProbability: hypothesis.logProbability + logp[c],
                                                 states: step.states, attention: hypothesis.attention + (step.weights.map { [$0] } ?? []),
                                                 ended: c == end))
                }
            }
            let ranked = candidates.enumerated().sorted {
                $0.element.logProbability != $1.element.logProbability ? $0.element.logProbability > $1.element.logProbability : $0.offset < $1.offset
            }.map(\.element)
            live = []
            for candidate in ranked.prefix(width) {
                if candidate.ended { finished.append(candidate) } else { live.append(candidate) }
            }
            // Log-probabilities only fall: once the best finished beats every live one, nothing can overtake it.
            let bestFinished = finished.map(\.logProbability).max() ?? -.infinity
            if live.isEmpty || finished.count >= width || bestFinished >= (live.map(\.logProbability).max() ?? -.infinity) { break }
        }
        let pool = finished.isEmpty ? live : finished
        guard let chosen = pool.enumerated().max(by: {
            $0.element.logProbability != $1.element.logProbability ? $0.element.logProbability < $1.element.logProbability : $0.offset > $1.offset
        })?.element else {
            throw CellError("the beam search kept no hypothesis")
        }
        return Decoding(tokens: chosen.ended ? Array(chosen.tokens.dropLast()) : chosen.tokens, ended: chosen.ended,
                        logProbability: chosen.logProbability, attention: chosen.attention, interrupted: interrupted)
    }
}

/// log softmax of a row, in Double.
func logSoftmax(_ row: [Float]) -> [Double] {
    let top = Double(row.max() ?? 0)
    let logZ = top + log(row.reduce(0.0) { $0 + exp(Double($1) - top) })
    return row.map { Double($0) - logZ }
}

/// Index of the largest value (the first on ties; 0 for an empty row).
func argmax(_ row: [Float]) -> Int {
    row.indices.max { row[$0] != row[$1] ? row[$0] < row[$1] : $0 > $1 } ?? 0
}

extension EncoderDecoder: OwnsGenerator {
    /// Scheduled sampling's generator (which steps read the model's own output).
    public var generator: SeededGenerator {
        get { samplingGenerator }
        set { samplingGenerator = newValue }
    }
}
