import RNNKit

/// Registers the `hmm` model: `net hmm in=auto out=auto [k=0.1] [suffix=3] [buckets=1024]`.
public enum HMMPlugin: RNNPlugin {
    static let smoothing = Option("k", number: 1e-6...100, default: 0.1, help: "add-k smoothing of every table")
    static let suffixLength = Option("suffix", int: 1...8, default: 3, help: "unknown words: suffixes of 1 to N letters are features")
    static let buckets = Option("buckets", int: 1...65_536, default: 1024, help: "unknown words: hashed shape and suffix slots")
    /// Most numbers an HMM's tables may hold (as many as a net may: 200 MB of Float32).
    static let maximumNumbers = 50_000_000

    public static func register(in registry: inout Registry) {
        registry.register(model: ModelDescriptor(
            name: "hmm",
            summary: "hidden Markov model tagger: counted, not trained by gradient; Viterbi decoding",
            details: """
                P(tags, words) = P(t1) · Π P(t_k | t_k-1) · P(stop | t_T) · Π P(w_k | t_k), every table counted from
                the data by `train` (one pass, no epochs) with add-k smoothing; `predict` and `eval` decode by Viterbi,
                and `predict`'s p is P(tag | whole sentence) by forward–backward.
                A word is its encoding's features: with one-hot or other, the word itself; with letter-hash its
                trigrams (the emission is then the geometric mean of P(trigram | tag)).
                Unknown words (no feature seen in training): P(unknown | tag), counted from the words seen once,
                times the geometric mean of P(feature | tag) over the word's letter shape (Taipei → Xx) and its
                last 1…suffix letters, hashed into buckets= slots — so an unseen city still looks like a city.
                Tables (`params`): start, transitions [from, to], stop, emissions [tag, feature], unknown,
                suffixes [tag, slot], frequency (per feature), counted. `plot weights transitions` draws P(to | from).
                `step`/`run` show the Viterbi trellis: each tag's best log score so far and its back-pointer.
                """,
            options: [NetworkConfig.inputOption.spec, NetworkConfig.outputOption.spec, smoothing.spec, suffixLength.spec, buckets.spec],
            make: { config in
                guard let tags = config.outputSize, tags > 0 else {
                    throw CellError("an hmm needs its tags: add out=auto (after `data …`) or out=N")
                }
                let numbers = HMMTagger.numberCount(features: config.inputSize, tags: tags, buckets: config.options[buckets])
                guard numbers <= maximumNumbers else {
                    throw CellError("this hmm would hold \(numbers) numbers, over the limit of \(maximumNumbers): fewer tags, features or buckets")
                }
                return HMMTagger(features: config.inputSize, tags: tags, smoothing: config.options[smoothing],
                                 suffixLength: config.options[suffixLength], buckets: config.options[buckets])
            }))
    }
}
