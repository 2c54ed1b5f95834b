/// What a network remembers between `step`s at the prompt: one state per
/// layer and direction (batch 1, `index = layer * directions + direction`)
/// and the steps fed since the last reset. A value the session owns, not
/// the model: a refused command puts it back with the rest of the session.
public struct NetworkMemory: Equatable, Sendable {
    public var states: [StateValues]
    /// Time steps fed since the last reset.
    public var time: Int

    public init(states: [StateValues], time: Int = 0) {
        self.states = states
        self.time = time
    }

    /// No memory (no network yet).
    public static let empty = NetworkMemory(states: [])
}
