// The structural conformance checks: shapes, state, determinism, probes,
// reset and the `net` command round trip. Each returns failure messages.

extension CellConformance {
    /// A cell's option keys must not shadow the network's (`in`, `hidden`, `out`, …).
    func checkOptionKeys() -> [String] {
        let network = Set(NetworkConfig.optionSpecs.map(\.key))
        return (descriptor?.options ?? []).filter { network.contains($0.key) }
            .map { "option '\($0.key)' clashes with the network's own option of that name" }
    }

    /// Parameter shapes and unique names; per-cell input/output/state widths;
    /// network output shapes.
    func checkShapes(_ net: Network) -> [String] {
        var failures: [String] = []
        var seen = Set<String>()
        for (name, p) in net.namedParameters {
            if !seen.insert(name).inserted { failures.append("parameter name \(name) is used twice") }
            let ok = p.shape.count == 2 ? (p.value.rows == p.shape[0] && p.value.cols == p.shape[1])
                : (p.shape.count == 1 && p.value.rows == 1 && p.value.cols == p.shape[0])
            if !ok { failures.append("parameter \(name) has shape \(p.shape) but holds \(p.value.rows)x\(p.value.cols)") }
        }
        var rng = SeededGenerator(seed: 3)
        var width = inputSize
        for (k, layer) in net.cells.enumerated() {
            for cell in layer {
                if cell.inputSize != width { failures.append("layer \(k) cell has inputSize \(cell.inputSize), expected \(width)") }
                let tape = Tape()
                let x = tape.constant(randomMatrix(rows: 2, cols: cell.inputSize, rng: &rng))
                var probes = Probes(enabled: false)
                let (out, next) = cell.step(x, state: cell.zeroState(batch: 2).onTape(tape), probes: &probes)
                if let failure = tape.failure { failures.append("step: \(failure)"); continue }
                if out.rows != 2 || out.cols != cell.outputSize {
                    failures.append("step output is \(out.rows)x\(out.cols), expected 2x\(cell.outputSize)")
                }
                failures += stateShapeFailures(next.matrices, cell: cell, batch: 2, what: "step's next state")
                if tape.parametersUsed != cell.parameters.count {
                    failures.append("step uses \(tape.parametersUsed) parameters but `parameters` lists \(cell.parameters.count): list every Parameter the step puts on the tape")
                }
            }
            width = layer[0].outputSize * layer.count
        }
        // A broken step contract would crash the forward pass below: report it by name instead.
        if !failures.isEmpty { return failures }
        let expected = net.outputWeight != nil ? (outputSize ?? 0) : width
        if net.outputWidth != expected { failures.append("network outputWidth \(net.outputWidth), expected \(expected)") }
        let tape = Tape()
        let xs = (0..<3).map { _ in tape.constant(randomMatrix(rows: 2, cols: inputSize, rng: &rng)) }
        let result: Network.SequenceResult
        do throws(CellError) { result = try net.forward(xs) } catch { return failures + ["forward: \(error.message)"] }
        for (t, y) in result.outputs.enumerated() where y.rows != 2 || y.cols != net.outputWidth {
            failures.append("output at t=\(t) is \(y.rows)x\(y.cols), expected 2x\(net.outputWidth)")
        }
        if result.outputs.count != 3 { failures.append("\(result.outputs.count) outputs for 3 steps") }
        let cells = net.cells.flatMap { $0 }
        if result.finalStates.count != cells.count {
            failures.append("\(result.finalStates.count) final states for \(cells.count) cells")
        } else {
            for (s, cell) in zip(result.finalStates, cells) {
                failures += stateShapeFailures(s.matrices, cell: cell, batch: 2, what: "final state")
            }
        }
        return failures
    }

    /// `zeroState` has exactly the declared slots, with declared widths, all zero.
    func checkZeroState(_ net: Network) -> [String] {
        var failures: [String] = []
        for cell in net.cells.flatMap({ $0 }) {
            let names = cell.stateLayout.slots.map(\.slot.name)
            if Set(names).count != names.count { failures.append("state slot names repeat: \(names)") }
            let zero = cell.zeroState(batch: 3)
            failures += stateShapeFailures(zero, cell: cell, batch: 3, what: "zeroState")
            if zero.values.contains(where: { $0.data.contains { $0 != 0 } }) { failures.append("zeroState is not all zeros") }
        }
        return failures
    }

