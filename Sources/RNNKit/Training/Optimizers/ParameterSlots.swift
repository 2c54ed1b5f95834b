/// An optimizer's run-time state per parameter (a step count and the
/// optimizer's own `State`), keyed by the parameter's object identity
/// (`ObjectIdentifier`), not by its position in the list.
///
/// Keying by identity keeps momenta with their parameter whatever order the
/// trainer passes them in. Each entry also holds a weak reference to its
/// parameter (to its `liveness`) and the element count it was made for: if that parameter is
/// gone (a new `net` made new ones, perhaps at a recycled address) or its
/// size changed, the entry starts afresh instead of being misapplied.
/// Names are not kept here: `PerParameterOptimizer` supplies them when the
/// state is exported or loaded.
public struct ParameterSlots<State> {
    // Inlinable, so an optimizer plugin's calls are specialised for its State
    // (unspecialised, the generic metadata lookups were a tenth of a tiny net's training step).
    @usableFromInline struct Entry {
        @usableFromInline weak var owner: ParameterLiveness?
        @usableFromInline let count: Int
        @usableFromInline var step: Int
        @usableFromInline var state: State

        @inlinable init(owner: ParameterLiveness?, count: Int, step: Int, state: State) {
            self.owner = owner; self.count = count; self.step = step; self.state = state
        }

        /// `body` on the step count and the state, in place.
        @inlinable mutating func update<R>(_ body: (inout Int, inout State) -> R) -> R { body(&step, &state) }
    }

    /// The entries, and where each parameter's is (an array, so a step
    /// updates its entry in place: no removal, reinsertion or weak-reference copy).
    @usableFromInline var entries: [Entry] = []
    @usableFromInline var positions: [ObjectIdentifier: Int] = [:]

    /// No state for any parameter.
    public init() {}

    /// Runs `body` on the step count and state of `p`; a parameter with no
    /// (current) entry starts at step 0 with the state `initial` makes.
    @inlinable
    public mutating func withState<R>(of p: Parameter, initial: () -> State, _ body: (inout Int, inout State) -> R) -> R {
        let key = ObjectIdentifier(p)
        guard let i = positions[key] else {
            positions[key] = entries.count
            entries.append(Entry(owner: p.liveness, count: p.value.count, step: 0, state: initial()))
            return entries[entries.count - 1].update(body)
        }
        // A stale entry (another parameter at a recycled address, or a new size) is replaced by a fresh one.
        if !isCurrent(at: i, for: p) { entries[i] = Entry(owner: p.liveness, count: p.value.count, step: 0, state: initial()) }
        return entries[i].update(body)
    }

    /// The step count and state of `p`, or nil when it has none (or only a stale one).
    public func state(of p: Parameter) -> (step: Int, state: State)? {
        guard let i = positions[ObjectIdentifier(p)], isCurrent(at: i, for: p) else { return nil }
        return (entries[i].step, entries[i].state)
    }

    /// Sets the step count and state of `p`, replacing any it had.
    public mutating func set(step: Int, state: State, for p: Parameter) {
        withState(of: p, initial: { state }) { s, st in s = step; st = state }
    }

    /// Drops the entries of parameters that no longer exist.
    @inlinable
    public mutating func pruneReleased() {
        let kept = zip(positions.keys, positions.values).filter { entries[$0.1].owner != nil }.sorted { $0.1 < $1.1 }
        entries = kept.map { entries[$0.1] }
        positions = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1.0, $0) })
    }

    /// Forgets every entry.
    public mutating func removeAll() { entries.removeAll(); positions.removeAll() }

    /// How many parameters have state.
    @inlinable public var count: Int { entries.count }

    /// Whether the entry at `i` was made for `p` as it is now (read in place:
    /// copying an entry out copies its weak reference).
    @inlinable
    func isCurrent(at i: Int, for p: Parameter) -> Bool {
        entries[i].owner === p.liveness && entries[i].count == p.value.count
    }
}
