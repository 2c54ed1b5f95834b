import Foundation
import Notebook
import RNNKit

/// The live training line on a terminal: epoch, batch, loss, tokens/s and
/// ETA, redrawn in place at most ten times a second and erased when done.
/// Each redraw measures the terminal again, so after a resize the next
/// redraw fits the new width (see `ProgressText`).
final class ProgressLine {
    private var lastDraw = Date.distantPast
    private(set) var drawn = false

    func draw(_ p: TrainingProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || p.batch == p.batches else { return }
        lastDraw = now
        StandardStreams.output("\r\u{1B}[2K" + ProgressText.line(p, width: Terminal.columns()))
        drawn = true
    }

    /// Erases the line so the command's output starts at column 0.
    func clear() {
        guard drawn else { return }
        StandardStreams.output("\r\u{1B}[2K")
        drawn = false
    }
}
