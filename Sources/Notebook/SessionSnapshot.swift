import RNNKit

/// Everything a command may change, captured so a refused `load session`
/// (or `train`, or `load model`) can put the session back exactly as it was:
/// the `SessionState` value, plus what its two reference fields hold — the
/// network's weights and memory, and a copy of the optimizer's state.
struct SessionSnapshot {
    let state: SessionState
    let parameterValues: [Matrix]
    let memory: [StateValues]
    let time: Int

    init(_ session: Session) {
        var state = session.state
        // A copy: training inside a refused `load session` must not leave momenta behind.
        state.optimizerChoice = session.optimizerChoice.map {
            OptimizerChoice(descriptor: $0.descriptor, options: $0.options, optimizer: $0.optimizer.copy())
        }
        self.state = state
        parameterValues = session.network?.namedParameters.map(\.parameter.value) ?? []
        memory = session.network?.state ?? []
        time = session.network?.time ?? 0
    }

    func restore(_ session: Session) {
        session.state = state
        if let network = state.network {
            for ((_, p), v) in zip(network.namedParameters, parameterValues) { p.value = v }
            network.restore(state: memory, time: time)
        }
    }
}
