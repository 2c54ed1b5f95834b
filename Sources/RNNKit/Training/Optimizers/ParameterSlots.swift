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
    }

    @usableFromInline var entries: [ObjectIdentifier: Entry] = [:]

    /// No state for any parameter.
    public init() {}

    /// Runs `body` on the step count and state of `p`; a parameter with no
    /// (current) entry starts at step 0 with the state `initial` makes.
    @inlinable
    public mutating func withState<R>(of p: Parameter, initial: () -> State, _ body: (inout Int, inout State) -> R) -> R {
        let key = ObjectIdentifier(p)
        // Taken out while `body` runs, so its buffers are uniquely referenced (no copy on write);
        // a stale entry is replaced by a fresh one.
        var e = (isCurrent(key, for: p) ? entries.removeValue(forKey: key) : nil)
            ?? Entry(owner: p.liveness, count: p.value.count, step: 0, state: initial())
        let result = body(&e.step, &e.state)
        entries[key] = e
        return result
    }

    /// The step count and state of `p`, or nil when it has none (or only a stale one).
    public func state(of p: Parameter) -> (step: Int, state: State)? {
        let key = ObjectIdentifier(p)
        guard isCurrent(key, for: p), let e = entries[key] else { return nil }
        return (e.step, e.state)
    }

    /// Sets the step count and state of `p`, replacing any it had.
    public mutating func set(step: Int, state: State, for p: Parameter) {
        entries[ObjectIdentifier(p)] = Entry(owner: p.liveness, count: p.value.count, step: step, state: state)
    }

    /// Drops the entries of parameters that no longer exist.
    @inlinable
    public mutating func pruneReleased() {
        entries = entries.filter { $0.value.owner != nil }
    }

    /// Forgets every entry.
    public mutating func removeAll() { entries.removeAll() }

    /// How many parameters have state.
    @inlinable public var count: Int { entries.count }

    /// Whether the entry under `key` was made for `p` as it is now.
    @inlinable
    func isCurrent(_ key: ObjectIdentifier, for p: Parameter) -> Bool {
        guard let e = entries[key] else { return false }
        return e.owner === p.liveness && e.count == p.value.count
    }
}
