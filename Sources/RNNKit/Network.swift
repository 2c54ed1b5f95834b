/// A recurrent network: stacked (optionally bidirectional) layers of one cell
/// type, then an optional output layer.
///
/// Parameters carry PyTorch's names: the cell's own (`weight_ih`) plus
/// `_l<k>` for the layer and `_reverse` for the backward direction; the output
/// layer is `out.weight` / `out.bias` (an `nn.Linear` named `out`).
public final class Network {
    public let config: NetworkConfig
    /// The plugin the cells came from.
    public let descriptor: CellDescriptor
    /// `cells[layer][direction]`, direction 0 forward, 1 backward.
    public let cells: [[any RecurrentCell]]
    public let outputWeight: Parameter?
    public let outputBias: Parameter?
    /// Every parameter with its network-wide name, in PyTorch's `state_dict` order.
    public let namedParameters: [(name: String, parameter: Parameter)]
    /// The memory kept between `step`s: one state per layer and direction (batch 1).
    public private(set) var state: [[String: Matrix]]
    /// Time steps fed since the last reset.
    public private(set) var time = 0

    public var directions: Int { config.bidirectional ? 2 : 1 }

    /// Builds the network; each cell comes from `descriptor.make`.
    public init(config: NetworkConfig, descriptor: CellDescriptor) throws {
        self.config = config
        self.descriptor = descriptor
        let d = config.bidirectional ? 2 : 1
        var cells: [[any RecurrentCell]] = []
        var width = config.inputSize
        for _ in 0..<config.layers {
            let layer = try (0..<d).map { _ in
                try descriptor.make(CellConfig(inputSize: width, hiddenSize: config.hiddenSize,
                                               outputSize: config.outputSize, bias: config.bias, options: config.cellOptions))
            }
            width = layer[0].outputSize * d
            cells.append(layer)
        }
        self.cells = cells
        let top = cells[cells.count - 1][0]
        if let out = config.outputSize, out > 0, !top.producesNetworkOutput {
            outputWeight = Parameter("out.weight", rows: out, cols: width)
            outputBias = config.bias ? Parameter("out.bias", count: out) : nil
        } else {
            outputWeight = nil
            outputBias = nil
        }
        var named: [(String, Parameter)] = []
        for (k, layer) in cells.enumerated() {
            for (dir, cell) in layer.enumerated() {
                let suffix = "_l\(k)" + (dir == 1 ? "_reverse" : "")
                named += cell.parameters.map { ($0.name + suffix, $0) }
            }
        }
        if let w = outputWeight { named.append((w.name, w)) }
        if let b = outputBias { named.append((b.name, b)) }
        namedParameters = named
        state = cells.flatMap { $0.map { $0.zeroState(batch: 1) } }
    }

    /// The `net` command that builds this network again.
    public var command: String { config.command(cellSpecs: descriptor.options) }

    /// Total number of trainable numbers.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.parameter.elementCount } }

    /// Whether the network computes an output beyond the top layer's hidden
    /// state: an output layer, or a cell that produces it (Jordan).
    public var hasOutput: Bool { outputWeight != nil || cells[cells.count - 1][0].producesNetworkOutput }

    /// Width of the network's output at each step.
    public var outputWidth: Int {
        if let w = outputWeight { return w.value.rows }
        return cells[cells.count - 1][0].outputSize * directions
    }

    public func parameter(named name: String) -> Parameter? { namedParameters.first { $0.name == name }?.parameter }

    /// One gate's block of a stacked parameter: `weight_ih_l0.f` is rows
    /// H..<2H of `weight_ih_l0` in an LSTM (for a vector such as a bias, its
    /// elements H..<2H).
    public struct GateBlock {
        public let parameter: Parameter
        /// The stacked parameter's name (`weight_ih_l0`) and the gate (`f`).
        public let base: String
        public let gate: String
        /// The rows of a matrix, or the elements of a vector.
        public let range: Range<Int>
    }

