@preconcurrency import Glibc
import Foundation
import Notebook

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
    /// An error for the terminal: at the prompt, its message word-wrapped to the width
    /// (continued under its text, so no word is broken), the source line and
    /// its caret as they are.
    func renderError(_ lines: [String]) -> [String] {
        let width = Self.columns()
        return lines.enumerated().flatMap { i, line -> [String] in
            if i == 0 {
                // Only at the prompt: a notebook's `FILE:LINE: message` stays one line for tools to read.
                guard interactive, displayWidth(Array(line)) > width, width > 20 else { return [paint(line, "1;31")] }
                // Continued under the message's text, past `error: `, apart from the source line below.
                let hang = String(repeating: " ", count: line.hasPrefix("error: ") ? 7 : 2)
                let wrapped = wrap(line, width: width - hang.count, indent: "")
                return wrapped.enumerated().map { k, part in paint(k == 0 ? part : hang + part, "1;31") }
            }
            if i == 2 { return [paint(line, "31")] }
            return [line]
        }
    }
}
