/// The times `train` shows at the prompt: each epoch's own (`  (1.23 s)`
/// after its line) and the whole call's (after `done`). Only the live
/// output shows them; the transcript's lines stay as they are, so a
/// recorded notebook is the same on every machine.
final class LiveTiming {
    /// Whether times are shown (a live prompt): otherwise nothing is measured or added.
    let shown: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastLap: ContinuousClock.Instant
    /// The time to show after a line, by the line's index.
    private var suffixes: [Int: String] = [:]

    init(shown: Bool) {
        self.shown = shown
        start = clock.now
        lastLap = start
    }

    /// The line at `line` ended an epoch: it shows the time since the previous one.
    func lap(line: Int) {
        guard shown else { return }
        let now = clock.now
        suffixes[line] = ElapsedTime.format(seconds: ElapsedTime.seconds(now - lastLap))
        lastLap = now
    }

    /// The line at `line` ended the call (`done`): it shows the time since the start.
    func total(line: Int) {
        guard shown else { return }
        suffixes[line] = "in " + ElapsedTime.format(seconds: ElapsedTime.seconds(clock.now - start))
    }

    /// `text` (the line at `index`) with its time, if it has one.
    func decorate(_ text: String, at index: Int) -> String {
        suffixes[index].map { text + "  (\($0))" } ?? text
    }
}
