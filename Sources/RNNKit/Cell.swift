/// What a cell plugin is built from: sizes and its validated options.
public struct CellConfig: Sendable {
    /// Width of each input vector.
    public var inputSize: Int
    /// Number of units (memory cells for LSTM).
    public var hiddenSize: Int
    /// The network's `out=` width, for cells that produce the output themselves (Jordan).
    public var outputSize: Int?
    /// Whether the cell has bias terms (`bias=on|off`, a network option).
    public var bias: Bool
    /// The cell's own options, validated against its specs, defaults filled in.
    public var options: Options

    public init(inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, bias: Bool = true, options: Options = Options()) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.outputSize = outputSize
        self.bias = bias
        self.options = options
    }
}

/// One recurrent cell type, written forward-only over tape variables: the
/// tape derives the backward pass.
///
/// A cell names every internal value it computes through `probes`, so `step`
/// can show the lecture's gates and memory without knowing the cell.
public protocol RecurrentCell: AnyObject {
    /// Width of each input vector.
    var inputSize: Int { get }
    /// Width of what the cell passes up (to the next layer or the output layer).
    var outputSize: Int { get }
    /// Trainable parameters with cell-local names (`weight_ih`); the network
    /// adds PyTorch's `_l0` / `_reverse` suffixes.
    var parameters: [Parameter] { get }
    /// The state the cell carries between steps: slots in display order
    /// (`StateLayout([(.h, H), (.c, H)])`), their widths, and which slot's
    /// width is the initialisation fan (`.h` when declared, else the first).
    var stateLayout: StateLayout { get }
    /// True when the cell computes the network's output itself (Jordan), so
    /// the network adds no output layer.
    var producesNetworkOutput: Bool { get }
    /// A short description for the one-line summary: `linear`, `peephole`.
    var summary: String { get }
    /// Names of the gate blocks stacked in the rows of the parameters whose
    /// first dimension is `gateNames.count × hidden` (PyTorch's layout: LSTM
    /// `i f g o`, GRU `r z n`), so users can address one gate's block as
    /// `weight_ih_l0.f`. Empty (the default) for cells without stacked gates.
    var gateNames: [String] { get }
    /// Other names for gate blocks (`z` for the LSTM's cell input `g`, as the
    /// lecture and the probes call it).
    var gateAliases: [String: String] { get }
    /// The PyTorch module that computes exactly what this cell, configured
    /// as it is, computes with the same parameter names and layout
    /// (`torch.nn.LSTM`), or nil when there is none: `save model` says so and
    /// marks the file, so PyTorch is never handed weights that mean something else.
    var pytorchModule: String? { get }

    /// One time step: input `[batch, inputSize]` and the previous state to
    /// the output `[batch, outputSize]` and the next state.
    ///
    /// The contract:
    /// - `state[.h]` reads a declared slot (it is always there); return the
    ///   next state as `state.with(.h, h)`.
    /// - `x` may be a wide sparse input (a letter-hash encoding): every tape
    ///   operation takes it, and `linear(x, W)` is the fast way to use it.
    /// - Shapes that do not fit (an operation on mismatched sizes, a `chunk`
    ///   that does not divide, a Variable kept from an earlier step) do not
    ///   crash: the tape notes the first mistake and `net`, `step`, `train`
    ///   report it as an error naming the cell and the operation.
    /// - Never keep a `Variable` after `step` returns.
    func step(_ x: Variable, state: CellState, probes: inout Probes) -> (output: Variable, state: CellState)

    /// Sets parameters by an initialisation scheme. The default applies the
    /// scheme to every parameter; override to add, e.g., a forget-gate bias.
    func initialize(_ scheme: InitScheme, rng: inout SeededGenerator)
}

extension RecurrentCell {
    public var producesNetworkOutput: Bool { false }
    public var summary: String { "" }
    public var gateNames: [String] { [] }
    public var gateAliases: [String: String] { [:] }
    public var pytorchModule: String? { nil }

    /// The all-zero state for a batch.
    public func zeroState(batch: Int) -> StateValues { stateLayout.zeros(batch: batch) }

    /// The width that sets the initialisation fan: the layout's fan slot, else the output.
    public var initializationFan: Int { stateLayout.fanWidth ?? outputSize }

    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) {
        for p in parameters { scheme.apply(to: p, hiddenSize: initializationFan, rng: &rng) }
    }
}

/// Named internal values recorded during a step, in the order recorded.
public struct Probes {
    /// One recorded value: its role, short name (`i`), reader's label (`input gate`), value `[batch, units]`.
    public struct Entry {
        public let kind: ProbeKind
        /// The name shown: the cell's own (`f`), plus `_l0`, `_l1_reverse` in a deep or bidirectional net.
        public let name: String
        /// The name the cell recorded, without the position suffix.
        public let baseName: String
        public let label: String
        public let value: Matrix
        /// Which cell recorded it, for a value recorded inside a network's stack.
        public let position: CellPosition?

        public init(_ kind: ProbeKind, name: String, label: String, value: Matrix) {
            self.kind = kind; self.name = name; self.baseName = name; self.label = label; self.value = value; position = nil
        }

        private init(_ entry: Entry, at position: CellPosition, suffixed: Bool) {
            kind = entry.kind; baseName = entry.baseName; label = entry.label; value = entry.value
            name = suffixed ? position.name(of: entry.baseName) : entry.baseName
            self.position = position
        }

        /// The same value, recorded by the cell at `position`; `suffixed`
        /// names it with the position (`f_l0_reverse`), as a deep or
        /// bidirectional net shows it.
        public func at(_ position: CellPosition, suffixed: Bool) -> Entry { Entry(self, at: position, suffixed: suffixed) }
    }

    /// When false, `record` does nothing (training does not pay for probes).
    public var enabled: Bool
    public private(set) var entries: [Entry] = []

    public init(enabled: Bool) { self.enabled = enabled }

    /// Records `v` as a `kind` (what `plot` selects by) under `name` (short,
    /// as in the equations) and `label` (for readers).
    public mutating func record(_ kind: ProbeKind, _ name: String, _ label: String, _ v: Variable) {
        if enabled { entries.append(Entry(kind, name: name, label: label, value: v.value)) }
    }

    /// Records a plain matrix, as `record(_:_:_:_:)` does a tape variable.
    public mutating func record(_ kind: ProbeKind, _ name: String, _ label: String, _ m: Matrix) {
        if enabled { entries.append(Entry(kind, name: name, label: label, value: m)) }
    }
}
