import RNNKit

/// Everything a command may change, captured so a refused `load session`
/// can put the session back exactly as it was.
struct SessionSnapshot {
    let network: Network?
    let parameterValues: [Matrix]
    let state: [[String: Matrix]]
    let time: Int
    let rng: SeededGenerator
    let seed: UInt64
    let format: NumberFormat
    let transcriptCount: Int
    let lastProbes: [[Probes.Entry]]
    let vocabulary: Vocabulary
    let encodingChoice: EncodingChoice?
    let data: LoadedData?
    let optimizerChoice: OptimizerChoice?
    /// The optimizer's momenta and learning rate by parameter name: training
    /// inside a refused `load session` must not leave them changed.
    let optimizerState: OptimizerState?
    let lossHistory: [EpochReport]
    let lastStepGradientNorms: [Double]
    let lastTrainingStop: TrainingStop?
    let lastEvaluation: Evaluation?
    let lastPrediction: [String]

    init(_ session: Session) {
        network = session.network
        parameterValues = session.network?.namedParameters.map(\.parameter.value) ?? []
        state = session.network?.state ?? []
        time = session.network?.time ?? 0
        rng = session.rng
        seed = session.seed
        format = session.format
        transcriptCount = session.transcript.count
        lastProbes = session.lastProbes
        vocabulary = session.vocabulary
        encodingChoice = session.encodingChoice
        data = session.data
        optimizerChoice = session.optimizerChoice
        optimizerState = session.optimizerChoice?.optimizer.stateDict(of: session.network?.namedParameters ?? [])
        lossHistory = session.lossHistory
        lastStepGradientNorms = session.lastStepGradientNorms
        lastTrainingStop = session.lastTrainingStop
        lastEvaluation = session.lastEvaluation
        lastPrediction = session.lastPrediction
    }

    func restore(_ session: Session) {
        session.network = network
        if let network {
            for ((_, p), v) in zip(network.namedParameters, parameterValues) { p.value = v }
            network.restore(state: state, time: time)
        }
        session.restoreSeed(seed, generator: rng)
        session.format = format
        session.transcript.removeSubrange(transcriptCount...)
        session.lastProbes = lastProbes
        session.vocabulary = vocabulary
        session.encodingChoice = encodingChoice
        session.data = data
        session.optimizerChoice = optimizerChoice
        if let optimizer = optimizerChoice?.optimizer, let optimizerState {
            // Cannot be refused: the state was exported from these very parameters.
            try? optimizer.load(optimizerState, into: network?.namedParameters ?? [])
        }
        session.lossHistory = lossHistory
        session.lastStepGradientNorms = lastStepGradientNorms
        session.lastTrainingStop = lastTrainingStop
        session.lastEvaluation = lastEvaluation
        session.lastPrediction = lastPrediction
    }
}
