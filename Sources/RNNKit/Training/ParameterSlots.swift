/// An optimizer's state per parameter, keyed by the parameter's object
/// identity (`ObjectIdentifier`), not by its position in the list.
///
/// Keying by identity keeps momenta with their parameter whatever order the
/// trainer passes them in. Each entry also holds a weak reference to its
/// parameter and the element count it was made for: if that parameter is
/// gone (a new `net` made new ones, perhaps at a recycled address) or its
/// size changed, the entry starts afresh instead of being misapplied.
public struct ParameterSlots<State> {
    private struct Entry {
        weak var owner: Parameter?
        let count: Int
        var state: State
    }

    private var entries: [ObjectIdentifier: Entry] = [:]

    /// No state yet.
    public init() {}

    /// Runs `body` on the state of `p`, made by `initial` when `p` has none.
    public mutating func withState<R>(of p: Parameter, initial: () -> State, _ body: (inout State) -> R) -> R {
        let key = ObjectIdentifier(p)
        if let e = entries[key], e.owner !== p || e.count != p.value.count { entries[key] = nil }
        return body(&entries[key, default: Entry(owner: p, count: p.value.count, state: initial())].state)
    }

    /// Drops the entries of parameters that no longer exist.
    public mutating func pruneReleased() {
        entries = entries.filter { $0.value.owner != nil }
    }

    /// Forgets every entry.
    public mutating func removeAll() { entries.removeAll() }

    /// How many parameters have state.
    public var count: Int { entries.count }
}
