import RNNKit

/// Everything a command may change, captured so a refused `load session`
/// can put the session back exactly as it was.
struct SessionSnapshot {
    let network: Network?
    let parameterValues: [Matrix]
    let state: [StateValues]
    let time: Int
    let rng: SeededGenerator
    let seed: UInt64
    let format: NumberFormat
    /// The whole transcript (shared, not copied, until the session appends):
    /// put back as it was whatever a refused command did to it.
    let transcript: [TranscriptEntry]
    let lastProbes: [[Probes.Entry]]
    let vocabulary: Vocabulary
    let encodingChoice: EncodingChoice?
    let data: LoadedData?
    let optimizerChoice: OptimizerChoice?
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
        transcript = session.transcript
        lastProbes = session.lastProbes
        vocabulary = session.vocabulary
        encodingChoice = session.encodingChoice
        data = session.data
        // A copy: training inside a refused `load session` must not leave momenta behind.
        optimizerChoice = session.optimizerChoice.map {
            OptimizerChoice(descriptor: $0.descriptor, options: $0.options, optimizer: $0.optimizer.copy())
        }
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
        session.transcript = transcript
        session.lastProbes = lastProbes
        session.vocabulary = vocabulary
        session.encodingChoice = encodingChoice
        session.data = data
        session.optimizerChoice = optimizerChoice
        session.lossHistory = lossHistory
        session.lastStepGradientNorms = lastStepGradientNorms
        session.lastTrainingStop = lastTrainingStop
        session.lastEvaluation = lastEvaluation
        session.lastPrediction = lastPrediction
    }
}
