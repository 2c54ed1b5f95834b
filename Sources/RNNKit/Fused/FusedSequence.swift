import Dispatch

/// The input of a fused layer: every time step's rows stacked time-major
/// (row `t·batch + b`), either the encoded words of the first layer or the
/// layer below's outputs on the tape.
public enum FusedInput {
    /// Sparse encoded words: the input projection gathers weight columns; no input gradient.
    case sparse([SparseVector])
    /// A dense `[steps·batch, width]` variable (gradients flow to it).
    case dense(Variable)
}

/// Collects ‖∂L/∂h_t‖ per time step from a fused layer's backward pass (what
/// `train` reports as vanishing or exploding gradients).
public final class StepGradientNorms: @unchecked Sendable {
    public internal(set) var norms: [Double] = []
    public init() {}
}

/// Gradients the final-state nodes receive, read by the layer's backward.
private final class FinalStateGradients {
    var h: Matrix?
    var c: Matrix?
}

/// Rows per half below which a batch is not split across two threads.
private let minimumRowsPerThread = 8
/// Multiply-adds per step below which one thread does the whole batch.
private let minimumStepWorkForThreads = 1 << 17

extension FusedLayer {
    /// Runs the layer over a whole sequence on `tape`, as one node: the
    /// outputs `[steps·batch, H]` (time-major) and the final state, each a
    /// Variable gradients flow through. `initial` holds `h` (and `c`) as
    /// Variables `[batch, H]`. Past its `lengths` entry a row's state stays
    /// as it was (as `RecurrentStack.forward` does); `reverse` runs from the
    /// last step to the first. `watch` receives ‖∂L/∂h_t‖ per step when the
    /// tape is differentiated.
    ///
    /// Equal to stepping the cell on the tape, values and gradients, to float
    /// rounding (`CellTesting.FusedPathCheck` holds every cell to it).
    public func run(_ input: FusedInput, steps: Int, batch: Int, initial: (h: Variable, c: Variable?), lengths: [Int]?,
                    reverse: Bool, on tape: Tape, watch: StepGradientNorms? = nil) -> (outputs: Variable, h: Variable, c: Variable?) {
        let H = width, memory = kernel.hasMemory
        let rowsTotal = steps * batch
        let wIH = tape.variable(for: weightIH), wHH = tape.variable(for: weightHH)
        let bIH = biasIH.map { tape.variable(for: $0) }, bHH = biasHH.map { tape.variable(for: $0) }
        let inputVariable: Variable? = { if case .dense(let v) = input { return v } else { return nil } }()
        let inputWidth = weightIH.value.cols
        // A mistake is noted on the tape and placeholders returned, as every tape operation does.
        func refuse(_ message: String) -> (outputs: Variable, h: Variable, c: Variable?) {
            (tape.fail("fused layer", message, placeholder: Matrix(rows: rowsTotal, cols: H)),
             tape.constant(Matrix(rows: batch, cols: H)), memory ? tape.constant(Matrix(rows: batch, cols: H)) : nil)
        }
        guard isConsistent, steps > 0, batch > 0, initial.h.rows == batch, initial.h.cols == H,
              memory == (initial.c != nil), initial.c.map({ $0.rows == batch && $0.cols == H }) ?? true,
              lengths.map({ $0.count == batch }) ?? true else {
            return refuse("shapes that do not fit its weights")
        }
        switch input {
        case .sparse(let rows):
            guard rows.count == rowsTotal, rows.allSatisfy({ $0.fits(inputWidth) }) else {
                return refuse("sparse input rows that do not fit weight_ih")
            }
        case .dense(let v):
            guard tape.owns(v), v.rows == rowsTotal, v.cols == inputWidth else {
                return refuse("a \(v.rows)x\(v.cols) input for \(rowsTotal)x\(inputWidth)")
            }
        }
        let values: FusedValues
        switch input {
        case .sparse(let rows): values = .sparse(rows)
        case .dense(let v): values = .dense(v.value)
        }
        let pass = forwardPass(values, steps: steps, batch: batch, h0: initial.h.value, c0: initial.c?.value,
                               lengths: lengths, reverse: reverse, differentiating: tape.recording)
        let finalGradients = FinalStateGradients()
        let recordedInputs = [wIH, wHH] + [bIH, bHH].compactMap { $0 } + [initial.h] + [initial.c].compactMap { $0 }
            + [inputVariable].compactMap { $0 }
        let outputNode = tape.record(Matrix(rows: rowsTotal, cols: H, data: pass.outputs), inputs: recordedInputs) { tape, g in
            let result = pass.backward(dOutputs: g, dhFinal: finalGradients.h, dcFinal: finalGradients.c, watch: watch)
            tape.accumulate(wIH, result.dWeightIH)
            tape.accumulate(wHH, result.dWeightHH)
            if let bIH { tape.accumulate(bIH, result.dBiasIH) }
            if let bHH { tape.accumulate(bHH, result.dBiasHH) }
            tape.accumulate(initial.h, result.dh0)
            if let c = initial.c, let dc0 = result.dc0 { tape.accumulate(c, dc0) }
            if let inputVariable, tape.requiresGradient(inputVariable) {
                tape.accumulate(inputVariable, result.dInput(pass.layer.weightIH.value))
            }
        }
        // The final states are their own nodes: their gradients are handed to the layer's backward, which runs after them.
        let hFinal = tape.record(Matrix(rows: batch, cols: H, data: pass.hFinal), inputs: [outputNode]) { tape, g in
            finalGradients.h = g
            if tape.gradient(outputNode) == nil { tape.accumulate(outputNode, Matrix(rows: rowsTotal, cols: H)) }
        }
        let cFinal = memory ? tape.record(Matrix(rows: batch, cols: H, data: pass.cFinal), inputs: [outputNode]) { tape, g in
            finalGradients.c = g
            if tape.gradient(outputNode) == nil { tape.accumulate(outputNode, Matrix(rows: rowsTotal, cols: H)) }
        } : nil
        return (outputNode, hFinal, cFinal)
    }

