import RNNKit

extension EncoderDecoder {
    /// A source read once, off any tape: what decoding it needs, so that
    /// each decoder step runs on a tape of its own and a long decode (or a
    /// wide beam) keeps only the states, not every step's intermediate values.
    struct FrozenSource {
        let outputs: [Matrix]
        let projected: [Matrix]
        let initialStates: [StateValues]
        /// The encoder's probes per source step (when asked for).
        let probes: [[Probes.Entry]]
    }

    /// What one inference step gives.
    struct InferenceStep {
        let logits: [Float]
        let states: [StateValues]
        /// The attention weights over the source steps (nil without attention).
        let weights: [Double]?
        let probes: [Probes.Entry]
    }

    /// Reads the source (batch 1) that `inputs` puts on a tape with the encoder.
    func freeze(probes: Bool = false, _ inputs: (Tape) -> [Variable]) throws(CellError) -> FrozenSource {
        let tape = Tape(recording: false)
        let encoded = try encode(inputs(tape), lengths: nil, probes: probes)
        return FrozenSource(outputs: encoded.outputs.map(\.value), projected: encoded.keys?.projected.map(\.value) ?? [],
                            initialStates: initialDecoderStates(encoded, batch: 1, on: tape).map(\.matrices), probes: encoded.probes)
    }

    /// One decoder step from `states` reading the class `token`, on a fresh tape.
    func inferenceStep(_ token: Int, states: [StateValues], source: FrozenSource) throws(CellError) -> InferenceStep {
        let tape = Tape(recording: false)
        let outputs = source.outputs.map { tape.constant($0) }
        let keys = attention.map { _ in AttentionLayer.Keys(outputs: outputs, projected: source.projected.map { tape.constant($0) }, lengths: nil) }
        let encoded = Encoded(outputs: outputs, finalStates: [], keys: keys, probes: [], firstLayerOutputs: [])
        let x = tape.sparseConstant([SparseVector(dimension: outputWidth, entries: [(token, 1)])])
        let step = try decoderStep(x, states: states.map { $0.onTape(tape) }, encoded: encoded)
        return InferenceStep(logits: step.logits.value.row(0), states: step.states.map(\.matrices),
                             weights: step.weights.map { $0.value.row(0).map(Double.init) }, probes: step.probes)
    }
}
