import RNNKit

/// Holds a network's fused whole-sequence path to its tape path: the outputs,
/// the final states, and the gradients of every parameter, of the input and
/// of every initial state must agree to float rounding, with padded rows and
/// both directions. Any cell that offers a `FusedLayer` gets this check.
///
/// The loss is `Σ sum(outputs ∘ R) + Σ sum(final ∘ R_s)` with fixed
/// standard-normal weights, so every gradient is non-trivial; the input is
/// dense (so its gradient is checked too) and random, as are the initial states.
public struct FusedPathCheck {
    /// Largest `relativeError` allowed between the two paths (floor: 1% of the
    /// tensor's largest element, at least 1e-3): float32 rounding in another order.
    public static let tolerance = 2e-4

    let net: Network
    let steps: Int
    let batch: Int
    let lengths: [Int]?
    var xs: [Matrix]
    var initial: [StateValues]
    let outputWeights: [Matrix]
    let stateWeights: [StateValues]

    /// A check of `network` over `steps` steps of `batch` rows; `lengths` pads rows shorter than `steps`.
    public init(network: Network, steps: Int = 5, batch: Int = 3, lengths: [Int]? = nil, seed: UInt64 = 7) {
        net = network
        self.steps = steps
        self.batch = batch
        self.lengths = lengths
        var rng = SeededGenerator(seed: seed)
        let cells = network.cells.flatMap { $0 }
        xs = (0..<steps).map { _ in randomMatrix(rows: batch, cols: network.config.inputSize, rng: &rng) }
        initial = cells.map { $0.zeroState(batch: batch).mapValues { randomMatrix(rows: $0.rows, cols: $0.cols, rng: &rng) } }
        outputWeights = (0..<steps).map { _ in randomMatrix(rows: batch, cols: network.stack.outputWidth, rng: &rng) }
        stateWeights = cells.map { $0.zeroState(batch: batch).mapValues { randomMatrix(rows: $0.rows, cols: $0.cols, rng: &rng) } }
    }

    /// What one path computed: values, then gradients, by name.
    struct Pass {
        var values: [(String, Matrix)] = []
        var gradients: [(String, Matrix)] = []
    }

    /// Runs both paths; one message per tensor that differs (empty when they agree).
    public func run() -> [String] {
        guard let layers = net.stack.fusedLayers else { return ["the network has no fused path (a cell without a FusedLayer)"] }
        let tape: Pass, fused: Pass
        do throws(CellError) {
            tape = try tapePass()
            fused = try fusedPass(layers)
        } catch { return ["forward: \(error.message)"] }
        var failures: [String] = []
        for ((name, a), (_, b)) in zip(fused.values + fused.gradients, tape.values + tape.gradients) {
            // Elements far below the tensor's largest are compared absolutely (a sum over steps·batch rows in another order).
            let floor = max(1e-3, 1e-2 * Double(b.data.map(abs).max() ?? 0))
            let error = relativeError(a, b, floor: floor)
            if !(error <= Self.tolerance) { failures.append("\(name): fused path differs from the tape path by \(error)") }
        }
        return failures
    }

    private func loss(outputs: [Variable], finals: [CellState], on tape: Tape) -> Variable {
        var terms = zip(outputs, outputWeights).map { weightedSum($0, $1) }
        for (s, w) in zip(finals, stateWeights) {
            for (v, r) in zip(s.values, w.values) { terms.append(weightedSum(v, r)) }
        }
        return sum(terms, on: tape)
    }

    private func collect(_ tape: Tape, outputs: [Matrix], finals: [CellState], inputs: [Matrix?], states: [CellState]) -> Pass {
        var pass = Pass()
        for (t, y) in outputs.enumerated() { pass.values.append(("output[t=\(t)]", y)) }
        for (k, s) in finals.enumerated() { for (slot, v) in zip(s.layout.slots, s.values) { pass.values.append(("final[\(k)].\(slot.slot)", v.value)) } }
        for (name, p) in net.stack.namedParameters {
            pass.gradients.append(("∂/∂\(name)", tape.gradient(of: p) ?? Matrix(rows: p.value.rows, cols: p.value.cols)))
        }
        for (t, g) in inputs.enumerated() { pass.gradients.append(("∂/∂input[t=\(t)]", g ?? Matrix(rows: batch, cols: xs[t].cols))) }
        for (k, s) in states.enumerated() {
            for (slot, v) in zip(s.layout.slots, s.values) {
                pass.gradients.append(("∂/∂initial[\(k)].\(slot.slot)", tape.gradient(v) ?? Matrix(rows: batch, cols: slot.width)))
            }
        }
        return pass
    }

    private func tapePass() throws(CellError) -> Pass {
        let tape = Tape()
        let x = xs.map { tape.constant($0, requiresGradient: true) }
        let states = initial.map { $0.onTape(tape, requiresGradient: true) }
        let pass = try net.stack.forward(x, from: states, probes: false, lengths: lengths)
        tape.backward(from: loss(outputs: pass.outputs, finals: pass.finalStates, on: tape))
        return collect(tape, outputs: pass.outputs.map(\.value), finals: pass.finalStates, inputs: x.map { tape.gradient($0) }, states: states)
    }

    private func fusedPass(_ layers: [[FusedLayer]]) throws(CellError) -> Pass {
        let tape = Tape()
        let stacked = Matrix(rows: steps * batch, cols: net.config.inputSize, data: xs.flatMap(\.data))
        let x = tape.constant(stacked, requiresGradient: true)
        let states = initial.map { $0.onTape(tape, requiresGradient: true) }
        let pass = try net.stack.forwardFused(.dense(x), steps: steps, batch: batch, from: states, lengths: lengths, layers: layers, on: tape)
        let perStep = (0..<steps).map { t in rowSlice(pass.outputs, (t * batch)..<((t + 1) * batch)) }
        tape.backward(from: loss(outputs: perStep, finals: pass.finalStates, on: tape))
        let dx = tape.gradient(x)
        let inputs: [Matrix?] = (0..<steps).map { t in
            dx.map { Matrix(rows: batch, cols: $0.cols, data: Array($0.data[(t * batch * $0.cols)..<((t + 1) * batch * $0.cols)])) }
        }
        return collect(tape, outputs: perStep.map(\.value), finals: pass.finalStates, inputs: inputs, states: states)
    }
}
