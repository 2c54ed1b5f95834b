import RNNKit
/// Parses one command line: `COMMAND ARG...`, where an argument is a value
/// (number, vector `[1, 1]`, matrix `[[1, 0], [0, 1]]` or `[1 0; 0 1]`, word,
/// quoted string), `key=value`, `NAME[i, j]` or a free `=`.
public enum Parser {
    /// The parsed line, or nil for a blank or comment-only line.
    public static func parse(_ line: String) throws(CommandError) -> ParsedLine? {
        var tokens = try Lexer.tokenize(line)
        guard !tokens.isEmpty else { return nil }
        let end = line.count..<line.count + 1
        var quiet = false
        if tokens.last?.kind == .semicolon { quiet = true; tokens.removeLast() }
        guard let first = tokens.first else { return nil }
        guard case .word(let command) = first.kind else {
            throw CommandError("expected a command name first (try `help`)", at: first.range)
        }
        var cursor = Cursor(tokens: tokens, index: 1, end: end)
        var arguments: [Argument] = []
        while let token = cursor.peek {
            arguments.append(try cursor.argument(token))
        }
        return ParsedLine(command: command, commandRange: first.range, arguments: arguments, quiet: quiet, endRange: end, source: line)
    }

    /// Walks the tokens after the command word.
    struct Cursor {
        let tokens: [Token]
        var index: Int
        let end: Range<Int>

        /// Brackets open at once in a matrix `[[…]]`; a third `[` is an error.
        static let maximumDepth = 2

        var peek: Token? { index < tokens.count ? tokens[index] : nil }
        /// The next token if it touches the current one (no space between).
        var adjacent: Token? { peek.flatMap { $0.spaceBefore ? nil : $0 } }

        mutating func next() -> Token? {
            defer { index += 1 }
            return peek
        }

        mutating func argument(_ token: Token) throws(CommandError) -> Argument {
            if case .word(let word) = token.kind {
                index += 1
                if let eq = adjacent, eq.kind == .equals {
                    index += 1
                    guard let valueToken = adjacent else {
                        throw CommandError("option '\(word)' needs a value after '='", at: eq.range)
                    }
                    let (value, range) = try self.value(valueToken)
                    return .option(key: word, keyRange: token.range, value: value, valueRange: range)
                }
                if let bracket = adjacent, bracket.kind == .leftBracket {
                    index += 1
                    let (indices, close) = try self.indices(opening: bracket)
                    return .indexed(name: word, indices: indices, range: token.range.lowerBound..<close)
                }
                return .value(.word(word), range: token.range)
            }
            if token.kind == .equals { index += 1; return .equals(range: token.range) }
            let (value, range) = try self.value(token)
            return .value(value, range: range)
        }

        /// `[i, j]` after a name: non-negative integers.
        mutating func indices(opening: Token) throws(CommandError) -> ([Int], Int) {
            var out: [Int] = []
            while true {
                guard let t = next() else { throw CommandError("missing ']' to close the index", at: opening.range) }
                switch t.kind {
                case .rightBracket: return (out, t.range.upperBound)
                case .comma: continue
                case .number(let x):
                    guard x >= 0, x == x.rounded(), x < 1e9 else {
                        throw CommandError("an index must be a whole number from 0", at: t.range)
                    }
                    out.append(Int(x))
                default: throw CommandError("an index must be a whole number from 0", at: t.range)
                }
            }
        }

        /// A value starting at `token` (which is consumed).
        mutating func value(_ token: Token) throws(CommandError) -> (Value, Range<Int>) {
            if let p = peek, p == token { index += 1 }
            switch token.kind {
            case .number(let x): return (.number(x), token.range)
            case .word(let w): return (.word(w), token.range)
            case .string(let s): return (.string(s), token.range)
            case .leftBracket: return try bracketed(opening: token, depth: 1)
            case .rightBracket: throw CommandError("unexpected ']' with no '[' before it", at: token.range)
            case .comma: throw CommandError("unexpected ','; separate arguments with spaces", at: token.range)
            case .equals: throw CommandError("unexpected '='", at: token.range)
            case .semicolon: throw CommandError("unexpected ';'", at: token.range)
            }
        }

        /// A vector `[1, 2]` / `[1 2]` or matrix `[[1, 2], [3, 4]]` / `[1 2; 3 4]`.
        /// `depth` is how many brackets are open counting `opening`: a third
        /// is refused at once, so the recursion never goes deeper than two
        /// however many `[` a line holds.
        mutating func bracketed(opening: Token, depth: Int) throws(CommandError) -> (Value, Range<Int>) {
            var rows: [[Double]] = [[]]
            var nested: [([Double], Range<Int>)] = []
            var usedSemicolons = false
            // A comma must follow an element: `[1,,2]` and `[,1]` are mistakes, not `[1, 2]`.
            var commaAllowed = false
            while true {
                guard let t = next() else {
                    throw CommandError("missing ']' to close this '['", at: opening.range)
                }
                if t.kind == .comma {
                    guard commaAllowed else { throw CommandError("unexpected ','", at: t.range) }
                    commaAllowed = false
                    continue
                }
                commaAllowed = t.kind != .semicolon
                switch t.kind {
                case .rightBracket:
                    let range = opening.range.lowerBound..<t.range.upperBound
                    if !nested.isEmpty {
                        guard rows == [[]] else { throw CommandError("mix of numbers and rows in a matrix", at: range) }
                        return (.matrix(try checkedRows(nested)), range)
                    }
                    if usedSemicolons {
                        let ranged = rows.map { ($0, range) }
                        return (.matrix(try checkedRows(ranged)), range)
                    }
                    return (.vector(rows[0]), range)
                case .number(let x):
                    guard nested.isEmpty else { throw CommandError("mix of numbers and rows in a matrix", at: t.range) }
                    rows[rows.count - 1].append(x)
                case .comma: continue  // handled above
                case .semicolon:
                    usedSemicolons = true
                    rows.append([])
                case .leftBracket:
                    guard rows == [[]] else { throw CommandError("mix of numbers and rows in a matrix", at: t.range) }
                    guard depth < Self.maximumDepth else {
                        throw CommandError("only vectors and matrices are supported, not deeper nesting", at: t.range)
                    }
                    let (inner, range) = try bracketed(opening: t, depth: depth + 1)
                    guard case .vector(let v) = inner else {
                        throw CommandError("only vectors and matrices are supported, not deeper nesting", at: range)
                    }
                    nested.append((v, range))
                case .word(let w):
                    throw CommandError("'\(w)' is not a number", at: t.range)
                case .string:
                    throw CommandError("a vector holds numbers, not strings", at: t.range)
                case .equals:
                    throw CommandError("unexpected '=' inside brackets", at: t.range)
                }
            }
        }

        /// Rows of equal length, else an error at the first odd one.
        func checkedRows(_ rows: [([Double], Range<Int>)]) throws(CommandError) -> [[Double]] {
            guard let width = rows.first?.0.count else { return [] }
            for (i, (row, range)) in rows.enumerated() where row.count != width {
                throw CommandError("ragged matrix: row \(i + 1) has \(row.count) numbers, row 1 has \(width)", at: range)
            }
            return rows.map(\.0)
        }
    }
}
