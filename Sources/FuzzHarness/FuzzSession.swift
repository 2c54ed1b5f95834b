import Foundation
#if canImport(Glibc)
import Glibc
#endif
import BuiltinPlugins
import Notebook
import RNNKit

/// A small session for the fuzzer and for the corpus replay: every plugin of
/// the build, a tiny data set and a tiny model (see `Setup`), in a scratch folder of its own
/// that relative file names resolve to.
public final class FuzzSession {
    /// How long one command may run before it is interrupted, as Ctrl-C would.
    public static let interruptAfter: TimeInterval = 0.15
    private static let registry = Registry(plugins: allPlugins)
    /// What a session is set up as before an input's commands run: a tiny
    /// net of the build's first cell on a memory task (the first corpus was
    /// made on this one alone), an encoder–decoder, an HMM and a net with a
    /// CRF on a tagging task — so the models' own commands and files are fuzzed too.
    public enum Setup: Int, CaseIterable, Sendable {
        case recurrent, encoderDecoder, hiddenMarkov, conditionalField

        /// The lines this session starts with.
        public var lines: [String] {
            let cell = FuzzSession.registry.cells.first?.name ?? "CELL"
            switch self {
            case .recurrent:
                return ["seed 1", "data recall n=8 length=4 seed=1", "net \(cell) hidden=3 in=auto out=auto"]
            case .encoderDecoder:
                return ["seed 1", "data reverse n=8 min=1 max=4 seed=1", "net seq2seq in=auto out=auto hidden=3 attention=dot"]
            case .hiddenMarkov:
                return ["seed 1", "data slots n=8 tags=bio seed=1", "net hmm in=auto out=auto", "train"]
            case .conditionalField:
                return ["seed 1", "data slots n=8 tags=bio seed=1", "net \(cell) hidden=3 in=auto out=auto crf"]
            }
        }
    }

    /// The lines the default session starts with.
    public static var setup: [String] { Setup.recurrent.lines }

    /// Files each setup's commands saved, by name, made once: a model file and
    /// a state file, and a notebook, which every input finds in its folder
    /// (the grammar damages copies of them).
    public static let savedFilesBySetup: [Setup: [String: [UInt8]]] = {
        var all: [Setup: [String: [UInt8]]] = [:]
        for setup in Setup.allCases {
            let folder = makeFolder("rnnbook-fuzz-template")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let fuzz = FuzzSession(folder: folder, setup: setup, withFiles: false)
            var files: [String: [UInt8]] = [:]
            for (line, name) in [("save model m.safetensors", "m.safetensors"), ("save state s.state", "s.state"),
                                 ("save session n.rnn", "n.rnn")] {
                let outcome = fuzz.session.execute(line)
                precondition(outcome.error == nil, "fuzz setup `\(line)` failed: \(outcome.output)")
                files[name] = (try? Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))).map(Array.init) ?? []
            }
            all[setup] = files
        }
        return all
    }()

    /// The default setup's saved files.
    public static var savedFiles: [String: [UInt8]] { savedFilesBySetup[.recurrent] ?? [:] }

    public let session: Session
    /// What the session was set up as.
    public let setup: Setup
    /// The scratch folder (created empty; `clear()` empties it again).
    public let folder: String
    /// When the command now running counts as interrupted.
    private let deadline = Deadline()

    /// A fresh session in `folder`, set up as `setup` says, with that setup's
    /// saved files; a setup line that fails is a harness bug, reported by a trap.
    public init(folder: String, setup: Setup = .recurrent, withFiles: Bool = true) {
        self.folder = folder
        self.setup = setup
        if withFiles {
            for (name, bytes) in Self.savedFilesBySetup[setup] ?? [:] { Self.write(bytes, to: name, in: folder) }
        }
        session = Session(registry: Self.registry)
        session.baseDirectory = folder
        session.isCancelled = { [deadline] in deadline.passed }
        for line in setup.lines {
            let outcome = session.execute(line)
            precondition(outcome.error == nil, "fuzz setup `\(line)` failed: \(outcome.output)")
        }
    }

    /// The CPU time one command may take, interrupt included: more is a hang
    /// (CPU time, not the clock, so a busy machine does not make one).
    public static let cpuLimit: Double = 2
    /// The slowest command run so far and its CPU seconds.
    public private(set) var slowest: (line: String, seconds: Double) = ("", 0)

    /// Runs one line, interrupted after `interruptAfter`; returns what it printed.
    @discardableResult
    public func run(_ line: String) -> Outcome {
        deadline.set(Date().addingTimeInterval(Self.interruptAfter))
        let start = Self.cpuSeconds()
        let outcome = session.execute(line)
        let used = Self.cpuSeconds() - start
        if used > slowest.seconds { slowest = (line, used) }
        return outcome
    }

    /// The CPU time the calling thread has used, in seconds (a thread's, so that
    /// tests running beside it do not count; work split over threads counts its share).
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Writes `bytes` as the file `name` in `folder` (no fsync: it is scratch).
    public static func write(_ bytes: [UInt8], to name: String, in folder: String) {
        _ = FileManager.default.createFile(atPath: (folder as NSString).appendingPathComponent(name), contents: Data(bytes))
    }

    /// Removes everything in the scratch folder.
    public static func clear(_ folder: String) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// A new empty folder under the temporary directory.
    public static func makeFolder(_ prefix: String) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A point in time that `isCancelled` (polled from any thread) compares with.
private final class Deadline: @unchecked Sendable {
    private let lock = NSLock()
    private var when = Date.distantFuture
    func set(_ date: Date) { lock.withLock { when = date } }
    var passed: Bool { lock.withLock { Date() > when } }
}
