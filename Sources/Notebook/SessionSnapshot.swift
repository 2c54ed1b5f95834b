import RNNKit

/// Everything a command may change, captured so a refused `load session`
/// (or `train`, or `load model`) can put the session back exactly as it was:
/// the `SessionState` value (the `step` memory included), plus what its two
/// reference fields hold — the network's weights, and the optimizer's state
/// by parameter name.
struct SessionSnapshot {
    let state: SessionState
    let parameterValues: [Matrix]
    /// The optimizer's momenta and learning rate by parameter name: training
    /// inside a refused `load session` must not leave them changed.
    let optimizerState: OptimizerState?

    init(_ session: Session) {
        state = session.state
        parameterValues = session.model?.namedParameters.map(\.parameter.value) ?? []
        optimizerState = session.optimizerChoice?.optimizer.stateDict(of: session.model?.namedParameters ?? [])
    }

    func restore(_ session: Session) {
        session.state = state
        if let model = state.model {
            for ((_, p), v) in zip(model.namedParameters, parameterValues) { p.value = v }
        }
        if let optimizer = state.optimizerChoice?.optimizer, let optimizerState {
            // Cannot be refused: the state was exported from these very parameters.
            try? optimizer.load(optimizerState, into: state.model?.namedParameters ?? [])
        }
    }
}
