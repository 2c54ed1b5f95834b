/// A linear-chain CRF over a network's per-step outputs (its emission
/// scores): a learned score for starting in each tag, ending in each tag and
/// moving from one tag to the next. Names and initialisation are
/// pytorch-crf's (`crf.start_transitions`, `crf.end_transitions`,
/// `crf.transitions[from, to]`, each U(−0.1, 0.1)).
public final class CRFLayer {
    public let tagCount: Int
    public let start: Parameter
    public let end: Parameter
    public let transitions: Parameter

    public init(tags: Int) {
        tagCount = tags
        start = Parameter("crf.start_transitions", count: tags)
        end = Parameter("crf.end_transitions", count: tags)
        transitions = Parameter("crf.transitions", rows: tags, cols: tags)
    }

    /// The parameters in state-dict order.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        [(start.name, start), (end.name, end), (transitions.name, transitions)]
    }

    /// U(−0.1, 0.1), as pytorch-crf's `reset_parameters`.
    public func initialize(rng: inout SeededGenerator) {
        for p in [start, end, transitions] { p.fill { Float(rng.uniform(-0.1, 0.1)) } }
    }

    /// The chain of one sentence whose emission scores are `emissions` (T rows of K).
    public func chain(emissions: [[Double]]) -> LinearChain {
        LinearChain(start: start.value.data.map(Double.init), transitions: transitions.value.data.map(Double.init),
                    end: end.value.data.map(Double.init), emissions: emissions)
    }

    /// Σ over the batch of −log P(gold tags | sentence) on the tape: log Z by
    /// the forward algorithm minus the gold path's score, one 1×1 value.
    /// `emissions[t]` is `[batch, K]`; `targets[t][b]` < 0 marks padding (a
    /// sentence ends at its first). Gradients (posteriors minus gold counts)
    /// flow to the emissions and the three parameters.
    public func negativeLogLikelihood(_ emissions: [Variable], targets: [[Int]], on tape: Tape) -> Variable {
        crfNegativeLogLikelihood(emissions, start: tape.variable(for: start), end: tape.variable(for: end),
                                 transitions: tape.variable(for: transitions), targets: targets)
    }
}
