import RNNKit

/// A result a claim can name (`accuracy`, `loss[3]`, `f1.dest`, `gradnorm[1]`):
/// what the last `train` or `eval` measured, read from the session.
struct Measurement: Sendable {
    /// How the name takes an argument.
    enum Argument: Sendable {
        /// A bare name: `accuracy`.
        case none
        /// A 1-based index: `gradnorm[1]` (time step), `loss[3]` (epoch); bare means the last.
        case index(String)
        /// A tag after a dot: `f1.dest`.
        case tag
    }

    let name: String
    let argument: Argument
    let help: String
    /// A yes/no result (0 or 1), which a claim may name alone: `expect diverged`.
    var isYesNo = false
    /// The value, or an error saying what to run first; `index` is 1-based, `tag` a tag name.
    let read: @Sendable (Session, _ index: Int?, _ tag: String?) throws(MeasurementError) -> ClaimValue

    /// Every name `expect` knows, in `help expect` order.
    static let all: [Measurement] = [
        Measurement(name: "loss", argument: .index("epoch"), help: "training loss per word of the last epoch (loss[k]: epoch k)") { s, k, _ throws(MeasurementError) in
            .number(try epoch(s, k).trainLoss)
        },
        Measurement(name: "valid_loss", argument: .index("epoch"), help: "validation loss of the last epoch (valid_loss[k]: epoch k)") { s, k, _ throws(MeasurementError) in
            guard let v = try epoch(s, k).validLoss else { throw MeasurementError("there is no validation part (use `data … valid=0.2`)") }
            return .number(v)
        },
        Measurement(name: "epochs", argument: .none, help: "epochs trained since the net was built") { s, _, _ in
            .number(Double(s.lossHistory.count))
        },
        Measurement(name: "diverged", argument: .none, help: "1 if the last `train` stopped on a NaN or infinite loss, else 0", isYesNo: true) { s, _, _ throws(MeasurementError) in
            guard let stop = s.lastTrainingStop else { throw MeasurementError("no training yet: run `train` first") }
            if case .nonFinite = stop { return .number(1) }
            return .number(0)
        },
        Measurement(name: "gradnorm", argument: .index("time step"), help: "‖∂L/∂h_t‖ of the last training batch at step t (gradnorm[t])") { s, t, _ throws(MeasurementError) in
            .number(try element(t, of: s.lastStepGradientNorms, none: "no gradient norms yet: run `train` first",
                                outside: "gradnorm has steps"))
        },
        Measurement(name: "eval_loss", argument: .none, help: "loss of the last `eval`") { s, _, _ throws(MeasurementError) in
            .number(try evaluation(s).loss)
        },
        Measurement(name: "accuracy", argument: .none, help: "fraction of words tagged right (of tokens decoded right, for seq2seq) by the last `eval` (0 to 1)") { s, _, _ throws(MeasurementError) in
            guard let a = try evaluation(s).accuracy else { throw MeasurementError("the last `eval` was not of tagged data") }
            return .number(a)
        },
        Measurement(name: "perplexity", argument: .none, help: "perplexity of the last `eval` of a text model") { s, _, _ throws(MeasurementError) in
            guard let p = try evaluation(s).perplexity else { throw MeasurementError("the last `eval` was not of a text model") }
            return .number(p)
        },
        Measurement(name: "exact_match", argument: .none, help: "fraction of sequences an encoder–decoder decoded exactly in the last `eval`") { s, _, _ throws(MeasurementError) in
            guard let m = try evaluation(s).exactMatch else { throw MeasurementError("the last `eval` was not of an encoder–decoder") }
            return .number(m)
        },
        Measurement(name: "bleu", argument: .none, help: "BLEU-4 (0 to 1) of an encoder–decoder's outputs in the last `eval`") { s, _, _ throws(MeasurementError) in
            guard let b = try evaluation(s).bleu else { throw MeasurementError("the last `eval` was not of an encoder–decoder") }
            return .number(b)
        },
        Measurement(name: "token", argument: .index("output token"),
                    help: "the k-th token the last seq2seq `predict` wrote (token[1] == 9; a number when it reads as one)") { s, k, _ throws(MeasurementError) in
            guard s.model is any SequenceTransducer else { throw MeasurementError("token[k] reads an encoder–decoder's `predict`; a tagger's is tag[k]") }
            let token = try element(k, of: s.lastPrediction, none: "no decoded tokens yet: run `predict TOKEN…` first",
                                    outside: "the last `predict` wrote tokens")
            return Double(token).map { .number($0) } ?? .word(token)
        },
        Measurement(name: "attended", argument: .index("output token"),
                    help: "the input position (1-based) the k-th output of the last seq2seq `predict` weighted most (attended[1])") { s, k, _ throws(MeasurementError) in
            let peaks = s.lastAlignment?.weights.map { row in Double((row.indices.max { row[$0] < row[$1] } ?? 0) + 1) } ?? []
            return .number(try element(k, of: peaks, none: "no attention yet: `predict` with a seq2seq net built with attention=…",
                                       outside: "the last `predict` wrote outputs"))
        },
        Measurement(name: "precision", argument: .tag, help: "precision of a tag in the last `eval` (precision.dest)") { s, _, tag throws(MeasurementError) in
            .number(try scores(s, tag).precision)
        },
        Measurement(name: "recall", argument: .tag, help: "recall of a tag in the last `eval` (recall.dest)") { s, _, tag throws(MeasurementError) in
            .number(try scores(s, tag).recall)
        },
        Measurement(name: "f1", argument: .tag, help: "F1 of a tag in the last `eval` (f1.dest)") { s, _, tag throws(MeasurementError) in
            .number(try scores(s, tag).f1)
        },
        Measurement(name: "span_f1", argument: .none, help: "span F1 of the last `eval` of BIO tags, as conlleval counts it (0 to 1)") { s, _, _ throws(MeasurementError) in
            .number(try spans(s).f1)
        },
        Measurement(name: "span_precision", argument: .none, help: "span precision of the last `eval` of BIO tags (0 to 1)") { s, _, _ throws(MeasurementError) in
            .number(try spans(s).precision)
        },
        Measurement(name: "span_recall", argument: .none, help: "span recall of the last `eval` of BIO tags (0 to 1)") { s, _, _ throws(MeasurementError) in
            .number(try spans(s).recall)
        },
        Measurement(name: "invalid_transitions", argument: .none, help: "predicted I-x tags after neither B-x nor I-x in the last `eval` of BIO tags") { s, _, _ throws(MeasurementError) in
            guard let n = try evaluation(s).invalidTransitions else { throw MeasurementError("the last `eval` was not of BIO tags (`data slots tags=bio`)") }
            return .number(Double(n))
        },
        Measurement(name: "tag", argument: .index("word"), help: "the tag the last `predict` gave word k (tag[2] == dest)") { s, k, _ throws(MeasurementError) in
            .word(try element(k, of: s.lastPrediction, none: "no prediction yet: run `predict WORD…` first",
                              outside: "the last `predict` tagged words"))
        },
    ]

