import Foundation
import RNNKit

/// A headless run's results as JSON (`rnnbook FILE -p … --json RESULT.json`):
/// the parameters, every epoch of every `train`, every `eval`, so a sweep's
/// runs collect into one table (`jq -s`, pandas).
public enum RunRecord {
    struct Record: Encodable {
        var notebook: String
        var parameters: [String: String]
        var ok: Bool
        var error: String?
        var epochs: [Epoch]
        var evaluations: [EvaluationRecord]
    }

    struct Epoch: Encodable {
        var epoch: Int, loss: Double, validLoss: Double?, tokens: Int
    }

    struct EvaluationRecord: Encodable {
        var part: String, loss: Double, accuracy: Double?, perplexity: Double?
        var f1: [String: Double]
        /// Span F1 and invalid transitions, for BIO tags only (absent otherwise).
        var spanF1: Double? = nil, invalidTransitions: Int? = nil
        /// An encoder–decoder's (absent otherwise).
        var exactMatch: Double?, bleu: Double?
    }

    /// The JSON document for a run of `notebook` that ended in `session` (with `error`, if it stopped at one).
    public static func json(notebook: String, session: Session, error: String?) -> Data {
        let record = Record(
            notebook: notebook, parameters: session.parameters, ok: error == nil, error: error,
            epochs: session.lossHistory.map { Epoch(epoch: $0.epoch, loss: $0.trainLoss, validLoss: $0.validLoss, tokens: $0.tokens) },
            evaluations: session.evaluationLog.map {
                EvaluationRecord(part: $0.part, loss: $0.loss, accuracy: $0.accuracy, perplexity: $0.perplexity,
                                 f1: $0.tags.mapValues(\.f1), spanF1: $0.spans?.f1, invalidTransitions: $0.invalidTransitions, exactMatch: $0.exactMatch, bleu: $0.bleu)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Non-finite losses (a diverged run) are written as strings, since JSON has no NaN.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return ((try? encoder.encode(record)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }

    /// Writes `data` to `path` (atomically, as every rnnbook file), or the error line.
    public static func write(_ data: Data, to path: String) throws(CommandError) {
        try writeFile(data, to: path, shownAs: path, at: nil, readOnly: .overwrite)
    }
}
