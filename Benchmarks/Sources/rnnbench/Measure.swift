import BuiltinPlugins
import Foundation
import RNNKit

enum BLASInfo {
    static var threads: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Seconds of one run of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The best of five 2048³ SGEMMs, in GFLOP/s: what this machine's BLAS does
/// at its best, measured in the same run as the workloads.
func sgemmPeak() -> Double {
    var rng = SeededGenerator(seed: 0)
    let n = 2048
    let a = Matrix(rows: n, cols: n, data: (0..<(n * n)).map { _ in Float(rng.uniform(-1, 1)) })
    let b = Matrix(rows: n, cols: n, data: (0..<(n * n)).map { _ in Float(rng.uniform(-1, 1)) })
    var c = Matrix(rows: n, cols: n)
    Matrix.gemm(a, b, into: &c)
    let best = (0..<5).map { _ in seconds { Matrix.gemm(a, b, into: &c) } }.min() ?? 1
    return 2 * Double(n * n * n) / best / 1e9
}

/// The median seconds of an epoch of `workload` (after one warm-up epoch),
/// trained as `train batch=B bptt=T opt=adam lr=0.001 clip=5` trains text.
func timeEpochs(_ workload: Workload, repeats: Int) throws -> Double {
    let registry = Registry(plugins: allPlugins)
    guard let cell = registry.cell(named: workload.cell), let adam = registry.optimizer(named: "adam") else {
        fatalError("rnnbench: the build has no \(workload.cell) cell or adam optimizer")
    }
    var rng = SeededGenerator(seed: 1)
    let config = NetworkConfig(cell: workload.cell, inputSize: workload.symbols, hiddenSize: workload.hidden, outputSize: workload.symbols,
                               layers: workload.layers, bidirectional: workload.bidirectional)
    let net = try Network(config: config, descriptor: cell)
    net.initialize(.pytorch, rng: &rng)
    // A random text long enough for `batches` chunks of `steps` on `batch` streams, next-character targets.
    let length = workload.batch * workload.steps * workload.batches + 1
    let symbols = (0..<length).map { _ in rng.index(below: workload.symbols) }
    let text = TrainingSequence(inputs: symbols.dropLast().map { SparseVector(dimension: workload.symbols, entries: [($0, 1)]) },
                                targets: Array(symbols.dropFirst()))
    let batches = streamBatches(text, streams: workload.batch, bptt: workload.steps, dimension: workload.symbols)
    let optimizer = try adam.make(try Options(parsing: [("lr", "0.001")], specs: adam.options))
    let trainer = Trainer(model: net, optimizer: optimizer,
                          options: TrainingOptions(epochs: 1, batchSize: workload.batch, bptt: workload.steps, clipping: .norm(5)))
    func epoch() throws {
        _ = try trainer.train(makeBatches: { batches }, layout: .streams, validation: [], isCancelled: { false },
                              progress: { _ in }, epochDone: { _ in })
    }
    try epoch()
    return median(try (0..<repeats).map { _ in try seconds(epoch) })
}

/// µs per step of `run` over 10,000 steps on the lecture's memory net
/// (`Sessions/lecture-memory.rnn`: `net elman in=2 hidden=2 out=2 act=linear
/// bias=off`, `set * = 1`): what `run` computes, probes included, printing excluded.
func lectureRunMicroseconds() throws -> Double {
    let registry = Registry(plugins: allPlugins)
    guard let cell = registry.cell(named: "elman") else { fatalError("rnnbench: no elman cell") }
    let options = try Options(parsing: [("act", "linear")], specs: cell.options)
    let net = try Network(config: NetworkConfig(cell: "elman", inputSize: 2, hiddenSize: 2, outputSize: 2, bias: false, cellOptions: options),
                          descriptor: cell)
    for (_, p) in net.namedParameters { for i in 0..<p.value.count { p.value.data[i] = 1 } }
    let inputs: [Matrix] = (0..<10_000).map { (t: Int) -> Matrix in Matrix(row: [Float(t % 3), Float(t % 2)]) }
    var memory = net.zeroMemory()
    _ = try net.run(Array(inputs.prefix(100)), memory: &memory)
    memory = net.zeroMemory()
    let elapsed = try seconds { _ = try net.run(inputs, memory: &memory) }
    return elapsed / 10_000 * 1e6
}

/// The process's peak resident set so far, in MB (Linux reports KB).
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
