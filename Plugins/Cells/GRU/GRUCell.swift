import RNNKit

/// Gated recurrent unit, as PyTorch's `nn.GRU` (gate rows `r, z, n`):
///
///     r = σ(W_ir x + b_ir + W_hr h(t-1) + b_hr)      reset gate
///     z = σ(W_iz x + b_iz + W_hz h(t-1) + b_hz)      update gate
///     n = tanh(W_in x + b_in + r ∘ (W_hn h(t-1) + b_hn))   reset after (PyTorch)
///     n = tanh(W_in x + b_in + W_hn (r ∘ h(t-1)) + b_hn)   reset before (Cho et al. 2014)
///     h(t) = (1 - z) ∘ n + z ∘ h(t-1)
public final class GRUCell: RecurrentCell {
    /// Where the reset gate acts on the recurrent term of the candidate.
    public enum Reset: String, CaseIterable, Sendable {
        /// `r ∘ (W_hn h + b_hn)`: PyTorch, cuDNN.
        case after
        /// `W_hn (r ∘ h) + b_hn`: the original paper.
        case before
    }

    public let inputSize: Int
    public let outputSize: Int
    public let reset: Reset
    public let weightIH: Parameter
    public let weightHH: Parameter
    public let biasIH: Parameter?
    public let biasHH: Parameter?
    /// Added to the update-gate (z) slice of `bias_ih` by `initialize`: a
    /// positive value makes the unit keep its old state by default, as an
    /// LSTM's `forget_bias` does.
    public let updateBias: Float

    public init(inputSize: Int, hiddenSize: Int, reset: Reset, updateBias: Float = 0, bias: Bool) {
        self.inputSize = inputSize
        self.outputSize = hiddenSize
        self.reset = reset
        self.updateBias = updateBias
        weightIH = Parameter("weight_ih", rows: 3 * hiddenSize, cols: inputSize)
        weightHH = Parameter("weight_hh", rows: 3 * hiddenSize, cols: hiddenSize)
        biasIH = bias ? Parameter("bias_ih", count: 3 * hiddenSize) : nil
        biasHH = bias ? Parameter("bias_hh", count: 3 * hiddenSize) : nil
    }

    public var parameters: [Parameter] { [weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 } }
    public var stateLayout: StateLayout { StateLayout([(.h, outputSize)]) }
    /// Rows of weight_ih, weight_hh, bias_ih and bias_hh, in PyTorch's order.
    public var gateNames: [String] { ["r", "z", "n"] }
    /// `nn.GRU` applies the reset gate after the recurrent product (`update_bias` only changes the initial values).
    public var pytorchModule: String? { reset == .after ? "torch.nn.GRU" : nil }

    public var summary: String {
        var parts = reset == .after ? [] : ["reset=before"]
        if updateBias != 0 { parts.append("update_bias=\(Double(updateBias).formatted)") }
        return parts.joined(separator: ", ")
    }

    /// The scheme on every parameter, then `updateBias` to the update-gate rows of `bias_ih`.
    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) {
        for p in parameters { scheme.apply(to: p, hiddenSize: initializationFan, rng: &rng) }
        guard let b = biasIH, updateBias != 0 else { return }
        for k in outputSize..<(2 * outputSize) { b.value.data[k] += updateBias }
    }

    public func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState) {
        let tape = x.tape
        let hPrev = state[.h]
        let H = outputSize
        let wHH = tape.variable(for: weightHH)
        let bHH = biasHH.map { tape.variable(for: $0) }
        let gi = chunk(linear(x, tape.variable(for: weightIH), biasIH.map { tape.variable(for: $0) }), 3)
        let n: Variable, r: Variable, z: Variable
        switch reset {
        case .after:
            let gh = chunk(linear(hPrev, wHH, bHH), 3)
            r = sigmoid(gi[0] + gh[0])
            z = sigmoid(gi[1] + gh[1])
            n = tanh(gi[2] + r * gh[2])
        case .before:
            let rz = linear(hPrev, rows(wHH, 0..<(2 * H)), bHH.map { columns($0, 0..<(2 * H)) })
            r = sigmoid(gi[0] + columns(rz, 0..<H))
            z = sigmoid(gi[1] + columns(rz, H..<(2 * H)))
            n = tanh(gi[2] + linear(r * hPrev, rows(wHH, (2 * H)..<(3 * H)), bHH.map { columns($0, (2 * H)..<(3 * H)) }))
        }
        let h = oneMinus(z) * n + z * hPrev
        probes.record(.gate, "r", "reset gate", r)
        probes.record(.gate, "z", "update gate", z)
        probes.record(.candidate, "n", "candidate", n)
        probes.record(.hidden, "h", "hidden", h)
        return (h, state.with(.h, h))
    }
}

/// Rows `range` of `a` (a block of a stacked weight matrix).
func rows(_ a: Variable, _ range: Range<Int>) -> Variable {
    let av = a.value
    let slice = Matrix(rows: range.count, cols: av.cols,
                       data: Array(av.data[(range.lowerBound * av.cols)..<(range.upperBound * av.cols)]))
    return a.tape.record(slice, inputs: [a]) { tape, g in
        var full = Matrix(rows: av.rows, cols: av.cols)
        full.data.replaceSubrange((range.lowerBound * av.cols)..<(range.upperBound * av.cols), with: g.data)
        tape.accumulate(a, full)
    }
}
