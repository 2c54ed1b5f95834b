import Foundation
import Notebook

/// The interactive loop: numbered prompts, history, Ctrl-C clears the line,
/// Ctrl-D or `quit` leaves.
struct Prompt {
    let session: Session
    let terminal: Terminal
    let quiet: Bool

    func loop() {
        installInterruptHandler()
        installTerminationHandler()
        let editor = LineEditor(session: session, historyPath: HistoryLocation.path())
        let lastSession = HistoryLocation.lastSessionPath().map(LastSession.init(path:))
        if !quiet {
            printLine("rnnbook \(rnnbookVersion) — type `help`, Tab completes, Ctrl-D quits")
            lastSession?.bannerLine().map(printLine)
        }
        // Whatever ends the loop, the transcript so far is in the last session's notebook.
        defer { keep(lastSession) }
        let progress = ProgressLine()
        session.progress = { progress.draw($0) }
        session.liveOutput = { line in
            progress.clear()
            printLine(line)
        }
        session.colorDepth = ColorDepth(colorEnabled: terminal.color, environment: ProcessInfo.processInfo.environment)
        var cell = 1
        while terminationStatus == nil {
            switch editor.readInput(prompt: prompt(cell), width: "In [\(cell)]: ".count) {
            case .end:
                printLine("")
                return
            case .interrupted:
                printLine("^C")
                continue
            case .dropped:
                printLine("")
                printLine("(the unfinished command was dropped; Ctrl-D at the prompt leaves)")
                continue
            case .line(let line):
                editor.remember(line)
                session.width = Terminal.columns()
                let outcome = session.execute(line)
                progress.clear()
                // The terminal echoed `^C` where the cursor was: wipe it before the output.
                if takeInterrupt() { StandardStreams.output("\r\u{1B}[2K") }
                let lines = outcome.error == nil ? outcome.output : terminal.renderError(outcome.output)
                printLines(lines)
                if outcome.error == nil { keep(lastSession) }
                if outcome.quit { return }
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { cell += 1 }
            }
        }
    }

    /// Writes the transcript to the last session's notebook (`LastSession`);
    /// says once, on stderr, if that fails.
    private func keep(_ lastSession: LastSession?) {
        if let failure = lastSession?.save(session.transcript) { printError("last session not saved: \(failure)") }
    }

    /// `In [n]: ` (see `PromptText`).
    private func prompt(_ n: Int) -> String {
        PromptText.make(cell: n, color: terminal.color)
    }
}
