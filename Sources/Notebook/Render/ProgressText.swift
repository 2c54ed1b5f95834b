import Foundation
import RNNKit

/// The text of the live training line, fitted to the terminal's width.
///
/// A line wider than the terminal wraps, and `\r\e[2K` then clears only its
/// last row, leaving a stale row per redraw; so the line always fits in
/// `width - 1` columns (the last column would make some terminals wrap too).
/// Parts are dropped from the least useful: the `(Ctrl-C stops)` hint, then
/// tokens per second, then the words `batch` and `loss`, then the tail is cut.
public enum ProgressText {
    /// `epoch 1/3  batch  12/40  loss 0.6931  5120 tok/s  ETA 0:04  (Ctrl-C stops)`, at most `width - 1` characters.
    public static func line(_ p: TrainingProgress, width: Int) -> String {
        let digits = max(p.batches.description.count, 1)
        let batch = String(repeating: " ", count: max(digits - p.batch.description.count, 0)) + "\(p.batch)"
        let loss = String(format: "%.4f", p.loss)
        let eta = "ETA \(duration(p.secondsLeft))"
        let epoch = "epoch \(p.epoch)/\(p.epochs)"
        let candidates = [
            "\(epoch)  batch \(batch)/\(p.batches)  loss \(loss)  \(Int(p.tokensPerSecond)) tok/s  \(eta)  (Ctrl-C stops)",
            "\(epoch)  batch \(batch)/\(p.batches)  loss \(loss)  \(Int(p.tokensPerSecond)) tok/s  \(eta)",
            "\(epoch)  batch \(batch)/\(p.batches)  loss \(loss)  \(eta)",
            "\(epoch)  \(batch)/\(p.batches)  \(loss)  \(eta)",
            "\(epoch)  \(batch)/\(p.batches)  \(loss)",
        ]
        let room = max(width - 1, 1)
        if let fits = candidates.first(where: { $0.count <= room }) { return fits }
        return String(candidates[candidates.count - 1].prefix(room))
    }

    /// How many rows a line of `length` columns takes once the terminal is
    /// `width` columns wide: after a terminal that reflows (tmux, VTE, kitty…)
    /// shrinks, a line drawn for the old width spans several rows.
    public static func rows(length: Int, width: Int) -> Int {
        guard width > 0, length > 0 else { return 1 }
        return (length + width - 1) / width
    }

    /// What erases a line of `length` columns drawn at `drawnWidth` when the terminal
    /// is now `width` wide, leaving the cursor at column 0 of its first row.
    /// A terminal that does not reflow (`reflows` false, as xterm) kept it on one row.
    public static func erase(length: Int, drawnWidth: Int, width: Int, reflows: Bool) -> String {
        let rows = reflows && width != drawnWidth ? rows(length: length, width: width) : 1
        return rows > 1 ? "\u{1B}[\(rows - 1)A\r\u{1B}[J" : "\r\u{1B}[2K"
    }

    /// `1:05`, `12:00`, `1:02:03`; `?` when unknown.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "?" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
