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

/// Runs `-e` commands; prints output, stops at the first error (exit 1).
func runCommands(_ commands: [String], session: Session, terminal: Terminal) -> Bool {
    for (i, command) in commands.enumerated() {
        let outcome = session.execute(command)
        if outcome.error != nil {
            var lines = outcome.output
            if !lines.isEmpty { lines[0] = "-e #\(i + 1): " + lines[0] }
            terminal.renderError(lines).forEach(printError)
            return false
        }
        outcome.output.forEach { print($0) }
        if outcome.quit { break }
    }
    return true
}

/// Replays a notebook, printing its transcript in notebook form (so the
/// output is itself a notebook); stops at the first error with FILE:LINE:.
func replayNotebook(_ path: String, session: Session, terminal: Terminal) -> Bool {
    let document: NotebookDocument
    do throws(CommandError) { document = try NotebookDocument.read(path: path) } catch {
        printError(terminal.paint("error: \(error.message)", "1;31"))
        return false
    }
    let (error, _) = NotebookRunner.replay(document, name: path, in: session) { command, output in
        print(command)
        output.forEach { print($0.isEmpty ? "#>" : "#> " + $0) }
    }
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
    while let line = readLine(strippingNewline: true) {
        number += 1
        let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
        let outcome = session.execute(text)
        if outcome.error != nil {
            var lines = outcome.output
            if !lines.isEmpty { lines[0] = "<stdin>:\(number): " + lines[0] }
            terminal.renderError(lines).forEach(printError)
            return false
        }
        outcome.output.forEach { print($0) }
        if outcome.quit { break }
    }
    return true
}
