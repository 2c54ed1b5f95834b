import Testing
import RNNKit
import CellTesting
import ElmanCell

/// Runs a one-layer network built from a reference case, with the case's
/// weights, input and initial state, and the reference loss
/// `sum(output ∘ R) + sum(h_T ∘ Rh)`; returns the tape pieces to compare.
private func runReference(_ ref: RefCase, act: String) throws -> (Network, Tape, Network.SequenceResult, [Variable], Variable, Variable) {
    let registry = Registry(plugins: [ElmanPlugin.self])
    let descriptor = try #require(registry.cell(named: "elman"))
    let options = try Options(parsing: [("act", act)], specs: descriptor.options)
    let net = try Network(config: NetworkConfig(cell: "elman", inputSize: ref.input_size, hiddenSize: ref.hidden_size,
                                                cellOptions: options), descriptor: descriptor)
    for (name, p) in net.namedParameters { p.value = try #require(ref.params[name]).matrix }
    let tape = Tape()
    let steps = ref.input.shape[0]
    let xs = (0..<steps).map { tape.constant(ref.input.slice($0), requiresGradient: true) }
    let h0 = tape.constant(try #require(ref.h0).slice(0), requiresGradient: true)
    let result = try net.forward(xs, from: [CellState(StateLayout([(.h, ref.hidden_size)]), [h0], on: tape)])
    var terms = (0..<steps).map { weightedSum(result.outputs[$0], ref.R.slice($0)) }
    terms.append(weightedSum(try #require(result.finalStates[0].declared(.h)), try #require(ref.Rh).slice(0)))
    let loss = sum(terms, on: tape)
    tape.backward(from: loss)
    return (net, tape, result, xs, h0, loss)
}

@Test(arguments: [("rnn_tanh", "tanh"), ("rnn_relu", "relu")])
func elmanMatchesPyTorch(name: String, act: String) throws {
    let ref = try RefCase.load(name)
    let (net, tape, result, xs, h0, loss) = try runReference(ref, act: act)
    for t in 0..<xs.count {
        #expect(relativeError(result.outputs[t].value, ref.output.slice(t)) < 1e-5, "output at t=\(t)")
    }
    #expect(abs(Double(loss.value.data[0]) - ref.loss) / abs(ref.loss) < 1e-5)
    for (name, p) in net.namedParameters {
        let g = try #require(tape.gradient(of: p), "no gradient for \(name)")
        #expect(relativeError(g, try #require(ref.grads[name]).matrix) < 1e-4, "gradient of \(name)")
    }
    let dInput = Matrix(rows: xs.count * 2, cols: ref.input_size,
                        data: xs.flatMap { tape.gradient($0)?.data ?? [] })
    #expect(relativeError(dInput, try #require(ref.grads["input"]).matrix) < 1e-4, "gradient of input")
    #expect(relativeError(try #require(tape.gradient(h0)), try #require(ref.grads["h0"]).matrix) < 1e-4, "gradient of h0")
}
