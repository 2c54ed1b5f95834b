import Foundation
import RNNKit

/// One command as typed, and what it printed.
public struct TranscriptEntry: Equatable, Sendable {
    public var input: String
    public var output: [String]
    /// The plot this command drew, as an SVG document (for `export`).
    public var svg: String? = nil
    /// Output lines that depend on the machine's floating-point order (`#>~`
    /// in a notebook): kept from the notebook a command was replayed from.
    public var machineDependent: Set<Int> = []
    /// The comment lines (and blank lines between them) typed or replayed
    /// just before this command, as they were (`# …`): `export FILE.ipynb`
    /// makes them markdown cells.
    public var comments: [String] = []
}

/// What running one line produced.
public struct Outcome: Equatable, Sendable {
    /// Lines to print (already including an error's caret lines).
    public var output: [String]
    /// The error, if the command was refused (the session is unchanged).
    public var error: CommandError?
    /// The user asked to leave.
    public var quit: Bool = false
    /// Indices of output lines that differ from machine to machine (`#>~` in a notebook).
    public var machineDependent: Set<Int> = []
}

/// Everything a REPL session holds: the plugins, the network and its
/// memory, the random generator, display settings and the transcript.
///
/// Commands validate everything before they change anything, so a refused
/// command leaves the session exactly as it was.
///
/// What a command may change is one value, `state` (`SessionState`); the
/// session reads its fields through `session.network`, `session.data`, …
/// (dynamic member lookup), and the rest of this class is wiring to the
/// terminal. A refused command puts `state` back: one copy, one assignment.
@dynamicMemberLookup
public final class Session {
    public let registry: Registry
    public let commands: CommandSet
    /// Everything a command may change.
    public var state = SessionState()

    /// A field of `state`: `session.network`, `session.vocabulary`, …
    public subscript<T>(dynamicMember field: WritableKeyPath<SessionState, T>) -> T {
        get { state[keyPath: field] }
        set { state[keyPath: field] = newValue }
    }

    /// A field of `state` that only the session sets (`session.seed`).
    public subscript<T>(dynamicMember field: KeyPath<SessionState, T>) -> T { state[keyPath: field] }

    /// Columns available for output: the terminal's at the prompt, 80 otherwise
    /// (so notebooks print the same everywhere).
    public var width = 80
    /// Colours plots may use: none (the default, and always for notebooks), 256 or 24-bit.
    public var colorDepth = ColorDepth.none
    /// Prints a line at once, above any progress line (set by the REPL on a
    /// terminal); long commands use it so their output is not held back.
    public var liveOutput: ((String) -> Void)?
    /// Draws a live progress line during `train` (set by the REPL on a terminal).
    public var progress: ((TrainingProgress) -> Void)?
    /// Folder that relative file names are read from and written to: the
    /// notebook's own folder while one is replayed, nil for the working directory.
    public var baseDirectory: String?
    /// Polled by long work; true after Ctrl-C.
    public var isCancelled: @Sendable () -> Bool = { false }
    /// The notebooks `load session` is inside, outermost first (to name a loop).
    var loading: [String] = []
    /// How deep notebooks may load each other.
    static let loadDepthLimit = 64
    /// Parameter values given on the command line (`rnnbook FILE -p NAME=VALUE`): they win over `param` defaults.
    public var parameterOverrides: [String: String] = [:]

    /// The stored properties that are wiring, not state: a test holds every
    /// other stored property of `Session` to being part of `state`.
    static let wiring: Set<String> = ["registry", "commands", "state", "width", "colorDepth", "liveOutput", "progress",
                                      "baseDirectory", "isCancelled", "loading", "parameterOverrides"]

    public init(registry: Registry, commands: CommandSet = .standard) {
        self.registry = registry
        self.commands = commands
    }

    /// Keeps what an `eval` measured: the last one for `expect`, all for `--json`.
    func recordEvaluation(_ e: Evaluation) {
        state.lastEvaluation = e
        state.evaluationLog.append(e)
    }

    /// Clears what `step` remembers: the network's states back to zero, time to 0.
    public func resetMemory() {
        state.memory = (state.model as? any Steppable)?.zeroMemory() ?? .empty
    }

    /// Sets the seed and restarts the generator from it.
    public func reseed(_ s: UInt64) {
        state.seed = s
        state.rng = SeededGenerator(seed: s)
    }

