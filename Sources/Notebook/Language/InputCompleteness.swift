/// Whether typed input is a whole command or continues on the next line
/// (IPython's continuation prompt): input whose `[` are not all closed
/// continues. Brackets inside quotes (`"…"`, or `'…'` opening a token, as
/// the lexer reads them) and in a `#` comment do not count. Pure, so the
/// prompt's decision is tested without a terminal.
public enum InputCompleteness {
    /// The prompt that continues an input, as wide as `prompt` (`In [12]: ` gives `    ...: `).
    public static func continuationPrompt(width: Int) -> String {
        String(repeating: " ", count: max(0, width - 5)) + "...: "
    }

    /// Whether the lines typed so far make a whole command. A line with an
    /// unterminated quote is complete (the lexer then reports the quote), so
    /// a stray quote never keeps the prompt waiting.
    public static func isComplete(_ lines: [String]) -> Bool {
        lines.reduce(0) { $0 + scan($1).depth } <= 0
    }

    /// The lines of a continued input as the one command they are: joined by
    /// a space, the `#` comment of every line but the last dropped (it would
    /// hide the lines after it), so history and notebooks keep one line.
    public static func join(_ lines: [String]) -> String {
        guard lines.count > 1 else { return lines.first ?? "" }
        let parts = lines.indices.map { i -> String in
            let line = i == lines.count - 1 ? lines[i] : String(lines[i][..<scan(lines[i]).code])
            let trimmed = i == 0 ? Substring(line) : line.drop { $0.isWhitespace }
            return String(trimmed.reversed().drop { $0.isWhitespace && i < lines.count - 1 }.reversed())
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// One line read as the lexer reads it: how many `[` it leaves open
    /// (negative when it closes more), and where its code ends (at its `#`
    /// comment, or the end). An unterminated quote counts as depth 0.
    static func scan(_ line: String) -> (depth: Int, code: String.Index) {
        var depth = 0
        var quote: Character? = nil
        var previous: Character = " "
        var escaped = false
        var index = line.startIndex
        while index < line.endIndex {
            let ch = line[index]
            defer { previous = ch; index = line.index(after: index) }
            if let q = quote {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "#": return (depth, index)
            case "\"": quote = ch
            case "'" where previous.isWhitespace || "[,=;".contains(previous): quote = ch
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
        }
        return (quote == nil ? depth : 0, line.endIndex)
    }
}
