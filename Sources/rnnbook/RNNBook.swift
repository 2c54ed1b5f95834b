import ArgumentParser
import Foundation
import Notebook
@preconcurrency import Glibc

/// The version `--version` prints and the banner shows.
let rnnbookVersion = "0.1.0"

@main
struct RNNBook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnbook",
        abstract: "A notebook-style REPL for recurrent neural networks.",
        usage: """
            rnnbook [FILE.rnn] [-e COMMAND]... [-i] [-q] [--color auto|always|never]
            rnnbook check FILE.rnn... [--rtol X]
            rnnbook record FILE.rnn...
            """,
        discussion: """
            With no FILE, opens the prompt (type `help`). With FILE, replays that notebook and \
            prints its transcript; it stops at the first error with FILE:LINE: and exits 1. \
            Commands piped to standard input run the same way.

              -e COMMAND          run COMMAND (repeatable) and exit; an error exits 1
              -i                  stay at the prompt after FILE and -e (like python -i)
              -q                  no banner
              --color MODE        auto (default), always or never; NO_COLOR turns auto off

            History: $RNNBOOK_HISTORY, else $XDG_STATE_HOME/rnnbook/history, else ~/.local/state/rnnbook/history \
            (used only if it is a history file or new; RNNBOOK_HISTORY=/dev/null turns it off). \
            At the prompt the session is written after every command to last-session.rnn in the same folder.
            """,
        version: rnnbookVersion,
        subcommands: [Open.self, Check.self, Record.self],
        defaultSubcommand: Open.self)

    /// ArgumentParser's `main`, with every message (help, usage errors)
    /// written through `StandardStreams`, so a closed or full stream gives a
    /// non-zero exit status instead of a trap or a silent success.
    static func main() {
        StandardStreams.prepare()
        var status: Int32 = 0
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // `open` is the hidden default subcommand: its help is the root's, so point there.
            let message = fullMessage(for: error).replacingOccurrences(of: "'rnnbook open --help'", with: "'rnnbook --help'")
            let code = exitCode(for: error)
            if !message.isEmpty { code == .success ? printLine(message) : printError(message) }
            status = code.rawValue
        }
        Glibc.exit(StandardStreams.exitStatus(status))
    }
}

/// Options every mode shares.
struct DisplayOptions: ParsableArguments {
    @Option(name: .customLong("color"), help: "Colour output: auto, always or never (NO_COLOR and TERM=dumb turn auto off).")
    var colorMode: Terminal.ColorMode = .auto
}

extension Terminal.ColorMode: ExpressibleByArgument {}

