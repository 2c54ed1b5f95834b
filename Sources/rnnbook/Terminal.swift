@preconcurrency import Glibc
import Foundation

/// Facts about where output goes, decided once at start-up.
struct Terminal {
    /// When to colour output (`--color`).
    enum ColorMode: String, CaseIterable, Sendable { case auto, always, never }

    let interactive: Bool
    let color: Bool

    init(colorMode: ColorMode, environment: [String: String] = ProcessInfo.processInfo.environment) {
        interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        switch colorMode {
        case .always: color = true
        case .never: color = false
        case .auto:
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            color = isatty(STDOUT_FILENO) == 1 && !noColor && environment["TERM"] != "dumb"
        }
    }

    /// The terminal's width in columns, or 80 when unknown.
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// `text` in an SGR colour (e.g. "31" red) when colour is on.
    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// An error's lines: the first in bold red, the caret line in red.
    func renderError(_ lines: [String]) -> [String] {
        lines.enumerated().map { i, line in
            if i == 0 { return paint(line, "1;31") }
            if i == 2 { return paint(line, "31") }
            return line
        }
    }
}
