import RNNKit

/// Turns the session's data into encoded sequences and batches.
struct TrainingData {
    let layout: BatchLayout
    let dimension: Int
    let train: [TrainingSequence]
    let validation: [TrainingSequence]

    /// Encodes the session's data set for `model`, or says why it does not fit.
    /// `needsTraining` refuses an empty training part (train, plot surface);
    /// `eval` checks the part it evaluates itself.
    init(session: Session, model: any SequenceModel, needsTraining: Bool = true, at range: Range<Int>) throws(CommandError) {
        guard let data = session.data else {
            throw CommandError("no data yet: make some with `data slots` or load a file with `data tagged FILE`", at: range)
        }
        switch data {
        case .tagged(_, let split, let tags):
            let encoding = try session.requireEncoding(at: range)
            dimension = encoding.dimension
            let index = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
            func encode(_ s: TaggedSentence) -> TrainingSequence {
                var sequence = TrainingSequence(inputs: s.words.map(encoding.encode), targets: s.tags.map { index[$0] ?? -1 })
                sequence.words = s.words
                return sequence
            }
            layout = .independent
            train = split.train.map(encode)
            validation = split.validation.map(encode)
        case .real(_, let split, let width, _):
            dimension = width
            func encode(_ s: RealSequence) -> TrainingSequence {
                TrainingSequence(inputs: s.inputs.map { row in
                    SparseVector(dimension: width, entries: row.enumerated().map { ($0.offset, $0.element) })
                }, realTargets: s.targets)
            }
            layout = .independent
            train = split.train.map(encode)
            validation = split.validation.map(encode)
        case .pairs(_, let split, let vocabulary):
            dimension = vocabulary.count
            layout = .independent
            train = split.train.map { PairEncoding(vocabulary).sequence($0) }
            validation = split.validation.map { PairEncoding(vocabulary).sequence($0) }
        case .text(_, let trainText, let validText, let characters):
            dimension = characters.count
            func encode(_ text: String) -> [TrainingSequence] {
                let ids = characters.indices(of: text)
                guard ids.count >= 2 else { return [] }
                let inputs = ids.dropLast().map { SparseVector(dimension: characters.count, entries: [($0, 1)]) }
                return [TrainingSequence(inputs: inputs, targets: Array(ids.dropFirst()))]
            }
            layout = .streams
            train = encode(trainText)
            validation = encode(validText)
        }
        let rebuild = model.command.split(separator: " ").prefix(2).joined(separator: " ")
        guard model.inputWidth == dimension else {
            throw CommandError("the net takes \(model.inputWidth) inputs but the data's vectors have \(dimension): rebuild it with `\(rebuild) in=auto out=auto …`", at: range)
        }
        guard model.outputWidth == data.classCount else {
            throw CommandError("the net outputs \(model.outputWidth) values but the data has \(data.classCount) classes: rebuild it with out=auto", at: range)
        }
        guard !train.isEmpty || !needsTraining else { throw CommandError("the training part of the data is empty", at: range) }
    }

    /// Batches of independent sequences (shuffled with `rng`), or consecutive text chunks.
    func batches(_ sequences: [TrainingSequence], size: Int, bptt: Int, shuffle rng: inout SeededGenerator?) -> [Batch] {
        switch layout {
        case .independent:
            var order = sequences
            if var generator = rng {
                order = sequences.shuffled(using: &generator)
                rng = generator
            }
            return stride(from: 0, to: order.count, by: size).map { Batch(Array(order[$0..<min($0 + size, order.count)]), dimension: dimension) }
        case .streams:
            guard let text = sequences.first else { return [] }
            let streams = max(1, min(size, text.count / max(bptt, 1)))
            return streamBatches(text, streams: streams, bptt: bptt, dimension: dimension)
        }
    }
}
