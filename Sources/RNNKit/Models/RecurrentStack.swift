/// Stacked, optionally bidirectional layers of one cell type, stateless:
/// every call is given its initial states and returns its final ones. Layer
/// k+1 reads layer k's outputs (`[forward, backward]` when bidirectional).
/// The building block of `Network` (and of an encoder or a decoder).
public final class RecurrentStack {
    /// `cells[layer][direction]`, direction 0 forward, 1 backward.
    public let cells: [[any RecurrentCell]]
    public let directions: Int
    /// The cell plugin's name, for messages (`the gru cell of layer 1: …`).
    public let cellName: String

    /// Builds `layers` layers of `descriptor`'s cell over inputs of `inputSize`.
    public init(descriptor: CellDescriptor, inputSize: Int, hiddenSize: Int, outputSize: Int?, layers: Int,
                bidirectional: Bool, bias: Bool, options: Options) throws {
        let d = bidirectional ? 2 : 1
        var cells: [[any RecurrentCell]] = []
        var width = inputSize
        for _ in 0..<max(layers, 1) {
            let layer = try (0..<d).map { _ in
                try descriptor.make(CellConfig(inputSize: width, hiddenSize: hiddenSize, outputSize: outputSize, bias: bias, options: options))
            }
            width = layer[0].outputSize * d
            cells.append(layer)
        }
        self.cells = cells
        directions = d
        cellName = descriptor.name
        positionedCells = cells.enumerated().flatMap { k, layer in layer.enumerated().map { (CellPosition(layer: k, direction: $0), $1) } }
        fusedCandidates = Self.fusedCandidates(cells)
    }

    /// Every cell with its position, layer by layer, forward before backward
    /// (the order of initial and final states).
    public let positionedCells: [(position: CellPosition, cell: any RecurrentCell)]
    /// The cells' fused paths, found once (see `fusedLayers`): casting every
    /// cell to `FusedSequenceCell` at every batch showed in a tiny net's profile.
    let fusedCandidates: [[FusedLayer]]?

    /// The cells' parameters with PyTorch's names (`weight_ih_l0`, `bias_hh_l1_reverse`).
    public var namedParameters: [(name: String, parameter: Parameter)] {
        positionedCells.flatMap { position, cell in cell.parameters.map { (position.name(of: $0.name), $0) } }
    }

    /// Refuses initial states that are not one per cell, each in its cell's
    /// layout and of `batch` rows (the one check for the tape, fused and tape-free paths).
    func checkInitialStates<State: ShapedState>(_ states: [State], batch: Int) throws(CellError) {
        guard states.count == positionedCells.count,
              zip(states, positionedCells).allSatisfy({ $0.layout == $1.cell.stateLayout && $0.rows == batch }) else {
            throw CellError("the initial state does not fit this net (\(states.count) states for \(positionedCells.count) cells)")
        }
    }

    /// `checkInitialStates` for states on `tape`, which must hold every one of their values.
    func checkInitialStates(_ states: [CellState], batch: Int, on tape: Tape) throws(CellError) {
        try checkInitialStates(states, batch: batch)
        guard states.allSatisfy({ $0.values.allSatisfy { tape.owns($0) } }) else {
            throw CellError("the initial state does not fit this net (its values are on another tape)")
        }
    }

    /// The top cell (forward), which decides whether the stack computes the network's output itself (Jordan).
    public var top: any RecurrentCell { cells[cells.count - 1][0] }

    /// Width of what the top layer passes up at each step.
    public var outputWidth: Int { top.outputSize * directions }

    /// Zero states for a batch, one per cell.
    public func zeroStates(batch: Int) -> [StateValues] { positionedCells.map { $0.cell.zeroState(batch: batch) } }

    /// What one pass over a sequence gives.
    public struct Pass {
        /// The top layer's output at each step.
        public var outputs: [Variable]
        /// Final state per cell (`index = layer * directions + direction`).
        public var finalStates: [CellState]
        /// Each step's probes: every cell's values (names suffixed `_l0`… when the stack is deep or bidirectional).
        public var probes: [[Probes.Entry]]
        /// The first layer's forward outputs h_t (for ‖∂L/∂h_t‖).
        public var firstLayerOutputs: [Variable]
    }

    /// Runs the sequence `inputs` (each `[batch, inputSize]`) from `initialStates`
    /// (zero when nil). Past its `lengths` entry a padded row's state stays as
    /// it was, so the backward direction starts at the row's own last word and
    /// final states are those of the last real step (PyTorch's packed
    /// sequences). A cell's mistake is thrown naming the cell.
    public func forward(_ inputs: [Variable], from initialStates: [CellState]?, probes: Bool,
                        lengths: [Int]?) throws(CellError) -> Pass {
        let steps = inputs.count
        guard let tape = inputs.first?.tape else { return Pass(outputs: [], finalStates: [], probes: [], firstLayerOutputs: []) }
        let batch = inputs[0].rows
        if let initialStates { try checkInitialStates(initialStates, batch: batch, on: tape) }
        let tagged = cells.count > 1 || directions > 1
        var perStep = [[Probes.Entry]](repeating: [], count: steps)
        var layerInput = inputs
        var finals: [CellState] = []
        var firstLayerOutputs: [Variable] = []
        for (k, layer) in cells.enumerated() {
            var directionOutputs: [[Variable]] = []
            for (dir, cell) in layer.enumerated() {
                let position = CellPosition(layer: k, direction: dir)
                var s = initialStates?[k * directions + dir] ?? cell.zeroState(batch: batch).onTape(tape)
                var outs = [Variable?](repeating: nil, count: steps)
                let order: [Int] = dir == 0 ? Array(0..<steps) : Array((0..<steps).reversed())
                for t in order {
                    var p = Probes(enabled: probes)
                    let (o, next) = cell.step(layerInput[t], state: s, probes: &p)
                    try check(tape, cell: cell, at: position, output: o, next: next, batch: batch)
                    if let lengths, lengths.contains(where: { $0 <= t }) {
                        let real = lengths.map { t < $0 }
                        s = s.map({ old, new in selectRows(real, new, old) }, over: next)
                    } else {
                        s = next
                    }
                    outs[t] = o
                    if probes { perStep[t] += p.entries.map { $0.at(position, suffixed: tagged) } }
                }
                finals.append(s)
                directionOutputs.append(outs.compactMap { $0 })
                if k == 0 && dir == 0 { firstLayerOutputs = directionOutputs[0] }
            }
            layerInput = directions == 1 ? directionOutputs[0]
                : (0..<steps).map { concatColumns(directionOutputs[0][$0], directionOutputs[1][$0]) }
        }
        return Pass(outputs: layerInput, finalStates: finals, probes: perStep, firstLayerOutputs: firstLayerOutputs)
    }

    /// After one step of `cell`: the tape's first mistake, or a step result
    /// that breaks the contract (an output or state of the wrong shape, a
    /// Variable from another tape), as an error naming the cell.
    private func check(_ tape: Tape, cell: any RecurrentCell, at position: CellPosition,
                       output: Variable, next: CellState, batch: Int) throws(CellError) {
        // Only built for a message: this runs after every step of every cell.
        var which: String { "the \(cellName) cell" + (cells.count > 1 ? " of layer \(position.layer)" : "") + (position.direction == 1 ? " (backward)" : "") }
        if let failure = tape.failure { throw CellError("\(which): \(failure)") }
        try tape.checkInterrupted()
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
