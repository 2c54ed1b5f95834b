import Foundation
import RNNKit

extension EvalCommand {
    /// `eval [valid|train] [beam=N]` for an encoder–decoder: the teacher-forced
    /// loss per target token, then every pair decoded (greedily, or by beam
    /// search) and scored: token accuracy, exact match and BLEU.
    func evaluate(_ line: ParsedLine, _ model: any SequenceTransducer, in session: Session) throws(CommandError) -> CommandResult {
        var part = "valid"
        var optionArguments: [Argument] = []
        for (i, argument) in line.arguments.enumerated() {
            if case .option = argument { optionArguments.append(argument); continue }
            let (word, range) = try line.word(at: i, expected: "valid or train")
            guard ["valid", "train"].contains(word), i == 0 else { throw CommandError("eval takes `valid` or `train`, then beam=N", at: range) }
            part = word
        }
        let options = try line.options(optionArguments[...], specs: [PredictCommand.beam.spec], context: "eval")
        guard case .pairs(_, let split, let vocabulary)? = session.data else {
            throw CommandError("an encoder–decoder is evaluated on source–target pairs: load some first (`data reverse`, `data pairs FILE`)",
                               at: line.commandRange)
        }
        let data = try TrainingData(session: session, model: model, needsTraining: false, at: line.commandRange)
        let sequences = part == "train" ? data.train : data.validation
        let pairs = part == "train" ? split.train : split.validation
        guard !sequences.isEmpty else { throw EvalCommand.emptyPart(part, of: data, at: line.commandRange) }
        var none: SeededGenerator? = nil
        let batches = data.batches(sequences, size: session.evaluationShape.batch, bptt: 0, shuffle: &none)
        let encoding = PairEncoding(vocabulary)
        var score = DecodingScore()
        // Refused before any work: the worst case of every pair.
        for pair in pairs {
            try PredictCommand.checkDecodingWork(sourceLength: pair.source.count, beam: options[PredictCommand.beam],
                                                 at: line.optionRange("beam") ?? line.commandRange)
        }
        let loss = try networkCall(at: line.commandRange) { () throws(CellError) in
            try model.meanLoss(batches, layout: .independent, shouldStop: session.isCancelled)
        }
        try refuseIfInterrupted(session, at: line.commandRange)
        for (pair, sequence) in zip(pairs, sequences) {
            let decoded = try networkCall(at: line.commandRange) { () throws(CellError) in
                try model.decode(sequence.source ?? [], start: TokenVocabulary.start, end: TokenVocabulary.end,
                                 maxLength: PredictCommand.maxOutput(forSource: pair.source.count), beam: options[PredictCommand.beam],
                                 shouldStop: session.isCancelled)
            }
            if decoded.interrupted { throw Self.interrupted(at: line.commandRange) }
            let gold = pair.target.map(encoding.vocabulary.index(of:))
            score.add(decoded: decoded.tokens, ended: decoded.ended, gold: gold)
        }
        session.recordEvaluation(Evaluation(part: part, loss: loss, accuracy: score.tokenAccuracy,
                                            exactMatch: score.exactMatch, bleu: score.bleu))
        let f = session.format
        return CommandResult([
            "\(part): \(pairs.count) pairs, \(score.goldTokens) target tokens (with </s>), loss \(f.format(loss)) per token (teacher forced)",
            "token accuracy \(f.format(100 * score.tokenAccuracy))%, exact match \(f.format(100 * score.exactMatch))%, BLEU \(f.format(100 * score.bleu))"
                + " (decoded \(options[PredictCommand.beam] == 1 ? "greedily" : "with beam \(options[PredictCommand.beam])"))",
        ])
    }
}

/// How decoded sequences compare with the targets: token accuracy (position
/// by position, `</s>` included, over the target's length), exact match, and
/// corpus BLEU-4 (clipped n-gram precisions, add-one smoothed for n ≥ 2 as
/// Lin & Och 2004, times the brevity penalty).
struct DecodingScore {
    private(set) var goldTokens = 0
    private(set) var rightTokens = 0
    private(set) var sequences = 0
    private(set) var exact = 0
    private var matches = [Int](repeating: 0, count: 4)
    private var totals = [Int](repeating: 0, count: 4)
    private var decodedLength = 0
    private var goldLength = 0

    mutating func add(decoded: [Int], ended: Bool, gold: [Int]) {
        let written = decoded + (ended ? [TokenVocabulary.end] : [])
        let expected = gold + [TokenVocabulary.end]
        goldTokens += expected.count
        rightTokens += zip(written, expected).filter { $0 == $1 }.count
        sequences += 1
        if ended && decoded == gold { exact += 1 }
        decodedLength += decoded.count
        goldLength += gold.count
        for n in 1...4 {
            let candidate = Self.ngrams(decoded, n), reference = Self.ngrams(gold, n)
            matches[n - 1] += candidate.reduce(0) { $0 + min($1.value, reference[$1.key] ?? 0) }
            totals[n - 1] += max(decoded.count - n + 1, 0)
        }
    }

    var tokenAccuracy: Double { goldTokens > 0 ? Double(rightTokens) / Double(goldTokens) : 0 }
    var exactMatch: Double { sequences > 0 ? Double(exact) / Double(sequences) : 0 }

    var bleu: Double {
        guard decodedLength > 0, matches[0] > 0 else { return 0 }
        var logPrecision = 0.0
        for n in 0..<4 {
            let p = n == 0 ? Double(matches[0]) / Double(totals[0]) : Double(matches[n] + 1) / Double(totals[n] + 1)
            logPrecision += log(p) / 4
        }
        let brevity = decodedLength >= goldLength ? 1 : exp(1 - Double(goldLength) / Double(decodedLength))
        return brevity * exp(logPrecision)
    }

    private static func ngrams(_ tokens: [Int], _ n: Int) -> [[Int]: Int] {
        guard tokens.count >= n else { return [:] }
        var counts: [[Int]: Int] = [:]
        for i in 0...(tokens.count - n) { counts[Array(tokens[i..<(i + n)]), default: 0] += 1 }
        return counts
    }
}
