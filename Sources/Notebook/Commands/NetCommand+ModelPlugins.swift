import RNNKit

extension NetCommand {
    /// The model plugin a `net NAME …` line names, built (uninitialised) from
    /// its validated options, or nil when NAME is not a model plugin (it is
    /// then a cell). `in=`/`out=` are already numbers (`in=auto` resolved);
    /// without `in=`, `inputWidth` stands in, and without `out=` (for a model
    /// that takes it), `outputWidth` (the data's tags or tokens). Shared by
    /// `net` and `load model` (which passes neither: a file says both).
    static func buildModelPlugin(_ line: ParsedLine, arguments: ArraySlice<Argument>, registry: Registry, inputWidth: Int?,
                                 outputWidth: Int? = nil) throws(CommandError) -> (any Model)? {
        guard case .value(let value, let range)? = arguments.first, let name = value.wordText,
              let descriptor = registry.model(named: name) else { return nil }
        let options = try line.options(arguments.dropFirst(), specs: descriptor.options, context: "net \(descriptor.name)")
        let takesInput = descriptor.options.contains { $0.key == NetworkConfig.inputOption.key }
        guard let inputSize = (takesInput ? options[NetworkConfig.inputOption] : nil) ?? inputWidth else {
            throw CommandError("net \(descriptor.name) needs the input width: add in=N (or choose an encoding or load data, then in=auto)", at: range)
        }
        let takesOutput = descriptor.options.contains { $0.key == NetworkConfig.outputOption.key }
        let out = takesOutput ? options[NetworkConfig.outputOption] : 0
        let config = ModelConfig(inputSize: inputSize, outputSize: out > 0 ? out : (takesOutput ? outputWidth : nil),
                                 options: options, registry: registry)
        do {
            return try descriptor.make(config)
        } catch let error as CellError {
            throw CommandError(error.message, at: range)
        } catch {
            throw CommandError("cannot build this model: \(error)", at: range)
        }
    }
}
