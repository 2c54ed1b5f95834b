/// What a network is made of: the cell type and the options every network
/// has, whichever cell it uses.
public struct NetworkConfig: Sendable, Equatable {
    /// The registered cell name (`elman`).
    public var cell: String
    public var inputSize: Int
    public var hiddenSize: Int
    /// Width of the output layer, or nil for none (the top layer's output is the network's).
    public var outputSize: Int?
    public var layers: Int
    public var bidirectional: Bool
    public var bias: Bool
    /// The output layer's activation.
    public var outputActivation: OutputActivation
    /// The cell's own options (defaults filled in).
    public var cellOptions: Options
    /// A linear-chain CRF over the outputs (`crf`): trained by the sentence's
    /// log-likelihood, decoded by Viterbi.
    public var crf = false

    /// The options every `net` accepts before the cell's own.
    public static let inputOption = Option("in", int: 1...1_000_000,
                                           help: "input width, or auto: the encoding's (or the text's) width; default that, else the current net's")
    public static let hiddenOption = Option("hidden", int: 1...100_000, default: 8, help: "units per layer (memory cells, in a cell with a memory)")
    public static let outputOption = Option("out", int: 0...1_000_000, default: 0,
                                            help: "output layer width, or auto: the data's tags or characters; 0 for none")
    public static let layersOption = Option("layers", int: 1...64, default: 1, help: "stacked layers; layer k+1 reads layer k's outputs")
    public static let bidirectionalOption = Option("bidirectional", flag: false,
                                                   help: "add a backward-in-time cell per layer; outputs are [forward, backward]")
    public static let biasOption = Option("bias", flag: true, help: "bias terms in every cell and the output layer")
    public static let outputActivationOption = Option<OutputActivation>("outact", default: .linear, help: "output layer activation")
    public static let crfOption = Option("crf", flag: false,
                                         help: "a linear-chain CRF on the outputs (tags): sentence log-likelihood, Viterbi decoding")

    public static let optionSpecs: [OptionSpec] = [
        inputOption.spec, hiddenOption.spec, outputOption.spec, layersOption.spec, bidirectionalOption.spec, biasOption.spec,
        outputActivationOption.spec, crfOption.spec,
    ]

    /// The configuration that validated network `options` (read with
    /// `optionSpecs`) describe, for `cell` with `inputSize` inputs.
    public init(cell: String, inputSize: Int, options: Options, cellOptions: Options) {
        let out = options[Self.outputOption]
        self.init(cell: cell, inputSize: inputSize, hiddenSize: options[Self.hiddenOption], outputSize: out > 0 ? out : nil,
                  layers: options[Self.layersOption], bidirectional: options[Self.bidirectionalOption],
                  bias: options[Self.biasOption], outputActivation: options[Self.outputActivationOption], cellOptions: cellOptions)
        crf = options[Self.crfOption]
    }

    public init(cell: String, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, layers: Int = 1,
                bidirectional: Bool = false, bias: Bool = true, outputActivation: OutputActivation = .linear,
                cellOptions: Options = Options()) {
        self.cell = cell; self.inputSize = inputSize; self.hiddenSize = hiddenSize; self.outputSize = outputSize
        self.layers = layers; self.bidirectional = bidirectional; self.bias = bias
        self.outputActivation = outputActivation; self.cellOptions = cellOptions
    }

    /// The `net` command that builds this network, every option spelled out
    /// where it differs from its default.
    public func command(cellSpecs: [OptionSpec]) -> String {
        var words = ["net", cell, "in=\(inputSize)", "hidden=\(hiddenSize)"]
        if let o = outputSize { words.append("out=\(o)") }
        if layers != 1 { words.append("layers=\(layers)") }
        if bidirectional { words.append("bidirectional") }
        if !bias { words.append("bias=off") }
        if outputActivation != .linear { words.append("outact=\(outputActivation.rawValue)") }
        if crf { words.append("crf") }
        for spec in cellSpecs {
            if let v = cellOptions[spec.key], v != spec.defaultValue { words.append("\(spec.key)=\(v)") }
        }
        return words.joined(separator: " ")
    }
}
