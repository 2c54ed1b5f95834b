/// A recurrent network: stacked (optionally bidirectional) layers of one cell
/// type, then an optional output layer. Stateless between calls: what `step`
/// remembers is a `NetworkMemory` the caller keeps (the session).
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
                let position = CellPosition(layer: k, direction: dir)
                named += cell.parameters.map { (position.name(of: $0.name), $0) }
            }
        }
        if let w = outputWeight { named.append((w.name, w)) }
        if let b = outputBias { named.append((b.name, b)) }
        namedParameters = named
    }

    /// Every cell with its position, layer by layer, forward before backward
    /// (the order of states in `NetworkMemory` and `SequenceResult.finalStates`).
    public var positionedCells: [(position: CellPosition, cell: any RecurrentCell)] {
        cells.enumerated().flatMap { k, layer in layer.enumerated().map { (CellPosition(layer: k, direction: $0), $1) } }
    }

    /// Zero memory: what `step` starts from after `net` or `reset`.
    public func zeroMemory() -> NetworkMemory {
        NetworkMemory(states: cells.flatMap { $0.map { $0.zeroState(batch: 1) } })
    }

    /// The `net` command that builds this network again.
    public var command: String { config.command(cellSpecs: descriptor.options) }

    /// Whether the network computes an output beyond the top layer's hidden
    /// state: an output layer, or a cell that produces it (Jordan).
    public var hasOutput: Bool { outputWeight != nil || cells[cells.count - 1][0].producesNetworkOutput }

    /// Width of the network's output at each step.
    public var outputWidth: Int {
        if let w = outputWeight { return w.value.rows }
        return cells[cells.count - 1][0].outputSize * directions
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

    /// The result of a forward pass over a sequence.
    public struct SequenceResult {
        /// The network's output at each time step `[batch, outputWidth]`.
        public var outputs: [Variable]
        /// Final state per layer and direction (`index = layer * directions + direction`).
        public var finalStates: [CellState]

        /// The final states off the tape (what truncated BPTT carries to the next chunk).
        public var finalValues: [StateValues] { finalStates.map(\.matrices) }
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
    ///
    /// A cell's mistake (see `RecurrentCell.step`) is thrown as a `CellError`
    /// naming the cell, the layer and the operation.
    public func forward(_ inputs: [Variable], initialStates: [StateValues]? = nil, probes: Bool = false,
                        logits: Bool = false, lengths: [Int]? = nil) throws(CellError) -> SequenceResult {
        guard let tape = inputs.first?.tape else { return SequenceResult(outputs: [], finalStates: [], probes: []) }
        return try forward(inputs, from: initialStates?.map { $0.onTape(tape) }, probes: probes, logits: logits, lengths: lengths)
    }

    /// `forward` from initial states already on the tape (to differentiate with respect to them).
    public func forward(_ inputs: [Variable], from initialStates: [CellState]?, probes: Bool = false,
                        logits: Bool = false, lengths: [Int]? = nil) throws(CellError) -> SequenceResult {
        let steps = inputs.count
        guard let tape = inputs.first?.tape else { return SequenceResult(outputs: [], finalStates: [], probes: []) }
        let batch = inputs[0].rows
        if let initialStates {
            guard initialStates.count == cells.count * directions,
                  zip(initialStates, cells.flatMap { $0 }).allSatisfy({ $0.layout == $1.stateLayout && $0.batch == batch }),
                  initialStates.allSatisfy({ $0.values.allSatisfy { tape.owns($0) } }) else {
                throw CellError("the initial state does not fit this net (\(initialStates.count) states for \(cells.count * directions) cells)")
            }
        }
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
                var s = initialStates?[index] ?? cell.zeroState(batch: batch).onTape(tape)
                var outs = [Variable?](repeating: nil, count: steps)
                let order: [Int] = dir == 0 ? Array(0..<steps) : Array((0..<steps).reversed())
                let suffix = tagged ? CellPosition(layer: k, direction: dir).suffix : ""
                for t in order {
                    var p = Probes(enabled: probes)
                    let (o, next) = cell.step(layerInput[t], state: s, probes: &p)
                    try check(tape, cell: cell, at: CellPosition(layer: k, direction: dir), output: o, next: next, batch: batch)
                    if let lengths, lengths.contains(where: { $0 <= t }) {
                        let real = lengths.map { t < $0 }
                        s = s.map({ old, new in selectRows(real, new, old) }, over: next)
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
                : (0..<steps).map { concatColumns(directionOutputs[0][$0], directionOutputs[1][$0]) }
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
        if let failure = tape.failure { throw CellError("the output layer: \(failure)") }
        // The output is its own row only when something computes it beyond the top layer's hidden state.
        if probes, hasOutput {
            for t in 0..<steps { perStep[t].append(Probes.Entry(.output, name: "y", label: "output", value: outputs[t].value)) }
        }
        return SequenceResult(outputs: outputs, finalStates: finals, probes: perStep, firstLayerOutputs: firstLayerOutputs)
    }

    /// Feeds a sequence (batch 1) from `memory`, moves `memory` on to the
    /// final state (only if the whole sequence ran), and returns each step's
    /// probes. No gradients are recorded.
    public func run(_ inputs: [Matrix], memory: inout NetworkMemory) throws(CellError) -> [[Probes.Entry]] {
        let tape = Tape(recording: false)
        let result = try forward(inputs.map { tape.constant($0) }, initialStates: memory.states, probes: true)
        memory = NetworkMemory(states: result.finalValues, time: memory.time + inputs.count)
        return result.probes
    }

    /// After one step of `cell`: the tape's first mistake, or a step result
    /// that breaks the contract (an output or state of the wrong shape, a
    /// Variable from another tape), as an error naming the cell.
    private func check(_ tape: Tape, cell: any RecurrentCell, at position: CellPosition,
                       output: Variable, next: CellState, batch: Int) throws(CellError) {
        let which = "the \(descriptor.name) cell" + (cells.count > 1 ? " of layer \(position.layer)" : "") + (position.direction == 1 ? " (backward)" : "")
        if let failure = tape.failure { throw CellError("\(which): \(failure)") }
        guard tape.owns(output), next.values.allSatisfy({ tape.owns($0) }) else {
            throw CellError("\(which): step returned a Variable from another tape")
        }
        guard output.rows == batch, output.cols == cell.outputSize else {
            throw CellError("\(which): step's output is \(output.rows)x\(output.cols), not \(batch)x\(cell.outputSize)")
        }
        for (slot, value) in zip(next.layout.slots, next.values) where value.rows != batch || value.cols != slot.width {
            throw CellError("\(which): step's state .\(slot.slot) is \(value.rows)x\(value.cols), not \(batch)x\(slot.width)")
        }
    }
}
