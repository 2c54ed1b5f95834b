import Testing
import RNNKit
import CellTesting

extension RefTensor {
    /// The initial or final state of layer-and-direction `index`: slice `index`
    /// of a `[layers*D, B, H]` tensor, or the whole of a `[B, H]` one.
    func state(_ index: Int) -> Matrix { shape.count == 3 ? slice(index) : matrix }
}

/// A reference case run through `Network.forward` on a recording tape, with
/// the case's loss back-propagated.
struct ReferenceRun {
    let net: Network
    let tape: Tape
    let result: Network.SequenceResult
    let inputs: [Variable]
    /// Initial state per layer and direction (`index = layer * directions + direction`).
    let initial: [CellState]
    let loss: Variable

    /// Builds the network `net CELL in= hidden= [out=] [layers=] [bidirectional] OPTIONS`,
    /// loads the case's weights (`refName` maps a network parameter name to the
    /// file's, nil for a parameter the case does not have: it stays zero),
    /// feeds the case's input and initial states (slots `h`, `c`, `y` from
    /// `h0`, `c0`, `y0`), and back-propagates
    /// `sum(output ∘ R) + sum(h_T ∘ Rh) + sum(c_T ∘ Rc)` (terms the case has).
    init(_ ref: RefCase, descriptor: CellDescriptor, options: [(key: String, value: String?)] = [],
         refName: (String) -> String? = { $0 }) throws {
        let config = NetworkConfig(cell: descriptor.name, inputSize: ref.input_size, hiddenSize: ref.hidden_size,
                                   outputSize: ref.output_size, layers: ref.num_layers ?? 1,
                                   bidirectional: ref.bidirectional ?? false,
                                   cellOptions: try Options(parsing: options, specs: descriptor.options))
        net = try Network(config: config, descriptor: descriptor)
        for (name, p) in net.namedParameters {
            guard let source = refName(name) else { continue }
            p.value = try #require(ref.params[source], "reference has no \(source)").matrix
        }
        tape = Tape()
        let steps = ref.input.shape[0]
        inputs = (0..<steps).map { [tape, ref] in tape.constant(ref.input.slice($0), requiresGradient: true) }
        let sources = ["h": ref.h0, "c": ref.c0, "y": ref.y0]
        initial = try net.cells.flatMap { $0 }.enumerated().map { [tape] index, cell in
            let values = try cell.stateLayout.slots.map { slot in
                let t = try #require(sources[slot.slot.name] ?? nil, "reference has no initial \(slot.slot)")
                return tape.constant(t.state(index), requiresGradient: true)
            }
            return CellState(cell.stateLayout, values, on: tape)
        }
        result = try net.forward(inputs, from: initial)
        var terms = (0..<steps).map { [result, ref] in weightedSum(result.outputs[$0], ref.R.slice($0)) }
        for (index, final) in result.finalStates.enumerated() {
            if let rh = ref.Rh, let h = final.declared(.h) { terms.append(weightedSum(h, rh.state(index))) }
            if let rc = ref.Rc, let c = final.declared(.c) { terms.append(weightedSum(c, rc.state(index))) }
        }
        loss = sum(terms, on: tape)
        tape.backward(from: loss)
    }

    /// Checks outputs, final states and loss (1e-5 relative) and the gradients
    /// of every parameter, the input and the initial states (1e-4 relative)
    /// against the case. `gradName` maps a network parameter name to the file's.
    ///
    /// Values are compared as `|a - b| / (|b| + floor)`: floor 1e-3 for
    /// gradients, 1e-2 for outputs and states, whose gates sum O(1) terms, so
    /// a value near zero carries Float32 cancellation error of a few 1e-8
    /// (e.g. -0.0012947 off by 2.3e-8 in `lstm`), which is 1e-5 of 1e-3.
    func expectMatches(_ ref: RefCase, gradName: (String) -> String? = { $0 }) throws {
        for t in 0..<inputs.count {
            #expect(relativeError(result.outputs[t].value, ref.output.slice(t), floor: valueFloor) < 1e-5, "output at t=\(t)")
        }
        for (index, final) in result.finalStates.enumerated() {
            if let hT = ref.h_T, let h = final.declared(.h) { #expect(relativeError(h.value, hT.state(index), floor: valueFloor) < 1e-5, "h_T[\(index)]") }
            if let cT = ref.c_T, let c = final.declared(.c) { #expect(relativeError(c.value, cT.state(index), floor: valueFloor) < 1e-5, "c_T[\(index)]") }
        }
        #expect(abs(Double(loss.value.data[0]) - ref.loss) / max(abs(ref.loss), 1e-3) < 1e-5, "loss")
        for (name, p) in net.namedParameters {
            guard let source = gradName(name) else { continue }
            let g = try #require(tape.gradient(of: p), "no gradient for \(name)")
            #expect(relativeError(g, try #require(ref.grads[source]).matrix) < 1e-4, "gradient of \(name)")
        }
        let dInput = Matrix(rows: ref.input.data.count / ref.input_size, cols: ref.input_size,
                            data: inputs.flatMap { tape.gradient($0)?.data ?? [] })
        #expect(relativeError(dInput, try #require(ref.grads["input"]).matrix) < 1e-4, "gradient of input")
        for (index, s) in initial.enumerated() {
            for (layoutSlot, v) in zip(s.layout.slots, s.values) {
                let slot = layoutSlot.slot
                let expected = try #require(ref.grads["\(slot)0"], "reference has no gradient of \(slot)0")
                let g = try #require(tape.gradient(v), "no gradient for \(slot)0[\(index)]")
                #expect(relativeError(g, expected.state(index)) < 1e-4, "gradient of \(slot)0[\(index)]")
            }
        }
    }
}

/// The floor of the relative error of forward values (see `expectMatches`).
let valueFloor = 1e-2

/// The descriptor of `cell` from `plugin`.
func descriptor(_ plugin: any RNNPlugin.Type, _ cell: String) throws -> CellDescriptor {
    try #require(Registry(plugins: [plugin]).cell(named: cell))
}
