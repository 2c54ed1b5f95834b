/// One benchmark workload, as a PyTorch user would write it and as `train`
/// runs it: a text of `symbols` distinct characters encoded one-hot, one
/// recurrent layer of `hidden` units, a linear output layer, cross-entropy at
/// every step, Adam (lr 0.001) with `clip_grad_norm_(…, 5)`, truncated BPTT
/// over `steps` steps of `batch` parallel streams, float32.
/// `Benchmarks/pytorch/bench.py` defines the same list.
struct Workload: Sendable {
    let name: String
    let cell: String
    let symbols: Int
    let hidden: Int
    let steps: Int
    let batch: Int
    /// Batches per timed epoch.
    let batches: Int
    /// Stacked recurrent layers, and whether each reads both ways.
    var layers = 1
    var bidirectional = false

    /// Dense-equivalent GEMM FLOPs per token of one training step, the count
    /// PyTorch does: forward `2·G·H·(V+H)` for the recurrent layer (G gate
    /// blocks) plus `2·H·V` for the output layer; backward twice that.
    /// Stacked layers read their input from the layer below (`directions·H` wide).
    var flopsPerToken: Double {
        let gates = ["lstm": 4, "gru": 3, "elman": 1][cell] ?? 1
        let directions = bidirectional ? 2 : 1
        let recurrent = (0..<layers).reduce(0.0) { sum, k in
            let input = k == 0 ? symbols : directions * hidden
            return sum + Double(directions) * 2.0 * Double(gates * hidden * (input + hidden))
        }
        return 3 * (recurrent + 2.0 * Double(directions * hidden * symbols))
    }

    /// The workloads.
    static let standard: [Workload] = [
        Workload(name: "char-lstm", cell: "lstm", symbols: 65, hidden: 256, steps: 64, batch: 32, batches: 12),
        Workload(name: "char-gru", cell: "gru", symbols: 65, hidden: 256, steps: 64, batch: 32, batches: 12),
        Workload(name: "big-lstm", cell: "lstm", symbols: 65, hidden: 512, steps: 64, batch: 64, batches: 4),
        Workload(name: "tiny-rnn", cell: "elman", symbols: 10, hidden: 8, steps: 10, batch: 1, batches: 4000),
        Workload(name: "lstm-128", cell: "lstm", symbols: 65, hidden: 128, steps: 32, batch: 16, batches: 60),
    ]

    /// Shapes the issue does not list: stacked, bidirectional, and the Elman cell, on the char workload.
    static let shapes: [Workload] = [
        Workload(name: "char-lstm-2layer", cell: "lstm", symbols: 65, hidden: 256, steps: 64, batch: 32, batches: 6, layers: 2),
        Workload(name: "char-lstm-bidir", cell: "lstm", symbols: 65, hidden: 256, steps: 64, batch: 32, batches: 6, bidirectional: true),
        Workload(name: "char-gru-2layer", cell: "gru", symbols: 65, hidden: 256, steps: 64, batch: 32, batches: 6, layers: 2),
        Workload(name: "char-elman", cell: "elman", symbols: 65, hidden: 256, steps: 64, batch: 32, batches: 24),
    ]

    /// Cost per token against sequence length (T 16…1024) on the char LSTM.
    static let lengths: [Workload] = [16, 64, 256, 1024].map {
        Workload(name: "char-lstm-T\($0)", cell: "lstm", symbols: 65, hidden: 256, steps: $0, batch: 32, batches: max(1, 768 / $0))
    }

    /// Tokens/s against width (hidden 32…1024) on the char LSTM's shape.
    static let widths: [Workload] = [32, 64, 128, 256, 512, 1024].map {
        Workload(name: "char-lstm-H\($0)", cell: "lstm", symbols: 65, hidden: $0, steps: 64, batch: 32, batches: max(2, 8192 / $0 / 4))
    }
}
