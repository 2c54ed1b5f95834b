import Foundation
import RNNKit

/// The live training line on a terminal: epoch, batch, loss, tokens/s and
/// ETA, redrawn in place at most ten times a second and erased when done.
final class ProgressLine {
    private var lastDraw = Date.distantPast
    private(set) var drawn = false

    func draw(_ p: TrainingProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || p.batch == p.batches else { return }
        lastDraw = now
        let width = max(p.batches.description.count, 1)
        let batch = String(repeating: " ", count: width - p.batch.description.count) + "\(p.batch)"
        let line = "epoch \(p.epoch)/\(p.epochs)  batch \(batch)/\(p.batches)  loss \(String(format: "%.4f", p.loss))"
            + "  \(Int(p.tokensPerSecond)) tok/s  ETA \(Self.duration(p.secondsLeft))  (Ctrl-C stops)"
        StandardStreams.output("\r\u{1B}[2K" + line)
        drawn = true
    }

    /// Erases the line so the command's output starts at column 0.
    func clear() {
        guard drawn else { return }
        StandardStreams.output("\r\u{1B}[2K")
        drawn = false
    }

    /// `1:05`, `12:00`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