    /// `pre[r] += Σ value · W[:, index]` over each sparse row's entries, with
    /// `W` transposed once when that is cheaper than strided reads.
    static func gatherProjection(_ rows: [SparseVector], _ w: Matrix, into pre: UnsafeMutablePointer<Float>, width G: Int) {
        let inputWidth = w.cols
        let nonZeros = rows.reduce(0) { $0 + $1.entries.count }
        let transposed = readsTransposed(inputWidth: inputWidth, width: G, nonZeros: nonZeros) ? w.transposed : nil
        let work = nonZeros * G, out = SharedPointer(pre)
        if let transposed {
            transposed.data.withUnsafeBufferPointer { tp in
                let table = SharedPointer(UnsafeMutablePointer(mutating: tp.baseAddress!))
                Parallel.ranges(rows.count, work: work) { part in
                    for r in part {
                        let o = out.base + r * G
                        for e in rows[r].entries {
                            let from = table.base + e.index * G
                            for j in 0..<G { o[j] += e.value * from[j] }
                        }
                    }
                }
            }
        } else {
            w.data.withUnsafeBufferPointer { wp in
                let table = SharedPointer(UnsafeMutablePointer(mutating: wp.baseAddress!))
                Parallel.ranges(rows.count, work: work) { part in
                    for r in part {
                        let o = out.base + r * G
                        for e in rows[r].entries { for j in 0..<G { o[j] += e.value * table.base[j * inputWidth + e.index] } }
                    }
                }
            }
        }
    }

    /// Whether the sparse projections (`gatherProjection`, `scatterProjection`)
    /// go through `W_ih` transposed `[in, G]`, reading contiguous rows, rather
    /// than strided columns: when the table is too large for strided reads to
    /// stay in cache and transposing costs less than the reads (few input
    /// columns per entry). The sums are the same either way.
    static func readsTransposed(inputWidth: Int, width G: Int, nonZeros: Int) -> Bool {
        inputWidth * G > 1024 && inputWidth <= 4 * nonZeros
    }

    /// The row ranges the recurrence is split into: two halves of the batch
    /// on two threads when there are two cores and enough work per step, else one.
    static func split(_ batch: Int, stepWork: Int) -> [Range<Int>] {
        guard BLAS.maxThreads >= 2, batch >= 2 * minimumRowsPerThread, stepWork >= minimumStepWorkForThreads else {
            return [0..<batch]
        }
        let half = batch / 2
        return [0..<half, half..<batch]
    }

    /// Runs `body` for each range, on its own thread when there are several
    /// (their GEMMs then stay on the calling thread).
    static func inParallel(_ parts: [Range<Int>], _ body: @Sendable (Range<Int>) -> Void) {
        if parts.count == 1 { body(parts[0]); return }
        DispatchQueue.concurrentPerform(iterations: parts.count) { body(parts[$0]) }
    }
}
