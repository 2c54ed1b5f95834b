import Foundation
import RNNKit

/// `run` on an encoder–decoder: the encoder reads the inputs, then the
/// decoder writes greedily (from `<s>`, index 1, until `</s>`, index 0, as
/// `TokenVocabulary` numbers them), and every step shows both halves' probes:
/// `enc.h`, `enc.z`, … while the encoder reads, `dec.h`, … and the output
/// probabilities `y` while the decoder writes (the idle half's values shown
/// as zeros), so the table and `plot hidden`/`plot gates` run over both.
extension EncoderDecoder: Steppable {
    public var readsWholeSequence: Bool { true }

    /// An encoder–decoder keeps nothing between runs: each source starts afresh.
    public func zeroMemory() -> NetworkMemory { .empty }

    public func run(_ inputs: [Matrix], memory: inout NetworkMemory) throws(CellError) -> [[Probes.Entry]] {
        guard !inputs.isEmpty else { return [] }
        guard outputWidth > max(TokenVocabulary.start, TokenVocabulary.end) else {
            throw CellError("the decoder writes \(outputWidth) class\(outputWidth == 1 ? "" : "es"), too few for </s> and <s> (classes 0 and 1): build it with out=auto after `data …`")
        }
        let frozen = try freeze(probes: true) { tape in inputs.map { tape.constant($0) } }
        var states = frozen.initialStates
        var previous = TokenVocabulary.start
        var written: [(input: Matrix, probes: [Probes.Entry], output: Matrix)] = []
        for _ in 0..<min(2 * inputs.count + 10, 2000) {
            var x = Matrix(rows: 1, cols: outputWidth)
            x[0, previous] = 1
            let step = try inferenceStep(previous, states: states, source: frozen)
            states = step.states
            written.append((x, step.probes, Matrix(row: logSoftmax(step.logits).map { Float(Foundation.exp($0)) })))
            previous = argmax(step.logits)
            if previous == TokenVocabulary.end { break }
        }
        let encoderShape = (frozen.probes.first ?? []).map { renamed($0, "enc.", zeroed: true) }
        let decoderShape = (written.first?.probes ?? []).map { renamed($0, "dec.", zeroed: true) }
        let idleOutput = Probes.Entry(.output, name: "y", label: "output", value: Matrix(rows: 1, cols: outputWidth))
        let reading = zip(inputs, frozen.probes).map { x, probes in
            [Probes.Entry(.input, name: "x", label: "input", value: x)] + probes.map { renamed($0, "enc.") } + decoderShape + [idleOutput]
        }
        let writing = written.map { step in
            [Probes.Entry(.input, name: "x", label: "input (fed back)", value: step.input)] + encoderShape
                + step.probes.map { renamed($0, "dec.") } + [Probes.Entry(.output, name: "y", label: "output", value: step.output)]
        }
        memory = NetworkMemory(states: [], time: memory.time + inputs.count + written.count)
        return reading + writing
    }

    /// `entry` named `prefix + name`, with its value (or zeros of its shape: the idle half).
    private func renamed(_ entry: Probes.Entry, _ prefix: String, zeroed: Bool = false) -> Probes.Entry {
        let shown = zeroed ? Matrix(rows: entry.value.rows, cols: entry.value.cols) : entry.value
        return Probes.Entry(entry.kind, name: prefix + entry.name, label: (prefix == "enc." ? "encoder " : "decoder ") + entry.label, value: shown)
    }
}
