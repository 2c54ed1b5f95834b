import CellTesting
import Notebook
import RNNKit
import BuiltinPlugins
import Testing

/// A cell written the Flux way, `h = tanh(W · [x | h] + b)`: one weight over
/// the input and the state side by side (`concatColumns`), which the wide
/// sparse input of a letter-hash encoding used to crash.
final class ConcatCell: RecurrentCell {
    let inputSize: Int, outputSize: Int
    let weight: Parameter, bias: Parameter
    /// Makes the step's shapes wrong on purpose, as a plugin author might.
    let broken: Bool

    init(inputSize: Int, hiddenSize: Int, broken: Bool) {
        self.inputSize = inputSize
        outputSize = hiddenSize
        weight = Parameter("weight", rows: hiddenSize, cols: inputSize + hiddenSize)
        bias = Parameter("bias", count: hiddenSize)
        self.broken = broken
    }

    var parameters: [Parameter] { [weight, bias] }
    var stateLayout: StateLayout { StateLayout([(.h, outputSize)]) }

    func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let tape = x.tape
        // The broken version forgets the state in the concatenation: W no longer fits.
        let input = broken ? x : concatColumns(x, state[.h])
        let h = tanh(linear(input, tape.variable(for: weight), tape.variable(for: bias)))
        probes.record(.hidden, "h", "hidden", h)
        return (h, state.with(.h, h))
    }
}

/// A cell that keeps its last output in a property and adds it at the next
/// step: a Variable kept past its tape, which must not crash anything.
final class KeepingCell: RecurrentCell {
    let inputSize: Int, outputSize: Int
    let weight: Parameter
    var last: Variable?

    init(inputSize: Int, hiddenSize: Int) {
        self.inputSize = inputSize
        outputSize = hiddenSize
        weight = Parameter("weight", rows: hiddenSize, cols: inputSize)
    }

    var parameters: [Parameter] { [weight] }
    var stateLayout: StateLayout { StateLayout([(.h, outputSize)]) }

    func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        var h = tanh(linear(x, x.tape.variable(for: weight)) + state[.h])
        if let last { h = h + last }
        last = h
        probes.record(.hidden, "h", "hidden", h)
        return (h, state.with(.h, h))
    }
}

enum ConcatCellPlugin: RNNPlugin {
    static func register(in registry: inout Registry) {
        for broken in [false, true] {
            registry.register(cell: CellDescriptor(
                name: broken ? "brokencat" : "concat", summary: "W·[x|h]", details: "", options: [],
                make: { ConcatCell(inputSize: $0.inputSize, hiddenSize: $0.hiddenSize, broken: broken) }))
        }
        registry.register(cell: CellDescriptor(name: "keeping", summary: "keeps a Variable", details: "", options: [],
                                               make: { KeepingCell(inputSize: $0.inputSize, hiddenSize: $0.hiddenSize) }))
    }
}

@Suite struct PluginMistakeTests {
    func session() -> Session { Session(registry: Registry(plugins: allPlugins + [ConcatCellPlugin.self])) }

    @Test func aFluxStyleCellTrainsOnALetterHashEncodingAtBatch16() {
        let s = session()
        run(s, "seed 1", "data slots n=40", "encoding letter-hash", "net concat hidden=4 out=auto")
        let outcome = s.execute("train epochs=1 batch=16")
        #expect(outcome.error == nil, "\(outcome.output)")
        #expect(outcome.output.contains("done"))
        #expect(CellConformance(ConcatCellPlugin.self, cell: "concat").run().isEmpty)
    }

    @Test func aCellThatKeepsAVariableAcrossStepsIsAnErrorNotACrash() throws {
        let s = session()
        run(s, "seed 1", "data slots n=30", "net keeping hidden=3 out=auto")
        let weights = s.network?.namedParameters.map(\.parameter.value)
        for line in ["train epochs=1 batch=8", "eval"] {
            let message = try #require(s.execute(line).error?.message, "\(line) should fail")
            #expect(message.hasPrefix("the keeping cell: "), "\(line): \(message)")
        }
        #expect(s.network?.namedParameters.map(\.parameter.value) == weights)
    }

    @Test func aCellWithAShapeMistakeIsAnErrorNamingItAndTheSessionLives() throws {
        let s = session()
        run(s, "seed 1", "data slots n=40", "net concat hidden=4 out=auto")
        let weights = s.network?.namedParameters.map(\.parameter.value)
        let transcript = s.transcript.count
        // `net` tries one step, so the mistake is named before any training.
        let message = try #require(s.execute("net brokencat hidden=4 out=auto").error?.message)
        #expect(message.hasPrefix("the brokencat cell: matmul: a "), "\(message)")
        #expect(s.network?.config.cell == "concat")
        #expect(s.network?.namedParameters.map(\.parameter.value) == weights)
        #expect(s.transcript.count == transcript)
        // The conformance suite names the mistake too, without crashing.
        let failures = CellConformance(ConcatCellPlugin.self, cell: "brokencat").run()
        #expect(failures.first?.contains("matmul") == true, "\(failures)")
    }
}