    /// The same seed gives the same parameters and outputs; `initialize` sets something.
    func checkDeterminism() -> [String] {
        guard let a = try? makeNetwork(seed: 42), let b = try? makeNetwork(seed: 42) else { return ["cannot build twice"] }
        var failures: [String] = []
        for ((name, p), (_, q)) in zip(a.namedParameters, b.namedParameters) where p.value != q.value {
            failures.append("parameter \(name) differs between two networks initialised with the same seed")
        }
        if a.namedParameters.allSatisfy({ $0.parameter.value.data.allSatisfy { $0 == 0 } }) {
            failures.append("initialize(.pytorch) left every parameter zero")
        }
        var rng = SeededGenerator(seed: 5)
        let xs = (0..<3).map { _ in randomMatrix(rows: 2, cols: inputSize, rng: &rng) }
        let ta = Tape(recording: false)
        let ya = (try? a.forward(xs.map { ta.constant($0) }))?.outputs.map(\.value)
        let tb = Tape(recording: false)
        let yb = (try? b.forward(xs.map { tb.constant($0) }))?.outputs.map(\.value)
        if ya != yb { failures.append("the same parameters and input give different outputs") }
        return failures
    }

    /// Every cell records probes, with unique names and one row per batch
    /// entry, among them its hidden state (`plot hidden`), and leaves the
    /// input and output kinds to the network.
    func checkProbes(_ net: Network) -> [String] {
        var rng = SeededGenerator(seed: 9)
        let tape = Tape(recording: false)
        let xs = (0..<2).map { _ in tape.constant(randomMatrix(rows: 2, cols: inputSize, rng: &rng)) }
        let perStep: [[Probes.Entry]]
        do throws(CellError) { perStep = try net.forward(xs, probes: true).probes } catch { return ["forward(probes: true): \(error.message)"] }
        var failures: [String] = []
        guard let entries = perStep.first else { return ["forward(probes: true) returned no probes"] }
        // The network itself records the input "x" (and "y" when it has an output); a cell must add its own.
        let own = entries.filter { $0.kind != .input && $0.kind != .output }
        if own.isEmpty { failures.append("step records no probes: the user sees nothing inside the cell") }
        if !own.isEmpty, !own.contains(where: { $0.kind == .hidden }) {
            failures.append("step records no .hidden probe: `plot hidden` has nothing to show")
        }
        let network = entries.filter { $0.kind == .input || $0.kind == .output }.map(\.name)
        if network != ["x"] && network != ["x", "y"] {
            failures.append("probes of kind .input or .output are the network's (x, y); the cell recorded some: \(network)")
        }
        let names = entries.map(\.name)
        if Set(names).count != names.count { failures.append("probe names repeat within a step: \(names)") }
        for e in entries where e.value.rows != 2 { failures.append("probe \(e.name) has \(e.value.rows) rows for batch 2") }
        return failures
    }

    /// `run` moves the memory on by the steps fed, with states of the declared
    /// widths; `zeroMemory` is zeros of the declared widths.
    func checkReset(_ net: Network) -> [String] {
        var rng = SeededGenerator(seed: 11)
        var memory = net.zeroMemory()
        do throws(CellError) { _ = try net.run((0..<3).map { _ in randomMatrix(rows: 1, cols: inputSize, rng: &rng) }, memory: &memory) } catch {
            return ["run: \(error.message)"]
        }
        var failures: [String] = []
        if memory.time != 3 { failures.append("time is \(memory.time) after 3 steps") }
        for (s, cell) in zip(memory.states, net.cells.flatMap { $0 }) {
            failures += stateShapeFailures(s, cell: cell, batch: 1, what: "state after run")
        }
        memory = net.zeroMemory()
        for (s, cell) in zip(memory.states, net.cells.flatMap { $0 }) {
            failures += stateShapeFailures(s, cell: cell, batch: 1, what: "zero memory")
            if s.values.contains(where: { $0.data.contains { $0 != 0 } }) { failures.append("zeroMemory is not zero") }
        }
        return failures
    }

