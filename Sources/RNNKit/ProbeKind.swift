/// What a recorded probe is, so `plot gates`, `plot memory` and `plot hidden`
/// choose values by role rather than by their names or labels.
public enum ProbeKind: String, Sendable, CaseIterable {
    /// A gate, squashed to 0…1 (`i f o` of an LSTM, `r z` of a GRU): `plot gates`.
    case gate
    /// A memory cell the cell carries forward (an LSTM's `c`): `plot memory`.
    case memory
    /// The hidden state the cell passes on (`h`): `plot hidden`.
    case hidden
    /// A proposed new value before gating (an LSTM's cell input `z`, a GRU's `n`).
    case candidate
    /// The network's input at this step (`x`, recorded by the network).
    case input
    /// The network's output at this step (`y`, recorded by the network).
    case output
    /// Anything else worth showing (a previous value fed back, an intermediate sum).
    case other
}
