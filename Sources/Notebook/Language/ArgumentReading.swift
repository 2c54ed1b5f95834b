import RNNKit

extension Value {
    /// The text of a word or quoted string (an input given as a word).
    var wordText: String? {
        switch self {
        case .word(let w), .string(let w): return w
        default: return nil
        }
    }

    /// The value as an option's raw text (`2`, `0.01`, `tanh`), or nil for vectors and matrices.
    var optionText: String? {
        switch self {
        case .number(let x): return x.formatted
        case .word(let w): return w
        case .string(let s): return s
        case .vector, .matrix: return nil
        }
    }
}

extension ParsedLine {
    /// Validates `arguments` as options against `specs`. A bare word that names
    /// a flag (`bidirectional`) turns it on. Errors point at the bad token.
    func options(_ arguments: ArraySlice<Argument>, specs: [OptionSpec], context: String) throws(CommandError) -> Options {
        var raw: [(key: String, value: String?)] = []
        var ranges: [String: Range<Int>] = [:]
        for argument in arguments {
            switch argument {
            case .option(let key, let keyRange, let value, let valueRange):
                guard let text = value.optionText else {
                    throw CommandError("option '\(key)' takes a single value, not \(value.kindDescription)", at: valueRange)
                }
                raw.append((key, text))
                ranges[key] = ranges[key] ?? keyRange
                if let spec = specs.first(where: { $0.key == key }) {
                    do throws(OptionError) { _ = try spec.parse(text) } catch {
                        throw CommandError(error.message, at: valueRange)
                    }
                }
            case .value(.word(let word), let range):
                raw.append((word, nil))
                ranges[word] = ranges[word] ?? range
            default:
                throw CommandError("\(context) takes key=value options here", at: argument.range)
            }
        }
        do throws(OptionError) {
            return try Options(parsing: raw, specs: specs)
        } catch {
            let message: String
            if case .unknown(let key, let suggestion) = error {
                let valid = specs.map(\.key).joined(separator: ", ")
                message = "unknown option '\(key)' for \(context)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "; valid: \(valid)")
            } else {
                message = error.message
            }
            throw CommandError(message, at: ranges[error.key] ?? commandRange)
        }
    }

    /// Where `key=value` is on the line, if it is there.
    func optionRange(_ key: String) -> Range<Int>? {
        for argument in arguments { if case .option(key, _, _, _) = argument { return argument.range } }
        return nil
    }

    /// Fails if there are arguments past `count`.
    func expectNoMore(after count: Int, usage: String) throws(CommandError) {
        if arguments.count > count {
            throw CommandError("too many arguments; usage: \(usage)", at: arguments[count].range)
        }
    }

    /// The argument at `index` as a word, or an error naming what was expected.
    func word(at index: Int, expected: String) throws(CommandError) -> (String, Range<Int>) {
        guard index < arguments.count else { throw CommandError("missing \(expected)", at: endRange) }
        switch arguments[index] {
        case .value(.word(let w), let r), .value(.string(let w), let r): return (w, r)
        default: throw CommandError("expected \(expected)", at: arguments[index].range)
        }
    }

    /// Whether the argument at `index` is the word `force` (overwrite a
    /// read-only file); fails on anything else there or after it.
    func force(at index: Int, usage: String) throws(CommandError) -> Bool {
        if index < arguments.count, case .value(.word("force"), _) = arguments[index] {
            try expectNoMore(after: index + 1, usage: usage)
            return true
        }
        try expectNoMore(after: index, usage: usage)
        return false
    }

    /// The argument at `index` as a file path (a word or a quoted string).
    func path(at index: Int) throws(CommandError) -> (String, Range<Int>) {
        guard index < arguments.count else { throw CommandError("missing file name", at: endRange) }
        switch arguments[index] {
        case .value(.word(let w), let r), .value(.string(let w), let r): return (w, r)
        default: throw CommandError("expected a file name", at: arguments[index].range)
        }
    }
}

extension Value {
    /// The token a value names for source–target pairs: a word, a number (`3`), a quoted string.
    var pairToken: String? {
        switch self {
        case .word(let w), .string(let w): return w
        case .number(let x): return x.formatted
        default: return nil
        }
    }
}

/// Converts a value to a row of inputs for a net of width `width`; a word
/// goes through the session's encoding when there is one.
func inputVector(_ value: Value, range: Range<Int>, width: Int, session: Session? = nil) throws(CommandError) -> Matrix {
    // Source–target pairs: a token (a word, or a number such as a digit) is its one-hot vector.
    if case .pairs(_, _, let vocabulary)? = session?.data, vocabulary.count == width, session?.encodingChoice == nil,
       let token = value.pairToken {
        return PairEncoding(vocabulary).vector(token).dense
    }
    let numbers: [Double]
    switch value {
    case .vector(let v): numbers = v
    case .number(let x): numbers = [x]
    case .word(let w) where session?.encodingChoice != nil || session?.data.map({ if case .text = $0 { true } else { false } }) == true:
        guard let session else { throw CommandError("no encoding", at: range) }
        let v = try session.encodeWord(w, at: range)
        guard v.dimension == width else {
            throw CommandError("'\(w)' encodes to \(v.dimension) numbers but the net takes \(width): rebuild it with in=auto", at: range)
        }
        return v.dense
    case .word(let w):
        throw CommandError("'\(w)' is not an input: give a vector of \(width) numbers like [\(Array(repeating: "0", count: min(width, 4)).joined(separator: ", "))\(width > 4 ? ", …" : "")]", at: range)
    default:
        throw CommandError("expected a vector of \(width) numbers, got \(value.kindDescription)", at: range)
    }
    guard numbers.count == width else {
        throw CommandError("the net takes \(width) input\(width == 1 ? "" : "s"), this vector has \(numbers.count)", at: range)
    }
    return Matrix(row: numbers.map(Float.init))
}
