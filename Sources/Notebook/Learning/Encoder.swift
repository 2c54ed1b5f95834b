import RNNKit

extension Session {
    /// Rebuilds the chosen encoding after the vocabulary changed.
    func rebuildEncoding() throws(CommandError) {
        guard let choice = state.encodingChoice else { return }
        state.encodingChoice = try makeEncoding(choice.descriptor, options: choice.options, at: nil)
    }

    /// Builds an encoding for the current vocabulary.
    func makeEncoding(_ d: EncodingDescriptor, options: Options, at range: Range<Int>?) throws(CommandError) -> EncodingChoice {
        do {
            return EncodingChoice(descriptor: d, options: options, encoding: try d.make(state.vocabulary.words, options))
        } catch let error as CommandError {
            throw error
        } catch {
            throw CommandError("cannot build encoding \(d.name): \(describeError(error))", at: range)
        }
    }

    /// The encoding, or an error saying how to choose one.
    func requireEncoding(at range: Range<Int>) throws(CommandError) -> any Encoding {
        guard let choice = state.encodingChoice else {
            throw CommandError("no encoding yet: choose one with `encoding one-hot` (after `vocab WORD…`) or load data", at: range)
        }
        return choice.encoding
    }

    /// What `in=auto` means now: the text's characters, else the encoding's width.
    func automaticInputWidth() -> Int? {
        if case .text(_, _, _, let characters)? = state.data { return characters.count }
        if case .real(_, _, let width, _)? = state.data { return width }
        if case .pairs(_, _, let vocabulary)? = state.data { return vocabulary.count }
        return state.encodingChoice?.encoding.dimension
    }

    /// One time step's input for a word: a text model's character, or the encoding's vector.
    func encodeWord(_ word: String, at range: Range<Int>) throws(CommandError) -> SparseVector {
        if case .text(_, _, _, let characters)? = state.data, state.encodingChoice == nil {
            guard word.count == 1, let c = word.first else {
                throw CommandError("a character model takes one character per step, not '\(word)'", at: range)
            }
            return SparseVector(dimension: characters.count, entries: [(characters.index(of: c), 1)])
        }
        return try requireEncoding(at: range).encode(word)
    }
}

/// A readable message for an error thrown by plugin or data code.
func describeError(_ error: any Error) -> String {
    if let e = error as? CellError { return e.message }
    if let e = error as? OptionError { return e.message }
    if let e = error as? DataError { return e.description }
    if let e = error as? CommandError { return e.message }
    return "\(error)"
}
