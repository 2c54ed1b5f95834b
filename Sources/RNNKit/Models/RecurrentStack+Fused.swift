/// The stack on the fused whole-sequence path: each layer and direction one
/// `FusedLayer.run` over every time step (see `Fused/FusedSequence.swift`).
extension RecurrentStack {
    /// Every cell's fused path, `[layer][direction]`, or nil when a cell has
    /// none (a plugin cell, an LSTM with peepholes): then the stack is stepped
    /// on the tape. Found once, at `init`; the weights' shapes are checked here
    /// at every use.
    public var fusedLayers: [[FusedLayer]]? {
        guard let fusedCandidates, fusedCandidates.allSatisfy({ $0.allSatisfy(\.isConsistent) }) else { return nil }
        return fusedCandidates
    }

    /// What `fusedLayers` offers, found by asking each cell for its fused path.
    static func fusedCandidates(_ cells: [[any RecurrentCell]]) -> [[FusedLayer]]? {
        var layers: [[FusedLayer]] = []
        for layer in cells {
            var fused: [FusedLayer] = []
            for cell in layer {
                guard let f = (cell as? any FusedSequenceCell)?.fusedLayer, f.isConsistent, cell.stateLayout == Self.fusedLayout(f) else { return nil }
                fused.append(f)
            }
            layers.append(fused)
        }
        return layers
    }

    /// The state layout a fused kernel reads and writes: `h`, and `c` for a memory cell.
    static func fusedLayout(_ f: FusedLayer) -> StateLayout {
        StateLayout(f.kernel.hasMemory ? [(.h, f.width), (.c, f.width)] : [(.h, f.width)])
    }

    /// Runs the stack over `steps` steps of `batch` rows, `input` stacked
    /// time-major (row `t·batch + b`), from `initialStates` (zero when nil).
    /// Returns the top layer's outputs `[steps·batch, outputWidth]` and the
    /// final state of every cell. `watch` receives ‖∂L/∂h_t‖ of the first
    /// layer's forward direction. Values and gradients equal `forward`'s.
    public func forwardFused(_ input: FusedInput, steps: Int, batch: Int, from initialStates: [CellState]?,
                             lengths: [Int]?, layers: [[FusedLayer]], on tape: Tape,
                             watch: StepGradientNorms? = nil) throws(CellError) -> (outputs: Variable, finalStates: [CellState]) {
        if let initialStates { try checkInitialStates(initialStates, batch: batch, on: tape) }
        var layerInput = input
        var finals: [CellState] = []
        var top: Variable? = nil
        for (k, layer) in layers.enumerated() {
            var outputs: [Variable] = []
            for (dir, fused) in layer.enumerated() {
                let index = k * directions + dir
                let layout = Self.fusedLayout(fused)
                let start = initialStates?[index] ?? layout.zeros(batch: batch).onTape(tape)
                let (y, h, c) = fused.run(layerInput, steps: steps, batch: batch, initial: (start[.h], layout.index(of: .c).map { _ in start[.c] }),
                                          lengths: lengths, reverse: dir == 1, on: tape, watch: k == 0 && dir == 0 ? watch : nil)
                if let failure = tape.failure {
                    throw CellError("the \(cellName) cell" + (cells.count > 1 ? " of layer \(k)" : "") + (dir == 1 ? " (backward)" : "") + ": \(failure)")
                }
                outputs.append(y)
                finals.append(CellState(layout, [h] + [c].compactMap { $0 }, on: tape))
            }
            let output = outputs.count == 1 ? outputs[0] : concatColumns(outputs, on: tape)
            top = output
            layerInput = .dense(output)
        }
        guard let top else { throw CellError("the net has no layers") }
        return (top, finals)
    }
}