    static func named(_ name: String) -> Measurement? { all.first { $0.name == name } }

    /// The `k`-th (1-based; nil: the last) of `items`, or an error: `none` when
    /// there are none, `outside` + " 1 to N, not k" when `k` is out of range.
    private static func element<T>(_ k: Int?, of items: [T], none: String, outside: String) throws(MeasurementError) -> T {
        guard let last = items.last else { throw MeasurementError(none) }
        guard let k else { return last }
        guard (1...items.count).contains(k) else { throw MeasurementError("\(outside) 1 to \(items.count), not \(k)") }
        return items[k - 1]
    }

    private static func epoch(_ s: Session, _ k: Int?) throws(MeasurementError) -> EpochReport {
        guard let last = s.lossHistory.last else { throw MeasurementError("no training yet: run `train` first") }
        guard let k else { return last }
        guard let report = s.lossHistory.first(where: { $0.epoch == k }) else {
            throw MeasurementError("epochs run from 1 to \(last.epoch), not \(k)")
        }
        return report
    }

    private static func evaluation(_ s: Session) throws(MeasurementError) -> Evaluation {
        guard let e = s.lastEvaluation else { throw MeasurementError("no evaluation yet: run `eval` first") }
        return e
    }

    private static func spans(_ s: Session) throws(MeasurementError) -> SpanScores {
        guard let spans = try evaluation(s).spans else { throw MeasurementError("the last `eval` was not of BIO tags (`data slots tags=bio`)") }
        return spans
    }

    private static func scores(_ s: Session, _ tag: String?) throws(MeasurementError) -> TagScores {
        let e = try evaluation(s)
        guard let tag else { throw MeasurementError("name a tag after a dot, e.g. f1.\(e.tags.keys.sorted().first ?? "dest")") }
        guard let scores = e.tags[tag] else {
            let hint = closestMatch(to: tag, in: Array(e.tags.keys)).map { " (did you mean '\($0)'?)" } ?? ""
            throw MeasurementError("no tag '\(tag)' in the last `eval`\(hint); tags: \(e.tags.keys.sorted().joined(separator: " "))")
        }
        return scores
    }
}

/// A result's value: a number, or a word such as a tag.
enum ClaimValue: Equatable, Sendable {
    case number(Double)
    case word(String)
}

/// Why a measurement cannot be read now.
struct MeasurementError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
