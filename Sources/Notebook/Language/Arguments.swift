import Foundation
import RNNKit
/// A parsed argument value.
public indirect enum Value: Equatable, Sendable {
    case number(Double)
    case vector([Double])
    case matrix([[Double]])
    case word(String)
    case string(String)

    /// What the value is, for error messages: `a number`, `a vector of 3`.
    public var kindDescription: String {
        switch self {
        case .number: return "a number"
        case .vector(let v): return "a vector of \(v.count)"
        case .matrix(let m): return "a \(m.count)x\(m.first?.count ?? 0) matrix"
        case .word(let w): return "the word '\(w)'"
        case .string: return "a string"
        }
    }
}

/// One argument of a command, with its source range.
public enum Argument: Equatable, Sendable {
    /// A value on its own: `[1, 1]`, `elman`, `3`.
    case value(Value, range: Range<Int>)
    /// `key=value`, or a bare flag word later promoted by the command.
    case option(key: String, keyRange: Range<Int>, value: Value, valueRange: Range<Int>)
    /// `NAME[i, j]`: a parameter element.
    case indexed(name: String, indices: [Int], range: Range<Int>)
    /// A free-standing `=` (as in `set W = 1`).
    case equals(range: Range<Int>)

    public var range: Range<Int> {
        switch self {
        case .value(_, let r), .indexed(_, _, let r), .equals(let r): return r
        case .option(_, let k, _, let v): return k.lowerBound..<v.upperBound
        }
    }
}

/// A command line split into its command word and arguments.
public struct ParsedLine: Equatable, Sendable {
    public let command: String
    public let commandRange: Range<Int>
    public let arguments: [Argument]
    /// A trailing `;` asks for no output (as in Julia).
    public let quiet: Bool
    /// Range of the whole line's text, for errors at the end of the line.
    public let endRange: Range<Int>
    /// The line as typed, for commands that echo part of it (`expect`).
    public let source: String

    /// The typed text of `range` (character offsets), trimmed.
    public func text(of range: Range<Int>) -> String {
        let chars = Array(source)
        let lower = min(max(range.lowerBound, 0), chars.count), upper = min(max(range.upperBound, lower), chars.count)
        return String(chars[lower..<upper]).trimmingCharacters(in: .whitespaces)
    }
}
