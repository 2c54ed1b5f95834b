import RNNKit

/// Registers the `seq2seq` model: `net seq2seq encoder=lstm attention=general …`.
public enum Seq2SeqPlugin: RNNPlugin {
    static let input = Option("in", int: 1...1_000_000, help: "source classes (one-hot width), or auto: the data's vocabulary")
    static let output = Option("out", int: 1...1_000_000, help: "target classes the decoder writes and reads back, or auto: the data's vocabulary")
    static let hidden = Option("hidden", int: 1...100_000, default: 16, help: "units per layer, encoder and decoder")
    static let layers = Option("layers", int: 1...16, default: 1, help: "stacked layers in the encoder and in the decoder")
    static let bidirectional = Option("bidirectional", flag: false, help: "a backward cell per encoder layer (the bridge then maps 2H to H)")
    static let bias = Option("bias", flag: true, help: "bias terms in the cells, the bridge and the output layer")
    static let attention = Option<AttentionKind>("attention", default: .none, help: "score of a source step: dot, general (Luong) or additive (Bahdanau)")
    static let teacher = Option("teacher", number: 0...1, default: 1,
                                help: "chance of feeding the true previous token while training; below 1, scheduled sampling")

    /// Every option; `cells` are the registered cell names `encoder=`/`decoder=` choose from.
    static func optionSpecs(cells: [String]) -> [OptionSpec] {
        [input.spec, output.spec, hidden.spec, layers.spec, bidirectional.spec, bias.spec,
         OptionSpec("encoder", choices: cells, default: "lstm", help: "the encoder's cell"),
         OptionSpec("decoder", choices: cells + ["same"], default: "same", help: "the decoder's cell (same: the encoder's)"),
         attention.spec, teacher.spec]
    }

    public static func register(in registry: inout Registry) {
        let cells = registry.cells.map(\.name)
        registry.register(model: ModelDescriptor(
            name: "seq2seq",
            summary: "encoder–decoder (sequence to sequence) with optional attention, over any cells",
            details: """
                An encoder reads the whole source x_1..x_S; its final state starts a decoder that writes
                y_1..y_T one token at a time, each fed back (one-hot) as the next input, <s> first, until </s>.
                  e_j, s_enc = Encoder(x_1..x_S)                 e_j: top layer's outputs ([forward, backward])
                  s_0 = s_enc             when the widths match   (per layer; the other slots, an LSTM's c,
                  s_0 = W_b s_enc + b_b   otherwise (bridge)       are copied when their widths match, else 0)
                  h_t, s_t = Decoder(onehot(y_{t-1}), s_{t-1})
                  attention=none:  p(y_t | y_<t, x) = softmax(W_o h_t + b_o)
                  attention=dot|general|additive (Luong, after the decoder's top layer):
                    score_j = h_tᵀ e_j  |  h_tᵀ W_a e_j  |  vᵀ tanh(W_q h_t + W_k e_j)   (Bahdanau's score)
                    a_t = softmax_j(score_j) over the real source steps,  c_t = Σ_j a_tj e_j
                    h̃_t = tanh(W_c [c_t; h_t]),  p(y_t | y_<t, x) = softmax(W_o h̃_t + b_o)
                Loss: cross-entropy of every target token and </s>, padding masked; teacher forcing (the true
                previous token is fed) unless teacher=P < 1 (scheduled sampling: each row feeds its own
                prediction with probability 1-P, while training only).
                Parameters: encoder.weight_ih_l0 … (the encoder cell's PyTorch names), decoder.…, bridge.weight
                [H, 2H or H'] and bridge.bias, attention.weight [H, E] (general), attention.query.weight,
                attention.key.weight, attention.v.weight (additive), attention.combine.weight [H, E+H], out.weight,
                out.bias. Train on `data pairs FILE|copy|reverse|sort` or `data … autoencode`; `predict TOKENS… [beam=N]`,
                `eval` (token accuracy, exact match, BLEU), `plot attention`; `run TOKEN…` shows every step of both
                halves (enc.h, … while reading, dec.h, … and y while writing greedily; the idle half as zeros).
                """,
            options: optionSpecs(cells: cells),
            make: { config in try make(config) }))
    }

    /// The model a validated `net seq2seq` line describes.
    static func make(_ config: ModelConfig) throws -> any Model {
        let o = config.options
        guard let out = config.outputSize ?? o.int("out") else {
            throw CellError("seq2seq needs the number of target classes: add out=N (or out=auto after `data …`)")
        }
        let encoderName = o.choice("encoder") ?? "lstm"
        let decoderChoice = o.choice("decoder") ?? "same"
        let decoderName = decoderChoice == "same" ? encoderName : decoderChoice
        guard let encoderCell = config.registry.cell(named: encoderName), let decoderCell = config.registry.cell(named: decoderName) else {
            throw CellError("seq2seq: no cell named \(encoderName) or \(decoderName) in this build")
        }
        try checkSize(input: config.inputSize, output: out, hidden: o[hidden], layers: o[layers], bidirectional: o[bidirectional],
                      bias: o[bias], encoder: encoderCell, decoder: decoderCell)
        let settings = Seq2SeqSettings(inputWidth: config.inputSize, outputWidth: out, hidden: o[hidden], layers: o[layers],
                                       bidirectional: o[bidirectional], bias: o[bias], encoderCell: encoderName, decoderCell: decoderName,
                                       attention: o[attention], teacher: o[teacher], options: o)
        return try EncoderDecoder(settings, encoderCell: encoderCell, decoderCell: decoderCell)
    }

    /// Most numbers an encoder–decoder may hold (as `net` allows a network: 200 MB of Float32).
    static let parameterLimit = 50_000_000

    /// Refuses, before anything is allocated, a model over `parameterLimit`:
    /// the two stacks counted from their cells' shapes, plus a bound for the
    /// bridge, attention and output layers (every kind of attention at once).
    static func checkSize(input: Int, output: Int, hidden: Int, layers: Int, bidirectional: Bool, bias: Bool,
                          encoder: CellDescriptor, decoder: CellDescriptor) throws(CellError) {
        let encoderConfig = NetworkConfig(cell: encoder.name, inputSize: input, hiddenSize: hidden, layers: layers,
                                          bidirectional: bidirectional, bias: bias, cellOptions: (try? Options(parsing: [], specs: encoder.options)) ?? Options())
        let decoderConfig = NetworkConfig(cell: decoder.name, inputSize: output, hiddenSize: hidden, outputSize: output, layers: layers,
                                          bias: bias, cellOptions: (try? Options(parsing: [], specs: decoder.options)) ?? Options())
        let stacks = [encoderConfig.cellSizes(encoder).flatMap(encoderConfig.parameterCount),
                      decoderConfig.cellSizes(decoder).flatMap(decoderConfig.parameterCount)]
        // Bridge, attention and the output layer, as `EncoderDecoder` and `AttentionLayer` shape them (every kind of
        // attention counted, so this bounds them all), in Double so nothing overflows. E is the encoder's output width.
        let h = Double(hidden), e = h * (bidirectional ? 2 : 1), out = Double(output)
        let bridge = h * e + h
        let attention = h * e + (h * h + h * e + h) + h * (e + h)
        let head = out * h + out
        let estimate = stacks.reduce(bridge + attention + head) { $0 + Double($1 ?? 0) }
        guard estimate <= Double(parameterLimit) else {
            throw CellError("this seq2seq would need about \(Int(min(estimate, 9e18))) parameters, over the limit of \(parameterLimit): make it smaller")
        }
    }
}
