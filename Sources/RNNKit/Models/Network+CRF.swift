// A network with a CRF layer (`net … out=auto crf`) tags whole sentences:
// its outputs are the chain's emission scores, decoded by Viterbi.

extension Network: ChainTagger, TagIndexedParameters {
    /// The sentence's chain: this net's outputs as emissions under its CRF; nil without a CRF (argmax per step).
    public func chain(_ inputs: [SparseVector], words: [String]?) throws(CellError) -> LinearChain? {
        guard let crf else { return nil }
        guard !inputs.isEmpty else { return crf.chain(emissions: []) }
        let scores = try logits(inputs.map { [$0] }, carry: nil, lengths: nil).logits
        return crf.chain(emissions: scores.map { $0.row(0).map(Double.init) })
    }

    public func tagAxes(of name: String) -> (rows: Bool, columns: Bool) {
        guard let crf else { return (false, false) }
        switch name {
        case crf.transitions.name: return (true, true)
        case crf.start.name, crf.end.name: return (false, true)
        case "out.weight", "out.bias": return (name == "out.weight", name == "out.bias")
        default: return (false, false)
        }
    }
}
