import Foundation

/// Where the REPL keeps its history: `$RNNBOOK_HISTORY`, else
/// `$XDG_STATE_HOME/rnnbook/history`, else `~/.local/state/rnnbook/history`.
enum HistoryLocation {
    static let limit = 1000

    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["RNNBOOK_HISTORY"], !explicit.isEmpty { return explicit }
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg
        } else {
            state = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        return state + "/rnnbook/history"
    }
}