/// `rnnbook [FILE] [-e COMMAND]…`: the prompt, a notebook replay, or commands.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the prompt, or replay FILE (the default).",
        usage: "rnnbook [FILE.rnn] [-e COMMAND]... [-i] [-q] [--color auto|always|never]", shouldDisplay: false)

    @ArgumentParser.Argument(help: "A notebook (.rnn) to replay.", completion: .file(extensions: ["rnn"]))
    var file: String?

    @Option(name: .short, help: ArgumentHelp("Run COMMAND (repeatable) and exit; errors exit 1.", valueName: "COMMAND"))
    var execute: [String] = []

    @Flag(name: .short, help: "Quiet: no banner.")
    var quiet = false

    @Flag(name: .short, help: "Stay at the prompt after FILE and -e commands (like python -i).")
    var interactive = false

    @Option(name: .short, help: ArgumentHelp("Set a notebook parameter (repeatable): overrides its `param` default.", valueName: "NAME=VALUE"))
    var parameter: [String] = []

    @Option(name: .customLong("out"), help: ArgumentHelp("Write the executed notebook (commands and new outputs) to FILE.", valueName: "FILE"))
    var outputNotebook: String?

    @Option(name: .customLong("json"), help: ArgumentHelp("Write the parameters and every train/eval result to FILE as JSON.", valueName: "FILE"))
    var jsonRecord: String?

    func validate() throws {
        for p in parameter where !p.contains("=") || p.hasPrefix("=") {
            throw ValidationError("-p takes NAME=VALUE, not '\(p)'")
        }
        if (outputNotebook != nil || jsonRecord != nil || !parameter.isEmpty) && file == nil {
            throw ValidationError("-p, --out and --json go with a notebook: rnnbook FILE.rnn -p NAME=VALUE --json RESULT.json")
        }
    }

    @OptionGroup var display: DisplayOptions

    func run() throws {
        setlocale(LC_CTYPE, "")
        let terminal = Terminal(colorMode: display.colorMode)
        let session = makeSession()
        // --color=always colours plots in pipes too (the prompt sets its own depth).
        if terminal.color { session.colorDepth = ColorDepth(colorEnabled: true, environment: ProcessInfo.processInfo.environment) }
        for p in parameter {
            let parts = p.split(separator: "=", maxSplits: 1).map(String.init)
            session.parameterOverrides[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        if !execute.isEmpty || file != nil {
            // Ctrl-C stops the command in progress cleanly and the run after it, with what ran already printed.
            installInterruptHandler()
            let ok = (file.map { replayNotebook($0, session: session, terminal: terminal) } ?? true)
                && runCommands(execute, session: session, terminal: terminal)
            try writeRunOutputs(session: session, ok: ok)
            if interruptFlag.load(ordering: .relaxed), !(interactive && terminal.interactive) { throw ExitCode(130) }
            guard interactive, terminal.interactive else { throw ExitCode(ok ? 0 : 1) }
        }
        if terminal.interactive {
            Prompt(session: session, terminal: terminal, quiet: quiet).loop()
            if let status = terminationStatus { throw ExitCode(status) }
        } else {
            throw ExitCode(readPipe(session: session, terminal: terminal) ? 0 : 1)
        }
    }
}

extension Open {
    /// `--out` and `--json` after a notebook run (also after an error: the JSON then says where it stopped),
    /// and a refusal of `-p` names the notebook never declared.
    func writeRunOutputs(session: Session, ok: Bool) throws {
        let unused = session.parameterOverrides.keys.filter { session.parameters[$0] == nil }.sorted()
        if let out = outputNotebook {
            let document = NotebookDocument(transcript: session.transcript, header: ["executed from \(file ?? "")"
                + (parameter.isEmpty ? "" : " with " + parameter.map { "-p \($0)" }.joined(separator: " "))])
            do throws(CommandError) { try RunRecord.write(Data(document.text.utf8), to: out) } catch { printError("error: \(error.message)"); throw ExitCode(1) }
        }
        if let json = jsonRecord {
            let failure = ok ? (unused.isEmpty ? nil : "unknown parameters: \(unused.joined(separator: ", "))") : "the run stopped at an error (see stderr)"
            do throws(CommandError) { try RunRecord.write(RunRecord.json(notebook: file ?? "", session: session, error: failure), to: json) } catch {
                printError("error: \(error.message)")
                throw ExitCode(1)
            }
        }
        if ok, !unused.isEmpty {
            printError("error: \(file ?? "the notebook") declares no parameter \(unused.joined(separator: ", ")) (its `param` lines declare: \(session.parameters.keys.sorted().joined(separator: ", ")))")
            throw ExitCode(1)
        }
    }
}

/// `rnnbook check FILE…`: replay and compare every output with the recorded one.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay notebooks and compare outputs with the recorded ones (numbers within a tolerance).")

    @ArgumentParser.Argument(help: "Notebooks to check.", completion: .file(extensions: ["rnn"]))
    var files: [String]

    // `.unconditional`: `--rtol -1` is the value -1 (then refused), not an unknown option.
    @Option(parsing: .unconditional, help: "Relative tolerance for numbers (finite, 0 or more).")
    var rtol: Double = OutputComparison.defaultRelative

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one notebook to check") }
        guard rtol.isFinite, rtol >= 0 else {
            throw ValidationError("--rtol must be a finite number, 0 or more, not \(rtol)")
        }
    }

    func run() throws {
        setlocale(LC_CTYPE, "")
        let terminal = Terminal(colorMode: display.colorMode)
        var failed = 0
        for file in files {
            do throws(CommandError) {
                let document = try NotebookDocument.read(path: file)
                let tolerance = OutputComparison(relative: rtol)
                ProtectedFiles.protect(file)
                let session = makeSession()
                session.baseDirectory = (file as NSString).deletingLastPathComponent
                let mismatches = NotebookRunner.check(document, in: session, tolerance: tolerance)
                if mismatches.isEmpty {
                    printLine("\(file): ok (\(document.commands.count) commands)")
                } else {
                    failed += 1
                    for m in mismatches { printLines(m.render(file: file, tolerance: tolerance)) }
                    printLine(terminal.paint("\(file): \(mismatches.count) of \(document.commands.count) commands differ", "1;31"))
                }
            } catch {
                failed += 1
                printError(terminal.paint("error: \(error.message)", "1;31"))
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// `rnnbook record FILE…`: rewrite the recorded outputs.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replay notebooks and rewrite their recorded outputs.")

    @ArgumentParser.Argument(help: "Notebooks to re-record.", completion: .file(extensions: ["rnn"]))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one notebook to record") }
    }

    func run() throws {
        setlocale(LC_CTYPE, "")
        for file in files {
            do throws(CommandError) {
                let document = try NotebookDocument.read(path: file)
                let session = makeSession()
                session.baseDirectory = (file as NSString).deletingLastPathComponent
                let updated = NotebookRunner.record(document, in: session)
                try updated.write(path: file)
                printLine("\(file): recorded \(document.commands.count) commands")
            } catch {
                printError("error: \(error.message)")
                throw ExitCode(1)
            }
        }
    }
}
