import Foundation

extension HistoryLocation {
    /// Where the prompt keeps its last session (`LastSession`): beside the
    /// history file (`$RNNBOOK_HISTORY`'s folder, else `$XDG_STATE_HOME/rnnbook`,
    /// else `~/.local/state/rnnbook`), as `last-session.rnn`; nil when history
    /// is turned off with `RNNBOOK_HISTORY=/dev/null`.
    static func lastSessionPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let history = path(environment: environment)
        guard history != "/dev/null" else { return nil }
        let folder = (history as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("last-session.rnn")
    }
}
