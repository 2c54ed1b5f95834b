import Foundation
import Notebook
import RNNKit

/// The live training line on a terminal: epoch, batch, loss, tokens/s and
/// ETA, redrawn in place at most ten times a second and erased when done.
/// Each redraw measures the terminal again and fits the new width (see
/// `ProgressText`); after a resize it first erases every row the old line
/// now spans on a terminal that reflows.
final class ProgressLine {
    private var lastDraw = Date.distantPast
    /// The width the line was drawn for and its length, while it is on screen.
    private var shown: (width: Int, length: Int)?
    /// xterm (which sets `XTERM_VERSION`) keeps a shrunk line on one row; tmux, VTE, kitty and the rest reflow it.
    private let reflows = ProcessInfo.processInfo.environment["XTERM_VERSION"] == nil

    var drawn: Bool { shown != nil }

    func draw(_ p: TrainingProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || p.batch == p.batches else { return }
        lastDraw = now
        let width = Terminal.columns()
        let line = ProgressText.line(p, width: width)
        StandardStreams.output(erase(width: width) + line)
        shown = (width, line.count)
    }

    /// Erases the line so the command's output starts at column 0.
    func clear() {
        guard drawn else { return }
        StandardStreams.output(erase(width: Terminal.columns()))
        shown = nil
    }

    private func erase(width: Int) -> String {
        guard let shown else { return "\r\u{1B}[2K" }
        return ProgressText.erase(length: shown.length, drawnWidth: shown.width, width: width, reflows: reflows)
    }
}
