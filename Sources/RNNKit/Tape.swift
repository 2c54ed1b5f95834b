/// A reverse-mode automatic differentiation tape.
///
/// Every operation on `Variable`s computes its value at once and, when the
/// tape records and an input needs a gradient, appends a backward closure.
/// `backward(from:)` runs those closures in reverse order of creation, which
/// is a valid topological order because a node's inputs always come first.
/// A cell is therefore written forward-only.
public final class Tape {
    /// A backward rule: given the gradient of this node's value, accumulate
    /// into its inputs' gradients.
    public typealias Backward = (_ tape: Tape, _ gradient: Matrix) -> Void

    var values: [Matrix] = []
    var grads: [Matrix?] = []
    var needsGrad: [Bool] = []
    var backwards: [Backward?] = []
    var parameterNodes: [ObjectIdentifier: Int] = [:]
    /// The rows of each sparse input node, by node id (see `SparseInput.swift`).
    var sparseRows: [Int: [SparseVector]] = [:]

    /// Whether backward rules are kept. A tape that does not record is for
    /// inference (`step`, `run`): values only.
    public let recording: Bool

    /// The first operation that could not be done (shapes that do not fit,
    /// variables of another tape, an undeclared state slot): a cell plugin's
    /// mistake. The operation returned a placeholder instead of trapping; the
    /// network turns this into an error naming the cell, and the session lives on.
    public private(set) var failure: TapeFailure?

    /// Asked at every recurrent step of a pass on this tape (Ctrl-C polls
    /// it): when it says yes, the pass ends by throwing `CellError.interrupted`,
    /// so one long batch does not hold the prompt. Never by default.
    public var shouldStop: () -> Bool = { false }

    /// Throws `CellError.interrupted` when `shouldStop` says so.
    public func checkInterrupted() throws(CellError) {
        if shouldStop() { throw CellError.interrupted }
    }

    /// Tells this tape's Variables whether it still exists (see `Variable`).
    let lifetime = TapeLifetime()

    public init(recording: Bool = true) { self.recording = recording }

    deinit { lifetime.isAlive = false }

    /// Number of nodes so far.
    public var count: Int { values.count }

    /// The value of a node. A wide sparse input (see `sparseConstant`) is
    /// made dense here on first use, so every operation can take it; only
    /// `linear`/`matmul` with it on the left avoid that cost.
    public func value(_ v: Variable) -> Matrix {
        guard owns(v) else { return Matrix(rows: 0, cols: 0) }
        if values[v.id].cols == 0, let rows = sparseRows[v.id], let dimension = rows.first?.dimension, dimension > 0 {
            guard rows.count * dimension <= Tape.sparseMaterializeLimit else {
                _ = fail("sparse input", "a \(rows.count)x\(dimension) sparse input is too large to use as a dense matrix; "
                         + "multiply it first with linear(x, W) or matmul(x, W)", placeholder: Matrix(rows: 0, cols: 0))
                return values[v.id]
            }
            values[v.id] = SparseVector.dense(rows, dimension: dimension)
        }
        return values[v.id]
    }

    /// A node's shape, without making a sparse input dense.
    func shape(_ v: Variable) -> (rows: Int, cols: Int) {
        guard owns(v) else { return (0, 0) }
        if let dimension = sparseRows[v.id]?.first?.dimension { return (values[v.id].rows, dimension) }
        return (values[v.id].rows, values[v.id].cols)
    }

    /// The gradient accumulated for a node by `backward`, or nil if none reached it.
    public func gradient(_ v: Variable) -> Matrix? { owns(v) ? grads[v.id] : nil }

    /// The gradient accumulated for a parameter used on this tape.
    public func gradient(of p: Parameter) -> Matrix? {
        parameterNodes[ObjectIdentifier(p)].flatMap { grads[$0] }
    }

    /// How many distinct parameters have been put on this tape.
    public var parametersUsed: Int { parameterNodes.count }

    /// A leaf that holds data. Gradients flow to it only if `requiresGradient`.
    public func constant(_ m: Matrix, requiresGradient: Bool = false) -> Variable {
        values.append(m)
        grads.append(nil)
        needsGrad.append(requiresGradient && recording)
        backwards.append(nil)
        return Variable(id: values.count - 1, tape: self)
    }

