/// A plugin adds cells, encodings, optimizers and/or kinds of model to a `Registry`.
///
/// Plugins are registered from one explicit list, `allPlugins` in
/// `Sources/BuiltinPlugins/PluginList.swift` (used by the executable and the
/// tests), not discovered: Swift has no
/// portable way to find conforming types at run time, and an explicit list
/// makes the set of plugins in a build obvious and deterministic.
public protocol RNNPlugin {
    static func register(in registry: inout Registry)
}

/// How to build one cell type, with its documentation and typed options.
public struct CellDescriptor: Sendable {
    /// The name typed after `net`: `elman`, `lstm`.
    public let name: String
    /// One line for `plugins`.
    public let summary: String
    /// The equations and notes for `help net NAME`.
    public let details: String
    /// The cell's own options (beyond the network's `in= hidden= out= layers= bidirectional bias=`).
    public let options: [OptionSpec]
    /// Builds a cell; throws `CellError` for a combination of options it cannot make.
    public let make: @Sendable (CellConfig) throws -> any RecurrentCell

    public init(name: String, summary: String, details: String, options: [OptionSpec],
                make: @escaping @Sendable (CellConfig) throws -> any RecurrentCell) {
        self.name = name; self.summary = summary; self.details = details; self.options = options; self.make = make
    }
}

/// A cell refused its configuration.
public struct CellError: Error, Sendable {
    public let message: String
    /// Whether this is `interrupted` (told apart by a flag, not by its text, which a plugin could also write).
    public let isInterruption: Bool
    public init(_ message: String) { self.message = message; isInterruption = false }
    private init(interruption message: String) { self.message = message; isInterruption = true }

    /// A pass stopped because its tape's `shouldStop` said so (Ctrl-C), not a mistake.
    public static let interrupted = CellError(interruption: "interrupted (Ctrl-C)")
}

/// A sparse vector: the non-zero entries of an encoded word.
public struct SparseVector: Sendable, Equatable {
    public var dimension: Int
    /// (index, value) pairs in increasing index order.
    public var entries: [(index: Int, value: Float)]

    public init(dimension: Int, entries: [(index: Int, value: Float)]) {
        self.dimension = dimension
        self.entries = entries.sorted { $0.index < $1.index }
    }

    public static func == (a: SparseVector, b: SparseVector) -> Bool {
        a.dimension == b.dimension && a.entries.elementsEqual(b.entries) { $0.index == $1.index && $0.value == $1.value }
    }

    /// The dense form, as a 1×dimension row.
    public var dense: Matrix {
        var m = Matrix(rows: 1, cols: dimension)
        for e in entries { m.data[e.index] += e.value }
        return m
    }
}

/// Turns words into vectors (1-of-N, an "other" bucket, letter trigrams).
public protocol Encoding {
    /// Width of every encoded vector.
    var dimension: Int { get }
    /// The word as a sparse vector.
    func encode(_ word: String) -> SparseVector
    /// A name for index `i`, for the sparse view (`#ap`, `Taipei`, `<other>`).
    func label(ofIndex i: Int) -> String
    /// Remarks `encode` shows under the vector: the word is outside the
    /// vocabulary, it collides with another word, a trigram was never seen.
    /// Empty by default.
    func notes(for word: String) -> [String]
}

extension Encoding {
    /// No remarks.
    public func notes(for word: String) -> [String] { [] }
}

/// How to build one encoding, given the vocabulary.
public struct EncodingDescriptor: Sendable {
    public let name: String
    public let summary: String
    public let details: String
    public let options: [OptionSpec]
    public let make: @Sendable (_ vocabulary: [String], _ options: Options) throws -> any Encoding

    public init(name: String, summary: String, details: String, options: [OptionSpec],
                make: @escaping @Sendable ([String], Options) throws -> any Encoding) {
        self.name = name; self.summary = summary; self.details = details; self.options = options; self.make = make
    }
}

/// How to build one optimizer.
public struct OptimizerDescriptor: Sendable {
    public let name: String
    public let summary: String
    public let details: String
    public let options: [OptionSpec]
    public let make: @Sendable (Options) throws -> any Optimizer

    public init(name: String, summary: String, details: String, options: [OptionSpec],
                make: @escaping @Sendable (Options) throws -> any Optimizer) {
        self.name = name; self.summary = summary; self.details = details; self.options = options; self.make = make
    }
}

/// Every cell, encoding and optimizer a build knows, by name, in registration order.
public struct Registry: Sendable {
    public private(set) var cells: [CellDescriptor] = []
    public private(set) var encodings: [EncodingDescriptor] = []
    public private(set) var optimizers: [OptimizerDescriptor] = []
    /// Kinds of model other than the recurrent network (see `ModelDescriptor`).
    public private(set) var models: [ModelDescriptor] = []

    public init() {}

    /// A registry with the given plugins registered in order.
    public init(plugins: [any RNNPlugin.Type]) {
        for p in plugins { p.register(in: &self) }
    }

    public mutating func register(cell d: CellDescriptor) { cells.removeAll { $0.name == d.name }; cells.append(d) }
    public mutating func register(encoding d: EncodingDescriptor) { encodings.removeAll { $0.name == d.name }; encodings.append(d) }
    public mutating func register(optimizer d: OptimizerDescriptor) { optimizers.removeAll { $0.name == d.name }; optimizers.append(d) }
    public mutating func register(model d: ModelDescriptor) { models.removeAll { $0.name == d.name }; models.append(d) }

    public func cell(named name: String) -> CellDescriptor? { cells.first { $0.name == name.lowercased() } }
    public func encoding(named name: String) -> EncodingDescriptor? { encodings.first { $0.name == name.lowercased() } }
    public func optimizer(named name: String) -> OptimizerDescriptor? { optimizers.first { $0.name == name.lowercased() } }
    public func model(named name: String) -> ModelDescriptor? { models.first { $0.name == name.lowercased() } }
}
