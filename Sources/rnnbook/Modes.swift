import Foundation
import Notebook
import RNNKit
import BuiltinPlugins

/// A session with every plugin of this build.
func makeSession() -> Session {
    let session = Session(registry: Registry(plugins: allPlugins))
    session.isCancelled = { interruptFlag.load(ordering: .relaxed) }
    return session
}

/// Runs commands as `next` yields them (with a location for errors),
/// printing each output; the first error goes to stderr prefixed with its
/// location (`-e #2:`, `<stdin>:3:`) and ends the run with false.
func runUntilError(session: Session, terminal: Terminal, _ next: () -> (location: String, line: String)?) -> Bool {
    while let (location, line) = next() {
        let outcome = session.execute(line)
        if outcome.error != nil {
            var lines = outcome.output
            if !lines.isEmpty { lines[0] = "\(location): " + lines[0] }
            terminal.renderError(lines).forEach(printError)
            return false
        }
        printLines(outcome.output)
        if outcome.quit { break }
        if session.isCancelled() {
            printError("\(location): interrupted (Ctrl-C) in or after `\(line)`; the rest was not run")
            return false
        }
    }
    return true
}

/// Runs `-e` commands; stops at the first error.
func runCommands(_ commands: [String], session: Session, terminal: Terminal) -> Bool {
    var pending = commands.enumerated().makeIterator()
    return runUntilError(session: session, terminal: terminal) {
        pending.next().map { ("-e #\($0.offset + 1)", $0.element) }
    }
}

/// Replays a notebook, printing its transcript in notebook form (so the
/// output is itself a notebook); stops at the first error with FILE:LINE:.
func replayNotebook(_ path: String, session: Session, terminal: Terminal) -> Bool {
    let document: NotebookDocument
    do throws(CommandError) { document = try NotebookDocument.read(path: path) } catch {
        printError(terminal.paint("error: \(error.message)", "1;31"))
        return false
    }
    session.baseDirectory = (path as NSString).deletingLastPathComponent
    let (error, _) = NotebookRunner.replay(document, name: path, in: session) { command in
        // One command of the notebook's own text: its new output, `#>~` kept.
        StandardStreams.output(NotebookDocument(items: [.command(command)]).text)
    }
    session.baseDirectory = nil
    if let error {
        terminal.renderError(error).forEach(printError)
        return false
    }
    return true
}

/// Reads commands from a pipe, like a file: outputs to stdout, the first
/// error to stderr with `<stdin>:LINE:` and exit 1.
func readPipe(session: Session, terminal: Terminal) -> Bool {
    var number = 0
    var reader = LineReader(descriptor: STDIN_FILENO)
    return runUntilError(session: session, terminal: terminal) {
        guard let line = reader.next() else { return nil }
        number += 1
        return ("<stdin>:\(number)", line)
    }
}