    /// The leaf for a parameter (one per parameter per tape, made on first use).
    public func variable(for p: Parameter) -> Variable {
        if let id = parameterNodes[ObjectIdentifier(p)] { return Variable(id: id, tape: self) }
        let v = constant(p.value, requiresGradient: true)
        parameterNodes[ObjectIdentifier(p)] = v.id
        return v
    }

    /// Notes `operation`'s mistake (the first one wins) and returns `placeholder`
    /// as a constant, so the caller can go on without trapping.
    public func fail(_ operation: String, _ message: String, placeholder: Matrix) -> Variable {
        if failure == nil { failure = TapeFailure(operation: operation, message: message) }
        return constant(placeholder)
    }

    /// Whether `v` lives on this tape (a variable kept from another step's tape does not).
    func owns(_ v: Variable) -> Bool { v.owner === self && v.id < values.count }

    /// Records an operation's result. `backward` is kept only when the tape
    /// records and some input needs a gradient.
    public func record(_ value: Matrix, inputs: [Variable], backward: @escaping Backward) -> Variable {
        let needs = recording && inputs.contains { owns($0) && needsGrad[$0.id] }
        values.append(value)
        grads.append(nil)
        needsGrad.append(needs)
        backwards.append(needs ? backward : nil)
        return Variable(id: values.count - 1, tape: self)
    }

    /// Whether gradients flow to this node.
    public func requiresGradient(_ v: Variable) -> Bool { owns(v) && needsGrad[v.id] }

    /// Adds `g` into the gradient of `v` (no-op if `v` needs none).
    public func accumulate(_ v: Variable, _ g: Matrix) {
        guard owns(v), needsGrad[v.id] else { return }
        if grads[v.id] == nil { grads[v.id] = g } else { grads[v.id]?.add(g) }
    }

    /// Back-propagates from `output`, seeding its gradient with `seed`
    /// (ones if nil: the gradient of the sum of its elements).
    public func backward(from output: Variable, seed: Matrix? = nil) {
        guard recording, owns(output) else {
            _ = fail("backward", recording ? "the output is not on this tape" : "backward on a tape that does not record",
                     placeholder: Matrix(rows: 0, cols: 0))
            return
        }
        let start = seed ?? Matrix(rows: values[output.id].rows, cols: values[output.id].cols, repeating: 1)
        accumulate(output, start)
        for id in stride(from: output.id, through: 0, by: -1) {
            guard let rule = backwards[id], let g = grads[id] else { continue }
            rule(self, g)
        }
    }
}

/// An operation on the tape that could not be done, and why.
public struct TapeFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operation: `matmul`, `+`, `concatColumns`, `state[.c]`.
    public let operation: String
    public let message: String
    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }
    public var description: String { "\(operation): \(message)" }
}

/// A node on a `Tape`: a matrix value and, after `backward`, its gradient.
///
/// A variable belongs to the tape of one forward pass: never keep one after
/// `step` returns. One that is kept anyway does not crash: its tape is gone,
/// it reads as an empty matrix, and the operation that uses it is reported
/// as a mistake naming the cell.
public struct Variable {
    public let id: Int
    /// The tape, not retained: the tape holds its operations' backward rules,
    /// which hold variables, so a strong reference would keep every tape
    /// alive. Read only through `owner`, which checks `lifetime` first.
    private unowned(unsafe) let unretainedTape: Tape
    /// Shared with the tape, which marks it dead in its `deinit`. A strong
    /// reference to this small object is much cheaper to copy than a `weak`
    /// one (a profile of `run` spent a quarter of its time in weak-reference
    /// bookkeeping), and keeps the same guarantee: a Variable kept past its
    /// tape reads as belonging to no tape.
    private let lifetime: TapeLifetime

    init(id: Int, tape: Tape) {
        self.id = id
        unretainedTape = tape
        lifetime = tape.lifetime
    }

    /// The tape, while it exists.
    var owner: Tape? { lifetime.isAlive ? unretainedTape : nil }

    /// The tape this variable is on; for one kept past its tape's life, a
    /// new empty tape that owns nothing (every read of it is empty).
    public var tape: Tape { owner ?? Tape(recording: false) }

    public var value: Matrix { tape.value(self) }
    public var gradient: Matrix? { tape.gradient(self) }
    public var rows: Int { tape.shape(self).rows }
    public var cols: Int { tape.shape(self).cols }
}

/// Whether a tape still exists: set false by its `deinit`. Tapes are used
/// by one thread at a time, so a plain flag is enough.
final class TapeLifetime {
    var isAlive = true
}
