/// Fortune-cookie files (`fortune(6)`'s format): cookies separated by lines
/// that are just `%`. Debian's `fortunes` and `fortunes-zh` packages install
/// them under `/usr/share/games/fortunes` (`fortunes-zh`'s `tang300` holds
/// three hundred Tang poems); some contain ANSI colour codes.
public enum Fortunes {
    /// The cookies of `path`, ANSI escapes stripped, trailing spaces trimmed
    /// from each line, blank cookies skipped. Throws for an unreadable or
    /// non-UTF-8 file, or one with no cookie.
    public static func load(from path: String) throws(DataError) -> [String] {
        let file = try TextFile(path: path)
        let cookies = parse(file.lines)
        guard !cookies.isEmpty else { throw DataError(file: path, file.isBlank ? "is empty" : "has no fortune cookies") }
        return cookies
    }

    /// Splits lines into cookies at lines that are just `%` (spaces around
    /// it allowed); strips escapes; drops leading and trailing blank lines of
    /// each cookie and skips cookies left empty.
    public static func parse(_ lines: [String]) -> [String] {
        var cookies: [String] = []
        var current: [String] = []
        func flush() {
            while let first = current.first, first.allSatisfy(\.isWhitespace) { current.removeFirst() }
            while let last = current.last, last.allSatisfy(\.isWhitespace) { current.removeLast() }
            if !current.isEmpty { cookies.append(current.joined(separator: "\n")) }
            current = []
        }
        for raw in lines {
            let line = ANSI.strip(raw)
            if line.trimmingTrailingWhitespace.drop(while: \.isWhitespace) == "%" { flush(); continue }
            current.append(String(line.trimmingTrailingWhitespace))
        }
        flush()
        return cookies
    }

    /// Splits a whole text (as `parse(_:)` with its lines).
    public static func parse(_ text: String) -> [String] { parse(TextFile(name: "", text: text).lines) }
}

extension String {
    /// Without trailing whitespace.
    fileprivate var trimmingTrailingWhitespace: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[..<end]
    }
}