    /// The gate block called `name` (`weight_ih_l0.f`), if there is one.
    public func gateBlock(named name: String) -> GateBlock? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let base = String(name[..<dot]), gate = String(name[name.index(after: dot)...])
        for (k, layer) in cells.enumerated() {
            for (dir, cell) in layer.enumerated() {
                let suffix = "_l\(k)" + (dir == 1 ? "_reverse" : "")
                guard let index = cell.gateNames.firstIndex(of: cell.gateAliases[gate] ?? gate),
                      let p = cell.parameters.first(where: { $0.name + suffix == base }) else { continue }
                let size = cell.outputSize
                guard p.shape[0] == cell.gateNames.count * size else { return nil }
                return GateBlock(parameter: p, base: base, gate: gate, range: (index * size)..<((index + 1) * size))
            }
        }
        return nil
    }

    /// Every gate block's name, for completion and help.
    public var gateBlockNames: [String] {
        cells.enumerated().flatMap { k, layer in
            layer.enumerated().flatMap { dir, cell -> [String] in
                let suffix = "_l\(k)" + (dir == 1 ? "_reverse" : "")
                return cell.parameters.filter { !cell.gateNames.isEmpty && $0.shape[0] == cell.gateNames.count * cell.outputSize }
                    .flatMap { p in cell.gateNames.map { "\(p.name)\(suffix).\($0)" } }
            }
        }
    }

    /// Re-initialises every parameter (cells by their own rule, the output
    /// layer as PyTorch's `nn.Linear`: U(-1/√fan_in, 1/√fan_in)).
    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) {
        for layer in cells { for cell in layer { cell.initialize(scheme, rng: &rng) } }
        if let w = outputWeight {
            let fanIn = w.value.cols
            scheme.apply(to: w, hiddenSize: fanIn, rng: &rng)
            if let b = outputBias { scheme.apply(to: b, hiddenSize: fanIn, rng: &rng) }
        }
    }

    /// Clears the memory: every state back to zero.
    public func resetState() {
        state = cells.flatMap { $0.map { $0.zeroState(batch: 1) } }
        time = 0
    }

    /// Replaces the kept state and clock (to undo a refused command).
    public func restore(state s: [[String: Matrix]], time t: Int) {
        state = s
        time = t
    }

    /// The result of a forward pass over a sequence.
    public struct SequenceResult {
        /// The network's output at each time step `[batch, outputWidth]`.
        public var outputs: [Variable]
        /// Final state per layer and direction (`index = layer * directions + direction`).
        public var finalStates: [CellState]
        /// Probes per time step: the input, every cell's values, the output.
        public var probes: [[Probes.Entry]]
        /// The first layer's forward outputs h_t (for ‖∂L/∂h_t‖, vanishing gradients).
        public var firstLayerOutputs: [Variable] = []
    }

    /// Runs the whole sequence on `tape`. `inputs[t]` is `[batch, inputSize]`;
    /// `initialStates` (one per layer and direction) default to zero.
    /// With `logits`, the output layer's activation (softmax) is left off,
    /// as a cross-entropy loss wants.
    ///
    /// `lengths` gives each batch row's real length when shorter rows are
    /// padded at the end: past its length a row's state stays as it was, so
    /// the backward direction starts at the row's own last word and final
    /// states are those at the last real step (as PyTorch's packed sequences).
    public func forward(_ inputs: [Variable], initialStates: [CellState]? = nil, probes: Bool = false,
                        logits: Bool = false, lengths: [Int]? = nil) -> SequenceResult {
        let steps = inputs.count
        guard let tape = inputs.first?.tape else { return SequenceResult(outputs: [], finalStates: [], probes: []) }
        let batch = inputs[0].rows
        let tagged = config.layers > 1 || config.bidirectional
        var perStep: [[Probes.Entry]] = (0..<steps).map { t in
            probes ? [Probes.Entry(.input, name: "x", label: "input", value: inputs[t].value)] : []
        }
        var layerInput = inputs
        var finals: [CellState] = []
        var firstLayerOutputs: [Variable] = []
        for (k, layer) in cells.enumerated() {
            var directionOutputs: [[Variable]] = []
            for (dir, cell) in layer.enumerated() {
                let index = k * directions + dir
                var s: CellState = initialStates?[index]
                    ?? cell.zeroState(batch: batch).mapValues { tape.constant($0) }
                var outs = [Variable?](repeating: nil, count: steps)
                let order: [Int] = dir == 0 ? Array(0..<steps) : Array((0..<steps).reversed())
                let suffix = tagged ? "_l\(k)" + (dir == 1 ? "_reverse" : "") : ""
                for t in order {
                    var p = Probes(enabled: probes)
                    let (o, next) = cell.step(layerInput[t], state: s, probes: &p)
                    if let lengths, lengths.contains(where: { $0 <= t }) {
                        let real = lengths.map { t < $0 }
                        s = next.reduce(into: CellState()) { merged, slot in
                            merged[slot.key] = s[slot.key].map { selectRows(real, slot.value, $0) } ?? slot.value
                        }
                    } else {
                        s = next
                    }
                    outs[t] = o
                    if probes {
                        perStep[t] += p.entries.map { $0.suffixed(suffix) }
                    }
                }
                finals.append(s)
                directionOutputs.append(outs.compactMap { $0 })
                if k == 0 && dir == 0 { firstLayerOutputs = directionOutputs[0] }
            }
            layerInput = directions == 1 ? directionOutputs[0]
                : (0..<steps).map { concatColumns([directionOutputs[0][$0], directionOutputs[1][$0]]) }
        }
        var outputs = layerInput
        if let w = outputWeight {
            let wv = tape.variable(for: w)
            let bv = outputBias.map { tape.variable(for: $0) }
            outputs = outputs.map { h in
                let z = linear(h, wv, bv)
                return config.outputActivation == .softmax && !logits ? softmax(z) : z
            }
        }
        // The output is its own row only when something computes it beyond the top layer's hidden state.
        if probes, hasOutput {
            for t in 0..<steps { perStep[t].append(Probes.Entry(.output, name: "y", label: "output", value: outputs[t].value)) }
        }
        return SequenceResult(outputs: outputs, finalStates: finals, probes: perStep, firstLayerOutputs: firstLayerOutputs)
    }

    /// Feeds a sequence (batch 1) from the kept state, keeps the final state,
    /// and returns each step's probes. No gradients are recorded.
    public func run(_ inputs: [Matrix]) -> [[Probes.Entry]] {
        let tape = Tape(recording: false)
        let initial = state.map { $0.mapValues { tape.constant($0) } }
        let result = forward(inputs.map { tape.constant($0) }, initialStates: initial, probes: true)
        state = result.finalStates.map { $0.mapValues(\.value) }
        time += inputs.count
        return result.probes
    }
}
