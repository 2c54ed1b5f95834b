import Testing
import Notebook
import RNNKit
import BuiltinPlugins

/// A cell with six gate blocks stacked in one weight, more than any built-in
/// cell has: the size guard must count them from the cell itself.
private final class SixGateCell: RecurrentCell {
    let inputSize: Int, outputSize: Int
    let weight: Parameter, bias: Parameter

    init(_ config: CellConfig) {
        inputSize = config.inputSize
        outputSize = config.hiddenSize
        weight = Parameter("weight_ih", rows: 6 * config.hiddenSize, cols: config.inputSize)
        bias = Parameter("bias", count: 6 * config.hiddenSize)
    }

    var parameters: [Parameter] { [weight, bias] }
    var stateLayout: StateLayout { .none }
    var gateNames: [String] { ["a", "b", "c", "d", "e", "f"] }

    func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let gates = linear(x, x.tape.variable(for: weight))
        return (tanh(columns(gates, 0..<outputSize)), state)
    }
}

private enum SixGatePlugin: RNNPlugin {
    static func register(in registry: inout Registry) {
        registry.register(cell: CellDescriptor(name: "sixgate", summary: "six gate blocks", details: "", options: [],
                                               make: { SixGateCell($0) }))
    }
}

@Test func theSizeGuardCountsEveryGateBlockACellDeclares() {
    let s = Session(registry: Registry(plugins: allPlugins + [SixGatePlugin.self]))
    // 6 × 2100 × 4200 + 6 × 2100 = 52,932,600 parameters; four gate blocks would be 35.3 million.
    let refused = s.execute("net sixgate in=4200 hidden=2100")
    #expect(refused.error?.message == "this net would need 52932600 parameters, over the limit of 50000000: make it smaller")
    #expect(s.network == nil)
    run(s, "net sixgate in=20 hidden=10")
    #expect(s.network?.parameterCount == 6 * 10 * 20 + 60)
}

@Test func theSizeGuardRefusesAHugeDeepNet() {
    let s = makeSession()
    let refused = s.execute("net lstm in=1000000 hidden=100000 layers=64 bidirectional out=1000000")
    #expect(refused.error?.message.contains("over the limit of 50000000") == true)
}

@Test func theSizeGuardCountsTheCRFTable() {
    let s = makeSession()
    // A CRF over 8000 tags holds 8000² transition scores: 64 million numbers with the net's.
    let refused = s.execute("net elman in=2 hidden=2 out=8000 crf")
    #expect(refused.error?.message == "this net would need 64040012 parameters, over the limit of 50000000: make it smaller")
    #expect(s.network == nil)
    #expect(s.execute("net elman in=2 hidden=2 out=1000000 crf").error != nil)
    run(s, "net elman in=2 hidden=2 out=5 crf")
    #expect(s.network?.parameterCount == (2 * 2 + 2 * 2 + 2 + 2) + (5 * 2 + 5) + (25 + 10))
}
