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

    /// The options every `net` accepts before the cell's own.
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("in", int: 1...1_000_000, default: nil, help: "input width, or auto: the encoding's (or the text's) width; default that, else the current net's"),
        OptionSpec("hidden", int: 1...100_000, default: 8, help: "units per layer (memory cells, in a cell with a memory)"),
        OptionSpec("out", int: 0...1_000_000, default: 0, help: "output layer width, or auto: the data's tags or characters; 0 for none"),
        OptionSpec("layers", int: 1...64, default: 1, help: "stacked layers; layer k+1 reads layer k's outputs"),
        OptionSpec("bidirectional", flag: false, help: "add a backward-in-time cell per layer; outputs are [forward, backward]"),
        OptionSpec("bias", flag: true, help: "bias terms in every cell and the output layer"),
        OptionSpec("outact", choices: OutputActivation.allCases.map(\.rawValue), default: OutputActivation.linear.rawValue,
                   help: "output layer activation"),
    ]

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
        for spec in cellSpecs {
            if let v = cellOptions[spec.key], v != spec.defaultValue { words.append("\(spec.key)=\(v)") }
        }
        return words.joined(separator: " ")
    }
}
