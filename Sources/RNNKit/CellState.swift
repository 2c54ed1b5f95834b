/// The name of one slot of a cell's state: `.h` (hidden), `.c` (an LSTM's
/// memory), `.y` (Jordan's fed-back output). A plugin adds its own with
/// `extension StateSlot { static let m = StateSlot("m") }`.
public struct StateSlot: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }
    public var description: String { name }

    public static let h = StateSlot("h")
    public static let c = StateSlot("c")
    public static let y = StateSlot("y")
}

/// The slots a cell carries from one step to the next, in display order,
/// with their widths, and which slot's width is the initialisation fan
/// (PyTorch's `1/√hidden`).
public struct StateLayout: Sendable, Equatable {
    /// One slot and its width.
    public struct Slot: Sendable, Equatable {
        public let slot: StateSlot
        public let width: Int
    }

    public let slots: [Slot]
    /// The width that sets the initialisation fan (PyTorch's bound
    /// `1/√hidden`); nil for a cell without state (its output width is used).
    public let fanWidth: Int?

    /// `slots` in display order. The fan is the width of `fan` (by default
    /// `.h`, when declared), or `fanWidth` when given (a cell whose hidden
    /// layer is not a state slot, as Jordan's); with neither, the cell's
    /// output width.
    public init(_ slots: [(StateSlot, Int)], fan: StateSlot? = nil, fanWidth: Int? = nil) {
        self.slots = slots.map { Slot(slot: $0.0, width: $0.1) }
        let fanSlot = fan ?? .h
        self.fanWidth = fanWidth ?? slots.first { $0.0 == fanSlot }?.1
    }

    /// No state at all (a feed-forward cell).
    public static let none = StateLayout([])

    /// Where `slot` is, if declared.
    public func index(of slot: StateSlot) -> Int? { slots.firstIndex { $0.slot == slot } }

    /// The all-zero values for a batch.
    public func zeros(batch: Int) -> StateValues {
        StateValues(layout: self, values: slots.map { Matrix(rows: batch, cols: $0.width) }, batch: batch)
    }
}

/// A cell's state at one step on a tape: one `Variable` per declared slot,
/// in the layout's order. Read a slot with `state[.h]`: a declared slot is
/// always there. Reading or writing a slot the cell did not declare is the
/// cell's mistake: it is recorded on the tape, and the network reports it
/// as an error naming the cell, instead of crashing the REPL.
public struct CellState {
    public let layout: StateLayout
    public private(set) var values: [Variable]
    let tape: Tape
    let batch: Int

    /// The state `values` in `layout`'s order (the driver guarantees one per slot).
    init(layout: StateLayout, values: [Variable], tape: Tape, batch: Int) {
        self.layout = layout
        self.values = values
        self.tape = tape
        self.batch = batch
    }

    /// A state of `values` (one per slot of `layout`, in its order) on `tape`;
    /// the network checks the fit before a cell sees it.
    public init(_ layout: StateLayout, _ values: [Variable], on tape: Tape) {
        self.init(layout: layout, values: values, tape: tape, batch: values.first?.rows ?? 0)
    }

    /// The value of `slot` if the layout declares it, else nil (for code that
    /// handles any cell; a cell reads its own slots with `state[.h]`).
    public func declared(_ slot: StateSlot) -> Variable? {
        layout.index(of: slot).flatMap { $0 < values.count ? values[$0] : nil }
    }

    public subscript(_ slot: StateSlot) -> Variable {
        get {
            guard let i = layout.index(of: slot), i < values.count else {
                return tape.fail("state[.\(slot)]", "the cell reads a state slot it did not declare (its layout has \(layout.slots.map { "." + $0.slot.name }.joined(separator: ", ")))",
                                 placeholder: Matrix(rows: batch, cols: 0))
            }
            return values[i]
        }
        set {
            guard let i = layout.index(of: slot), i < values.count else {
                _ = tape.fail("state[.\(slot)] =", "the cell writes a state slot it did not declare", placeholder: Matrix(rows: batch, cols: 0))
                return
            }
            values[i] = newValue
        }
    }

    /// The same state with `slot` holding `value`: how a step returns its
    /// next state (`return (h, state.with(.h, h))`).
    public func with(_ slot: StateSlot, _ value: Variable) -> CellState {
        var next = self
        next[slot] = value
        return next
    }

    /// The values off the tape.
    public var matrices: StateValues { StateValues(layout: layout, values: values.map(\.value), batch: batch) }

    /// The state with every value passed through `f` (the network keeps a
    /// finished sequence's rows this way).
    func map(_ f: (_ old: Variable, _ new: Variable) -> Variable, over next: CellState) -> CellState {
        var out = next
        out.values = zip(values, next.values).map { f($0, $1) }
        return out
    }
}

/// A state's values off the tape (what the REPL keeps between `step`s, and
/// truncated BPTT carries from one chunk to the next).
public struct StateValues: Equatable, Sendable {
    public let layout: StateLayout
    public var values: [Matrix]
    /// Rows (sequences) of each value; kept for a layout without slots.
    public let batch: Int

    public init(layout: StateLayout, values: [Matrix], batch: Int? = nil) {
        self.layout = layout
        self.values = values
        self.batch = batch ?? values.first?.rows ?? 0
    }

    /// A slot's value, nil if the layout has no such slot.
    public subscript(_ slot: StateSlot) -> Matrix? {
        get { layout.index(of: slot).flatMap { $0 < values.count ? values[$0] : nil } }
        set {
            guard let i = layout.index(of: slot), i < values.count, let newValue else { return }
            values[i] = newValue
        }
    }

    /// The same layout with every value passed through `f`.
    public func mapValues(_ f: (Matrix) -> Matrix) -> StateValues {
        StateValues(layout: layout, values: values.map(f), batch: batch)
    }

    /// The slots with their values, in order (for display).
    public var named: [(slot: StateSlot, value: Matrix)] { zip(layout.slots, values).map { ($0.slot, $1) } }

    /// The same values as tape leaves (constants unless `requiresGradient`).
    public func onTape(_ tape: Tape, requiresGradient: Bool = false) -> CellState {
        CellState(layout: layout, values: values.map { tape.constant($0, requiresGradient: requiresGradient) },
                  tape: tape, batch: batch)
    }
}

/// A state's layout and rows, which `RecurrentStack.checkInitialStates` checks
/// for states on a tape and off it alike (without copying them into another array).
protocol ShapedState {
    var layout: StateLayout { get }
    var rows: Int { get }
}

extension CellState: ShapedState { var rows: Int { batch } }
extension StateValues: ShapedState { var rows: Int { batch } }
