/// One cell configuration to put through the checks every cell plugin must
/// pass. A cell's author adds one line to `Tests/CellTests/ConformanceTests.swift`:
///
///     CellConformance(MyPlugin.self, cell: "mine", options: "act=relu"),
///
/// `run()` builds a small network (default in=3 hidden=3, batch 2, 3 steps)
/// and returns one readable string per failed check; empty means it conforms.
public struct CellConformance: Sendable, CustomStringConvertible {
    /// The cell's descriptor, or nil if the plugin registers no cell by that name.
    public let descriptor: CellDescriptor?
    public let cell: String
    /// The cell's own options as typed after `net NAME`: `"peephole forget_bias=1"`.
    public let options: String
    public let inputSize: Int
    public let hiddenSize: Int
    /// `out=`: an output layer's width (or the output width of a cell like Jordan).
    public let outputSize: Int?
    public let layers: Int
    public let bidirectional: Bool
    public let bias: Bool

    /// A case for the cell `cell` that `plugin` registers.
    public init(_ plugin: any RNNPlugin.Type, cell: String, options: String = "", in inputSize: Int = 3,
                hidden: Int = 3, out: Int? = nil, layers: Int = 1, bidirectional: Bool = false, bias: Bool = true) {
        self.init(descriptor: Registry(plugins: [plugin]).cell(named: cell), cell: cell, options: options, in: inputSize,
                  hidden: hidden, out: out, layers: layers, bidirectional: bidirectional, bias: bias)
    }

    /// A case for a descriptor at hand.
    public init(_ descriptor: CellDescriptor, options: String = "", in inputSize: Int = 3,
                hidden: Int = 3, out: Int? = nil, layers: Int = 1, bidirectional: Bool = false, bias: Bool = true) {
        self.init(descriptor: descriptor, cell: descriptor.name, options: options, in: inputSize,
                  hidden: hidden, out: out, layers: layers, bidirectional: bidirectional, bias: bias)
    }

    init(descriptor: CellDescriptor?, cell: String, options: String, in inputSize: Int,
         hidden: Int, out: Int?, layers: Int, bidirectional: Bool, bias: Bool) {
        self.descriptor = descriptor
        self.cell = cell
        self.options = options
        self.inputSize = inputSize
        self.hiddenSize = hidden
        self.outputSize = out
        self.layers = layers
        self.bidirectional = bidirectional
        self.bias = bias
    }

    /// The `net` command this case stands for.
    public var description: String {
        var words = ["net", cell, "in=\(inputSize)", "hidden=\(hiddenSize)"]
        if let o = outputSize { words.append("out=\(o)") }
        if layers != 1 { words.append("layers=\(layers)") }
        if bidirectional { words.append("bidirectional") }
        if !bias { words.append("bias=off") }
        if !options.isEmpty { words.append(options) }
        return words.joined(separator: " ")
    }

    /// The network configuration, with the cell options validated against the cell's specs.
    public func config() throws -> NetworkConfig {
        let specs = descriptor?.options ?? []
        let parsed = try Options(parsing: splitOptions(options), specs: specs)
        return NetworkConfig(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize,
                             layers: layers, bidirectional: bidirectional, bias: bias, cellOptions: parsed)
    }

    /// A freshly built network initialised with PyTorch's scheme from `seed`.
    public func makeNetwork(seed: UInt64 = 1) throws -> Network {
        guard let descriptor else { throw CellError("no cell named '\(cell)' is registered by this plugin") }
        let net = try Network(config: config(), descriptor: descriptor)
        var rng = SeededGenerator(seed: seed)
        net.initialize(.pytorch, rng: &rng)
        return net
    }

    /// Runs every check; returns one message per failure (empty: the cell conforms).
    public func run() -> [String] {
        let net: Network
        do { net = try makeNetwork() } catch {
            return ["\(self): cannot build the network: \(describe(error))"]
        }
        var failures: [String] = []
        failures += checkOptionKeys()
        failures += checkShapes(net)
        // The remaining checks run the network; with a broken step contract they would crash.
        guard failures.isEmpty else { return failures.map { "\(self): \($0)" } }
        failures += checkZeroState(net)
        failures += checkDeterminism()
        failures += checkProbes(net)
        failures += checkReset(net)
        failures += checkCommandRoundTrip(net)
        failures += checkWideSparseInput()
        failures += checkParameterCount(net)
        failures += GradientCheck(network: net).run()
        return failures.map { "\(self): \($0)" }
    }
}

/// `"a=1 flag"` → `[("a", "1"), ("flag", nil)]`, as the `net` command reads options.
public func splitOptions(_ text: String) -> [(key: String, value: String?)] {
    text.split(separator: " ").map { word in
        guard let eq = word.firstIndex(of: "=") else { return (String(word), nil) }
        return (String(word[..<eq]), String(word[word.index(after: eq)...]))
    }
}

/// A readable message for a thrown error.
func describe(_ error: any Error) -> String {
    if let e = error as? CellError { return e.message }
    if let e = error as? OptionError { return e.message }
    return "\(error)"
}
