/// What a model plugin is built from: the `net` line's validated options and
/// the widths around it. A model plugin is a kind of model other than the
/// recurrent `Network` (an encoder–decoder, an HMM tagger), built by
/// `net NAME …` exactly as a cell is.
public struct ModelConfig: Sendable {
    /// Width of each input vector (`in=`, or the encoding's/data's width).
    public var inputSize: Int
    /// The `out=` width (tags, characters), when given.
    public var outputSize: Int?
    /// The model's own options, validated against its specs, defaults filled in.
    public var options: Options
    /// Every cell, encoding and optimizer of this build, so a model can build
    /// its parts by name (an encoder of `lstm` cells).
    public var registry: Registry

    public init(inputSize: Int, outputSize: Int?, options: Options, registry: Registry) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.options = options
        self.registry = registry
    }
}

/// How to build one kind of model, with its documentation and typed options.
public struct ModelDescriptor: Sendable {
    /// The name typed after `net`: `seq2seq`, `hmm`.
    public let name: String
    /// One line for `plugins`.
    public let summary: String
    /// The equations and notes for `help net NAME`.
    public let details: String
    /// The model's options (its own, including any of `in= hidden= out=` it takes).
    public let options: [OptionSpec]
    /// Builds an uninitialised model; throws `CellError` for options it cannot make.
    public let make: @Sendable (ModelConfig) throws -> any Model

    public init(name: String, summary: String, details: String, options: [OptionSpec],
                make: @escaping @Sendable (ModelConfig) throws -> any Model) {
        self.name = name; self.summary = summary; self.details = details; self.options = options; self.make = make
    }
}
