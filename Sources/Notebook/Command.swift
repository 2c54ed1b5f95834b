import RNNKit

/// What a command produced.
public struct CommandResult: Sendable {
    public var lines: [String]
    public var quit = false
    /// False to leave this command out of the transcript (it still prints).
    public var recordsInTranscript = true
    /// What the transcript keeps instead of `lines` (e.g. a plot without colour at 80 columns); nil keeps `lines`.
    public var transcriptLines: [String]?
    /// What the transcript records as the command instead of the line typed (e.g. an
    /// interrupted `train` as the `train … partial=K` that replays to the same weights); nil keeps the line.
    public var transcriptInput: String?
    /// A plot as an SVG document, kept in the transcript for `export`.
    public var svg: String?
    /// Indices of transcript lines (`transcriptLines ?? lines`) that differ from machine to machine
    /// (`time`'s wall clock): a notebook writes them as `#>~`.
    public var machineDependent: Set<Int> = []

    public init(_ lines: [String] = [], quit: Bool = false) {
        self.lines = lines
        self.quit = quit
    }
}

/// One command of the language. Each lives in its own file under `Commands/`.
public protocol Command: Sendable {
    /// The word that starts the command.
    var name: String { get }
    /// Other words that run it (`exit` for `quit`).
    var aliases: [String] { get }
    /// Usage, e.g. `step INPUT`.
    var synopsis: String { get }
    /// One line for `help`.
    var summary: String { get }
    /// More text for `help COMMAND` (examples, notes).
    var details: String { get }
    /// Whether `save session` keeps this command.
    var recordsInTranscript: Bool { get }

    /// Runs the command. Must validate everything before changing the session.
    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult

    /// Words Tab may offer for the argument being typed; `words` are the
    /// complete arguments before it.
    func completions(after words: [String], in session: Session) -> [String]

    /// The `key=value` options valid after `words`, so Tab can complete values after `key=`.
    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec]

    /// Whether the argument after `words` is a file path.
    func completesFilePath(after words: [String]) -> Bool
}

extension Command {
    public var aliases: [String] { [] }
    public var details: String { "" }
    public var recordsInTranscript: Bool { true }
    public func completions(after words: [String], in session: Session) -> [String] { [] }
    public func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] { [] }
    public func completesFilePath(after words: [String]) -> Bool { false }
}

/// The commands a session understands, by name.
public struct CommandSet: Sendable {
    public let commands: [any Command]

    public init(_ commands: [any Command]) { self.commands = commands }

    public func command(named name: String) -> (any Command)? {
        let lower = name.lowercased()
        return commands.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// Every name and alias, for completion and "did you mean".
    public var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// Every command of the language, in `help` order.
    public static let standard = CommandSet([
        HelpCommand(), NetCommand(), ParamsCommand(), SetCommand(), InitCommand(), SeedCommand(),
        StepCommand(), RunCommand(), ResetCommand(),
        VocabCommand(), EncodingCommand(), EncodeCommand(), DataCommand(), OptimizerCommand(),
        TrainCommand(), EvalCommand(), CompareCommand(), ExpectCommand(), ParamCommand(), PredictCommand(), SampleCommand(), PluginsCommand(),
        PlotCommand(), SaveCommand(), LoadCommand(), ReplayCommand(), ExportCommand(), TimeCommand(), QuitCommand(),
    ])
}
