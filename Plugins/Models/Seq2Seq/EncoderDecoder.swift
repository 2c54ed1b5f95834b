import RNNKit

/// The lecture's encoder–decoder: an encoder reads the whole source, its
/// final state (through the bridge) starts a decoder that writes the target
/// one class at a time, each fed back as the next input, optionally attending
/// over the encoder's outputs at every step.
///
/// Parameters: `encoder.*` and `decoder.*` (the stacks' PyTorch names:
/// `encoder.weight_ih_l0`, `decoder.bias_hh_l1`), `bridge.weight`/`bridge.bias`
/// when the encoder's final `h` is not as wide as the decoder's,
/// `attention.*`, and `out.weight`/`out.bias`.
public final class EncoderDecoder {
    /// The `net` options it was built from (for `command`).
    let settings: Seq2SeqSettings
    public let encoder: RecurrentStack
    public let decoder: RecurrentStack
    /// Maps the encoder's final `h` of each layer (both directions, side by side) to the decoder's initial `h`.
    let bridge: (weight: Parameter, bias: Parameter?)?
    let attention: AttentionLayer?
    let head: OutputHead
    public let namedParameters: [(name: String, parameter: Parameter)]
    /// Draws which rows feed back their own prediction under scheduled sampling (`teacher` < 1).
    var samplingGenerator = SeededGenerator(seed: 0)

    init(_ settings: Seq2SeqSettings, encoderCell: CellDescriptor, decoderCell: CellDescriptor) throws {
        self.settings = settings
        encoder = try Self.stack("encoder", encoderCell, inputSize: settings.inputWidth, settings, bidirectional: settings.bidirectional)
        decoder = try Self.stack("decoder", decoderCell, inputSize: settings.outputWidth, settings, bidirectional: false)
        let sourceWidth = Self.stateWidth(encoder, layer: 0) * encoder.directions
        let targetWidth = decoder.cells[0][0].stateLayout.slots.first { $0.slot == .h }?.width ?? 0
        if sourceWidth > 0, targetWidth > 0, sourceWidth != targetWidth {
            bridge = (Parameter("bridge.weight", rows: targetWidth, cols: sourceWidth),
                      settings.bias ? Parameter("bridge.bias", count: targetWidth) : nil)
        } else {
            bridge = nil
        }
        attention = settings.attention == .none ? nil
            : try AttentionLayer(kind: settings.attention, hidden: decoder.outputWidth, encoderWidth: encoder.outputWidth)
        head = OutputHead(inputWidth: decoder.outputWidth, outputWidth: settings.outputWidth, bias: settings.bias, activation: .softmax)
        let bridgeParameters = bridge.map { [$0.weight] + ($0.bias.map { [$0] } ?? []) } ?? []
        namedParameters = encoder.namedParameters.map { ("encoder." + $0.name, $0.parameter) }
            + decoder.namedParameters.map { ("decoder." + $0.name, $0.parameter) }
            + bridgeParameters.map { ($0.name, $0) }
            + (attention?.parameters.map { ($0.name, $0) } ?? [])
            + head.namedParameters
    }

    /// The encoder's or decoder's stack of `cell`, a refusal naming which half it is.
    static func stack(_ half: String, _ cell: CellDescriptor, inputSize: Int, _ settings: Seq2SeqSettings, bidirectional: Bool) throws -> RecurrentStack {
        do {
            return try RecurrentStack(descriptor: cell, inputSize: inputSize, hiddenSize: settings.hidden, outputSize: nil,
                                      layers: settings.layers, bidirectional: bidirectional, bias: settings.bias,
                                      options: try Options(parsing: [], specs: cell.options))
        } catch let error as CellError {
            throw CellError("the \(half) cannot be \(cell.name): \(error.message)")
        }
    }

    /// The width of layer `layer`'s `h` in `stack` (0 when its cell keeps none).
    static func stateWidth(_ stack: RecurrentStack, layer: Int) -> Int {
        stack.cells[layer][0].stateLayout.slots.first { $0.slot == .h }?.width ?? 0
    }

    /// What the encoder gives the decoder.
    struct Encoded {
        var outputs: [Variable]
        var finalStates: [CellState]
        var keys: AttentionLayer.Keys?
        var probes: [[Probes.Entry]]
        var firstLayerOutputs: [Variable]
    }

