import Testing
import RNNKit
import CellTesting
import BuiltinPlugins

// `NetworkConfig.parameterCount` works a net's size out from cells built at
// tiny sizes; it must agree with the network built, for every cell.

@Test(arguments: Registry(plugins: allPlugins).cells.map(\.name))
func theCountBeforeBuildingIsTheCountBuilt(cell: String) throws {
    let d = try #require(Registry(plugins: allPlugins).cell(named: cell))
    for (out, layers, bidirectional, bias) in [(5, 3, true, false), (7, 1, false, true), (3, 2, false, true)] {
        let config = NetworkConfig(cell: cell, inputSize: 37, hiddenSize: 23, outputSize: out, layers: layers,
                                   bidirectional: bidirectional, bias: bias)
        let sizes = try #require(config.cellSizes(d), "\(cell)")
        let built = try Network(config: config, descriptor: d)
        #expect(config.parameterCount(sizes) == built.parameterCount, "\(cell) out=\(out) layers=\(layers)")
        #expect(d.parameterCount(for: CellConfig(inputSize: 37, hiddenSize: 23, outputSize: out, bias: bias))
                == built.cells[0][0].parameters.reduce(0) { $0 + $1.elementCount })
    }
}

/// A cell whose parameter is `hidden²` wide: its size cannot be learnt from
/// lines, and the conformance suite says so.
private final class SquareCell: RecurrentCell {
    let inputSize: Int, outputSize: Int
    let weight: Parameter

    init(_ config: CellConfig) {
        inputSize = config.inputSize
        outputSize = config.hiddenSize
        weight = Parameter("weight_ih", rows: config.hiddenSize * config.hiddenSize, cols: config.inputSize)
    }

    var parameters: [Parameter] { [weight] }
    var stateLayout: StateLayout { .none }

    func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let h = tanh(columns(linear(x, x.tape.variable(for: weight)), 0..<outputSize))
        probes.record(.hidden, "h", "hidden", h)
        return (h, state)
    }
}

@Test func aCellWhoseSizeIsNotLinearFailsConformance() {
    let d = CellDescriptor(name: "square", summary: "", details: "", options: [], make: { SquareCell($0) })
    #expect(NetworkConfig(cell: "square", inputSize: 3, hiddenSize: 3).cellSizes(d) == nil)
    let failures = CellConformance(d).run()
    #expect(failures.contains { $0.contains("the parameter count cannot be worked out") }, "\(failures)")
}