    /// `NetworkConfig.command` re-parses, word by word, to an equal configuration.
    func checkCommandRoundTrip(_ net: Network) -> [String] {
        let command = net.config.command(cellSpecs: descriptor?.options ?? [])
        let words = command.split(separator: " ").map(String.init)
        guard words.count >= 2, words[0] == "net", words[1] == cell else { return ["command '\(command)' does not start with 'net \(cell)'"] }
        let networkKeys = Set(NetworkConfig.optionSpecs.map(\.key))
        let pairs = splitOptions(words.dropFirst(2).joined(separator: " "))
        do {
            let n = try Options(parsing: pairs.filter { networkKeys.contains($0.key) }, specs: NetworkConfig.optionSpecs)
            let c = try Options(parsing: pairs.filter { !networkKeys.contains($0.key) }, specs: descriptor?.options ?? [])
            let again = NetworkConfig(cell: words[1], inputSize: n[NetworkConfig.inputOption] ?? 0, options: n, cellOptions: c)
            return again == net.config ? [] : ["command '\(command)' re-parses to a different configuration"]
        } catch {
            return ["command '\(command)' does not re-parse: \(describe(error))"]
        }
    }

    /// Slots and shapes of a state against the cell's declaration.
    func stateShapeFailures(_ s: StateValues, cell: any RecurrentCell, batch: Int, what: String) -> [String] {
        var failures: [String] = []
        if s.layout != cell.stateLayout || s.values.count != s.layout.slots.count {
            failures.append("\(what) has slots \(s.layout.slots.map(\.slot.name)), declared \(cell.stateLayout.slots.map(\.slot.name))")
        }
        for (slot, m) in zip(s.layout.slots, s.values) where m.rows != batch || m.cols != slot.width {
            failures.append("\(what) slot \(slot.slot) is \(m.rows)x\(m.cols), declared \(batch)x\(slot.width)")
        }
        return failures
    }

    /// A wide sparse input, as `train` builds for a letter-hash encoding at
    /// batch 16, works whatever operations the cell applies to it, and gives
    /// what the same input as a dense matrix gives (values and gradients).
    func checkWideSparseInput() -> [String] {
        let wide = CellConformance(descriptor: descriptor, cell: cell, options: options, in: 20_000, hidden: hiddenSize,
                                   out: outputSize, layers: 1, bidirectional: bidirectional, bias: bias)
        guard let net = try? wide.makeNetwork() else { return ["cannot build the network with in=20000"] }
        var rng = SeededGenerator(seed: 13)
        let batch = 16
        let rows = (0..<2).map { _ in
            (0..<batch).map { _ in
                SparseVector(dimension: 20_000, entries: (0..<5).map { _ in (Int(rng.next() % 20_000), Float(1)) })
            }
        }
        func outputs(sparse: Bool) -> (values: [Matrix], gradients: [Matrix])? {
            let tape = Tape()
            let xs = rows.map { sparse ? tape.sparseConstant($0) : tape.constant(SparseVector.dense($0, dimension: 20_000)) }
            guard let result = try? net.forward(xs) else { return nil }
            tape.backward(from: sum(result.outputs.map { weightedSum($0, Matrix(rows: $0.rows, cols: $0.cols, repeating: 1)) }, on: tape))
            return (result.outputs.map(\.value), net.namedParameters.map { tape.gradient(of: $0.parameter) ?? Matrix(rows: 0, cols: 0) })
        }
        guard let sparse = outputs(sparse: true) else {
            let tape = Tape()
            do throws(CellError) { _ = try net.forward(rows.map { tape.sparseConstant($0) }) } catch {
                return ["a wide sparse input (in=20000, batch 16): \(error.message)"]
            }
            return ["a wide sparse input (in=20000, batch 16) fails"]
        }
        guard let dense = outputs(sparse: false) else { return ["the same input as a dense matrix fails"] }
        var failures: [String] = []
        for (a, b) in zip(sparse.values, dense.values) where !closeEnough(a, b) {
            failures.append("a wide sparse input gives other outputs than the same input as a dense matrix")
            break
        }
        for ((name, _), (a, b)) in zip(net.namedParameters, zip(sparse.gradients, dense.gradients)) where !closeEnough(a, b) {
            failures.append("the gradient of \(name) differs between sparse and dense input")
        }
        return failures
    }

    /// Same shape, and every element within 1e-4 relative (plus 1e-5) of the other's.
    private func closeEnough(_ a: Matrix, _ b: Matrix) -> Bool {
        a.rows == b.rows && a.cols == b.cols
            && zip(a.data, b.data).allSatisfy { abs($0 - $1) <= 1e-5 + 1e-4 * max(abs($0), abs($1)) }
    }
}

/// A matrix of standard normal numbers.
func randomMatrix(rows: Int, cols: Int, rng: inout SeededGenerator) -> Matrix {
    Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in Float(rng.normal()) })
}