    /// Runs the encoder over `sources` (by time) on `tape`.
    func encode(_ sources: [Variable], lengths: [Int]?, probes: Bool = false) throws(CellError) -> Encoded {
        let pass = try encoder.forward(sources, from: nil, probes: probes, lengths: lengths)
        let keys = attention?.keys(pass.outputs, lengths: lengths)
        if let failure = sources.first?.tape.failure { throw CellError("the attention: \(failure)") }
        return Encoded(outputs: pass.outputs, finalStates: pass.finalStates, keys: keys, probes: pass.probes, firstLayerOutputs: pass.firstLayerOutputs)
    }

    /// The decoder's initial state: per layer, `h` is the encoder's final `h`
    /// of the same layer (both directions side by side), through the bridge
    /// when the widths differ; another slot (an LSTM's `c`) is copied when the
    /// encoder keeps it at the same width, else starts at zero.
    func initialDecoderStates(_ encoded: Encoded, batch: Int, on tape: Tape) -> [CellState] {
        decoder.cells.enumerated().map { k, layer in
            let cell = layer[0]
            // A cell without state (feed-forward) starts each step afresh.
            if cell.stateLayout.slots.isEmpty { return cell.zeroState(batch: batch).onTape(tape) }
            let sources = (0..<encoder.directions).compactMap { d in encoded.finalStates[safe: k * encoder.directions + d] }
            let values: [Variable] = cell.stateLayout.slots.map { slot in
                let parts = sources.compactMap { $0.declared(slot.slot) }
                let zero = tape.constant(Matrix(rows: batch, cols: slot.width))
                guard parts.count == sources.count, !parts.isEmpty else { return zero }
                let joined = parts.count == 1 ? parts[0] : concatColumns(parts, on: tape)
                if joined.cols == slot.width { return joined }
                guard slot.slot == .h, let bridge else { return zero }
                return linear(joined, tape.variable(for: bridge.weight), bridge.bias.map { tape.variable(for: $0) })
            }
            return CellState(cell.stateLayout, values, on: tape)
        }
    }

    /// One decoder step: the scores of the next class, the next states, and the attention weights.
    func decoderStep(_ x: Variable, states: [CellState], encoded: Encoded) throws(CellError)
        -> (logits: Variable, states: [CellState], weights: Variable?, probes: [Probes.Entry]) {
        let pass = try decoder.forward([x], from: states, probes: true, lengths: nil)
        guard let h = pass.outputs.first else { throw CellError("the decoder gave no output") }
        var top = h
        var weights: Variable? = nil
        if let attention, let keys = encoded.keys {
            (top, weights) = attention.apply(h, keys)
        }
        guard let logits = head.apply([top], logits: true).first else { throw CellError("the output layer gave no output") }
        if let failure = x.tape.failure { throw CellError("the decoder's attention or output layer: \(failure)") }
        return (logits, pass.finalStates, weights, pass.probes.first ?? [])
    }

    /// The encoder's inputs of `batch`, on `tape`.
    func sourceVariables(_ batch: Batch, on tape: Tape) throws(CellError) -> [Variable] {
        guard let sources = batch.sources, !sources.isEmpty else {
            throw CellError("an encoder–decoder trains on source–target pairs: load some with `data pairs FILE` or `data reverse`")
        }
        guard sources[0].first?.dimension == settings.inputWidth else {
            throw CellError("the encoder takes \(settings.inputWidth) inputs but the sources encode to \(sources[0].first?.dimension ?? 0)")
        }
        return sources.map { tape.sparseConstant($0) }
    }
}

/// The validated `net seq2seq` options.
struct Seq2SeqSettings: Sendable {
    var inputWidth: Int
    var outputWidth: Int
    var hidden: Int
    var layers: Int
    var bidirectional: Bool
    var bias: Bool
    var encoderCell: String
    var decoderCell: String
    var attention: AttentionKind
    /// The chance of feeding the true previous class at a training step (1: always, teacher forcing).
    var teacher: Double
    /// Every option as given (defaults filled in), for the `net` line that rebuilds the model.
    var options: Options
}
