import BuiltinPlugins
import Foundation
import RNNKit

// Measures the machine's SGEMM peak, then training (forward + backward
// through time) and inference throughput of each cell in tokens/s and
// GFLOP/s, so the cells' speed reads against what the hardware can do.

/// Seconds for the fastest of `repeats` runs of `body`.
func fastest(_ repeats: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

func randomMatrix(_ rows: Int, _ cols: Int, _ rng: inout SeededGenerator) -> Matrix {
    Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in Float(rng.uniform(-1, 1)) })
}

var rng = SeededGenerator(seed: 0)

// 1. SGEMM peak: square products large enough to be compute-bound.
let n = 1024
let a = randomMatrix(n, n, &rng), b = randomMatrix(n, n, &rng)
var c = Matrix(rows: n, cols: n)
let gemmSeconds = fastest(5) { Matrix.gemm(a, b, into: &c) }
let peak = 2 * Double(n * n * n) / gemmSeconds / 1e9
print("SGEMM \(n)x\(n)x\(n) (OpenBLAS): \(String(format: "%.1f", peak)) GFLOP/s peak")
print("")

/// GEMM flops per token of one cell's step: two per element of each weight
/// matrix it declares (gates × H × (in + H) multiply-adds for stacked gates);
/// vectors (biases, peepholes) are elementwise work, not counted.
func flopsPerToken(_ cell: any RecurrentCell) -> Double {
    2 * Double(cell.parameters.filter { !$0.isVector }.reduce(0) { $0 + $1.elementCount })
}

let registry = Registry(plugins: allPlugins)
let batch = 32, steps = 35, width = 256
print("cell    batch×steps  in=hidden  train tok/s  train GFLOP/s  %peak   infer tok/s (batch 1)")
for cell in ["elman", "gru", "lstm"] {
    guard let descriptor = registry.cell(named: cell) else { continue }
    let net = try Network(config: NetworkConfig(cell: cell, inputSize: width, hiddenSize: width), descriptor: descriptor)
    net.initialize(.pytorch, rng: &rng)
    let inputs = (0..<steps).map { _ in randomMatrix(batch, width, &rng) }
    let weights = randomMatrix(batch, width, &rng)
    let trainSeconds = fastest(3) {
        let tape = Tape()
        guard let result = try? net.forward(inputs.map { tape.constant($0) }) else { fatalError("the benchmark's net failed") }
        tape.backward(from: sum(result.outputs.map { weightedSum($0, weights) }, on: tape))
    }
    let tokens = Double(batch * steps)
    // Forward is one multiply per weight per token; backward two more.
    let trainFlops = 3 * flopsPerToken(net.cells[0][0]) * tokens
    let single = (0..<steps).map { _ in randomMatrix(1, width, &rng) }
    let inferSeconds = fastest(3) { var memory = net.zeroMemory(); _ = try? net.run(single, memory: &memory) }
    let gflops = trainFlops / trainSeconds / 1e9
    print(cell.padding(toLength: 7, withPad: " ", startingAt: 0)
          + String(format: " %5d×%-5d  %9d  %11.0f  %13.2f  %5.1f%%  %11.0f",
                   batch, steps, width, tokens / trainSeconds, gflops, 100 * gflops / peak, Double(steps) / inferSeconds))
}