    /// Parses and runs one line. Errors become output lines and leave the
    /// session unchanged; blank and comment lines do nothing.
    @discardableResult
    public func execute(_ line: String) -> Outcome {
        // Every value a refused command changed goes back with this one copy (arrays are shared until written).
        let before = state
        // `$name` stands for a parameter's value; errors point into the line as it ran.
        var expanded = line
        do throws(CommandError) {
            try Self.checkLength(line)
            expanded = try ParameterSubstitution.expand(line, parameters: state.parameters)
            try Self.checkLength(expanded)
            guard let parsed = try Parser.parse(expanded) else {
                noteComment(line)
                return Outcome(output: [])
            }
            guard let command = commands.command(named: parsed.command) else {
                let hint = closestMatch(to: parsed.command, in: commands.allNames).map { " (did you mean '\($0)'?)" } ?? ""
                let shown = parsed.command.count > 40 ? String(parsed.command.prefix(40)) + "…" : parsed.command
                throw CommandError("unknown command '\(shown)'\(hint); type `help` for the list", at: parsed.commandRange)
            }
            let result = try command.run(parsed, in: self)
            let shown = parsed.quiet ? [] : result.lines
            if command.recordsInTranscript && result.recordsInTranscript {
                state.transcript.append(TranscriptEntry(input: result.transcriptInput ?? line, output: parsed.quiet ? [] : result.transcriptLines ?? shown,
                                                        svg: result.svg, machineDependent: parsed.quiet ? [] : result.machineDependent,
                                                        comments: state.pendingComments))
                state.pendingComments = []
            }
            return Outcome(output: shown, error: nil, quit: result.quit, machineDependent: parsed.quiet ? [] : result.machineDependent)
        } catch {
            state = before
            return Outcome(output: error.render(line: expanded), error: error)
        }
    }

    /// Refuses a line over `ReadLimit.commandLine` (as typed, or once `$NAME`s are expanded) before it is lexed.
    static func checkLength(_ line: String) throws(CommandError) {
        let size = line.utf8.count
        guard size <= ReadLimit.commandLine.bytes else {
            throw CommandError("this line: " + ReadLimit.commandLine.refusal(size: size) + "; set large weights with `load model`", at: 0..<1)
        }
    }

    /// Keeps a comment line (or a blank line after one, which ends its block)
    /// for the next command's transcript entry.
    func noteComment(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") {
            state.pendingComments.append(trimmed)
        } else if trimmed.isEmpty, let last = state.pendingComments.last, !last.isEmpty {
            state.pendingComments.append("")
        }
    }

    /// `path` with `~` expanded and, when relative, taken from `baseDirectory`
    /// if it names something there (a file, or a folder to write into);
    /// otherwise from the working directory, so a notebook saved into
    /// another folder still finds the files its commands named.
    public func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        guard !expanded.hasPrefix("/"), let base = baseDirectory, !base.isEmpty else { return expanded }
        let candidate = (base as NSString).appendingPathComponent(expanded)
        let fm = FileManager.default
        func folder(_ p: String) -> String { let d = (p as NSString).deletingLastPathComponent; return d.isEmpty ? "." : d }
        if fm.fileExists(atPath: candidate) { return candidate }
        if fm.fileExists(atPath: expanded) { return expanded }
        // A file to be written: where its folder exists, the notebook's first.
        if fm.fileExists(atPath: folder(candidate)) { return candidate }
        return fm.fileExists(atPath: folder(expanded)) ? expanded : candidate
    }

    /// The network, or an error telling the user how to make one (or that
    /// the model is of another kind).
    func requireNetwork(at range: Range<Int>) throws(CommandError) -> Network {
        try require(Network.self, as: "a recurrent network (`net CELL …`)", at: range)
    }

    /// The model as the capability a command needs, or an error: no model
    /// yet, or a model that cannot do this (`what` names the capability).
    func require<Capability>(_ capability: Capability.Type, as what: String, at range: Range<Int>) throws(CommandError) -> Capability {
        guard let model = state.model else {
            let example = registry.cells.first.map { "net \($0.name) in=2 hidden=2 out=2" } ?? "net CELL in=2 hidden=2"
            throw CommandError("no network yet: build one first, e.g. `\(example)`", at: range)
        }
        guard let wanted = model as? Capability else {
            throw CommandError("this needs \(what); the current model, \(model.summaryLine.components(separatedBy: "  #")[0]), is not one", at: range)
        }
        return wanted
    }
}
