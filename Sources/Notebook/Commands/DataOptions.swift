import RNNKit

/// The options of `data KIND`, each declared once with its default (the
/// same key can mean different things, with different defaults, per kind).
enum DataOptions {
    static let valid = Option("valid", number: 0...0.9, default: 0.2, help: "fraction held out for validation")
    static let seed = Option("seed", int: 0...Int(Int32.max), help: "seed of the split (and of the generator)")
    static let minCount = Option("min", int: 1...1_000_000, default: 1, help: "vocabulary: keep words seen this often")

    static let slotsCount = Option("n", int: 1...100_000, default: 300, help: "sentences to generate")
    static let late = Option("late", number: 0...1, default: 0.3, help: "fraction whose deciding word comes after the city")
    static let tags = Option<SlotFillingGenerator.Tagging>("tags", default: .plain, help: "dest/depart/time/O or BIO tags")

    static let recallCount = Option("n", int: 1...100_000, default: 300, help: "sequences to generate")
    static let recallLength = Option("length", int: 2...10_000, default: 20, help: "steps between the symbol and the question, plus two")
    static let symbols = Option("symbols", int: 2...26, default: 2, help: "how many symbols to remember (A, B, …)")
    static let noise = Option("noise", number: 0...1, default: 0, help: "chance that a middle word is a symbol too (only the first counts)")

    static let delayCount = Option("n", int: 1...100_000, default: 200, help: "sequences to generate")
    static let delayLength = Option("length", int: 1...10_000, default: 12, help: "steps per sequence")
    static let lag = Option("lag", int: 0...1000, default: 2, help: "the target is the input this many steps back")

    /// `format=`: a tagged file's layout, or `auto` to detect it.
    enum Layout: String, CaseIterable, Sendable {
        case auto, slash, tsv, conll
        /// The format to parse with; nil detects it.
        var format: TaggedFormat? { TaggedFormat(rawValue: rawValue) }
    }
    static let format = Option<Layout>("format", default: .auto, help: "file layout")
    static let maxCookies = Option("max", int: 1...10_000_000, help: "use at most this many cookies")

    static let pairCount = Option("n", int: 1...100_000, default: 500, help: "pairs to generate")
    static let minLength = Option("min", int: 1...1000, default: 1, help: "shortest source sequence")
    static let maxLength = Option("max", int: 1...1000, default: 8, help: "longest source sequence")
    static let pairSymbols = Option("symbols", int: 2...36, default: 10, help: "distinct symbols (digits 0-9, then letters)")
    static let pairTokens = Option<PairTokens>("tokens", default: .words, help: "a pair's sides split into words (at spaces) or characters")
    static let autoencode = Option("autoencode", flag: false,
                                   help: "source–target pairs with target = source (a sequence autoencoder): sentences, or text lines as characters")

    static let common = [valid.spec, seed.spec]
    static let generatedPairs = common + [pairCount.spec, minLength.spec, maxLength.spec, pairSymbols.spec]
    /// The options each kind takes.
    static let kinds: [String: [OptionSpec]] = [
        "slots": common + [slotsCount.spec, late.spec, tags.spec, minCount.spec, autoencode.spec],
        "recall": common + [recallCount.spec, recallLength.spec, symbols.spec, noise.spec],
        "delay": common + [delayCount.spec, delayLength.spec, lag.spec],
        "tagged": common + [format.spec, minCount.spec, autoencode.spec],
        "text": common + [autoencode.spec],
        "fortunes": common + [maxCookies.spec, autoencode.spec],
        "pairs": common + [pairTokens.spec],
        "copy": generatedPairs,
        "reverse": generatedPairs,
        "sort": generatedPairs,
    ]
}
