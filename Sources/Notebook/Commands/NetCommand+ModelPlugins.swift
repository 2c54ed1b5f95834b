import RNNKit

extension NetCommand {
    /// `net NAME …` for a model plugin (`net seq2seq encoder=gru attention=dot`):
    /// its options validated against the descriptor's specs, `in=` defaulting
    /// as for a cell (the data's or encoding's width, else the current
    /// model's), the model built, uninitialised. `arguments` have
    /// `in=auto`/`out=auto` resolved already. Changes nothing: the caller
    /// initialises and installs the model.
    static func buildModelPlugin(_ descriptor: ModelDescriptor, line: ParsedLine, arguments: ArraySlice<Argument>,
                                 session: Session, at nameRange: Range<Int>) throws(CommandError) -> any Model {
        let options = try line.options(arguments.dropFirst(), specs: descriptor.options, context: "net \(descriptor.name)")
        let fallback = session.automaticInputWidth() ?? (session.model as? any SequenceModel)?.inputWidth
        guard let inputSize = options.int("in") ?? fallback else {
            throw CommandError("net \(descriptor.name) needs the input width: add in=N (or load data, then in=auto)", at: nameRange)
        }
        let config = ModelConfig(inputSize: inputSize, outputSize: options.int("out"), options: options, registry: session.registry)
        let model: any Model
        do {
            model = try descriptor.make(config)
        } catch let error as CellError {
            throw CommandError(error.message, at: nameRange)
        } catch {
            throw CommandError("cannot build this \(descriptor.name): \(describeError(error))", at: nameRange)
        }
        return model
    }
}
