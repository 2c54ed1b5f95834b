import RNNKit

/// How the decoder scores a source step against its own state.
public enum AttentionKind: String, CaseIterable, Sendable {
    /// No attention: the decoder sees the source only through its initial state.
    case none
    /// Luong's dot score `hᵀ e_j` (needs the decoder's and encoder's widths equal).
    case dot
    /// Luong's general score `hᵀ W_a e_j`.
    case general
    /// Bahdanau's additive score `vᵀ tanh(W_q h + W_k e_j)`.
    case additive
}

/// Luong-style attention after the decoder's top layer: scores against every
/// encoder output, a softmax over the source's real steps, the context
/// `c = Σ_j a_j e_j`, and the attentional state `h̃ = tanh(W_c [c; h])` that
/// the output layer reads. Parameters are named `attention.…`.
struct AttentionLayer {
    let kind: AttentionKind
    /// `general`: W_a `[H, E]`.
    let weight: Parameter?
    /// `additive`: W_q `[H, H]`, W_k `[H, E]`, v `[1, H]` (`nn.Linear(H, 1, bias=False)`).
    let query: Parameter?
    let key: Parameter?
    let score: Parameter?
    /// W_c `[H, E + H]` (no bias, as Luong et al.).
    let combine: Parameter

    /// Attention for a decoder of `hidden` units over encoder outputs `encoderWidth` wide.
    init(kind: AttentionKind, hidden: Int, encoderWidth: Int) throws(CellError) {
        self.kind = kind
        if kind == .dot && hidden != encoderWidth {
            throw CellError("attention=dot needs the encoder's outputs (\(encoderWidth) wide) as wide as the decoder's state (\(hidden)): "
                            + "use attention=general or additive (a bidirectional encoder's outputs are twice as wide)")
        }
        weight = kind == .general ? Parameter("attention.weight", rows: hidden, cols: encoderWidth) : nil
        query = kind == .additive ? Parameter("attention.query.weight", rows: hidden, cols: hidden) : nil
        key = kind == .additive ? Parameter("attention.key.weight", rows: hidden, cols: encoderWidth) : nil
        score = kind == .additive ? Parameter("attention.v.weight", rows: 1, cols: hidden) : nil
        combine = Parameter("attention.combine.weight", rows: hidden, cols: encoderWidth + hidden)
    }

    var parameters: [Parameter] { [weight, query, key, score].compactMap { $0 } + [combine] }

    /// What attending needs from the encoder, computed once per source: its
    /// outputs and, for additive scores, their projections `W_k e_j`.
    struct Keys {
        let outputs: [Variable]
        let projected: [Variable]
        let lengths: [Int]?
    }

    func keys(_ outputs: [Variable], lengths: [Int]?) -> Keys {
        guard let key, let tape = outputs.first?.tape else { return Keys(outputs: outputs, projected: [], lengths: lengths) }
        let wk = tape.variable(for: key)
        return Keys(outputs: outputs, projected: outputs.map { linear($0, wk) }, lengths: lengths)
    }

    /// The attentional state `h̃` for the decoder's `h` `[B, H]`, and the weights `[B, source steps]`.
    func apply(_ h: Variable, _ keys: Keys) -> (state: Variable, weights: Variable) {
        let tape = h.tape
        let scores: [Variable]
        switch kind {
        case .general:
            let q = weight.map { matmul(h, tape.variable(for: $0)) } ?? h
            scores = keys.outputs.map { rowDot(q, $0) }
        case .additive:
            guard let query, let score else { scores = keys.outputs.map { rowDot(h, $0) }; break }
            let q = linear(h, tape.variable(for: query)), v = tape.variable(for: score)
            scores = keys.projected.map { linear(tanh(q + $0), v) }
        case .dot, .none:
            scores = keys.outputs.map { rowDot(h, $0) }
        }
        let weights = maskedSoftmax(concatColumns(scores, on: tape), lengths: keys.lengths)
        let parts = keys.outputs.enumerated().map { j, e in scaleRows(e, columns(weights, j..<(j + 1))) }
        let context = sum(parts, on: tape)
        let state = tanh(linear(concatColumns(context, h), tape.variable(for: combine)))
        return (state, weights)
    }
}
