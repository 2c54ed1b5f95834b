/// A typed option a plugin (or the network) accepts as `key=value`. The
/// parser validates values against it, `help` documents it and completion
/// offers it, with no per-plugin code outside the plugin.
public struct OptionSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        /// An integer within a range.
        case int(ClosedRange<Int>)
        /// A real number within a range.
        case number(ClosedRange<Double>)
        /// One word out of a list.
        case choice([String])
        /// On or off: `key`, `key=on|off|true|false|yes|no|1|0`.
        case flag
        /// Free text, usually quoted: `prime="The "`.
        case text
    }

    public let key: String
    public let kind: Kind
    public let defaultValue: OptionValue?
    public let help: String

    public init(_ key: String, int range: ClosedRange<Int>, default value: Int?, help: String) {
        self.key = key; kind = .int(range); defaultValue = value.map(OptionValue.int); self.help = help
    }
    public init(_ key: String, number range: ClosedRange<Double>, default value: Double?, help: String) {
        self.key = key; kind = .number(range); defaultValue = value.map(OptionValue.number); self.help = help
    }
    public init(_ key: String, choices: [String], default value: String, help: String) {
        self.key = key; kind = .choice(choices); defaultValue = .choice(value); self.help = help
    }
    public init(_ key: String, flag value: Bool, help: String) {
        self.key = key; kind = .flag; defaultValue = .flag(value); self.help = help
    }
    public init(_ key: String, text value: String, help: String) {
        self.key = key; kind = .text; defaultValue = .text(value); self.help = help
    }

    /// What values look like, for help: `1..1000000`, `tanh|relu`, `on|off`.
    public var valueSyntax: String {
        switch kind {
        case .int(let r): return "\(r.lowerBound)..\(r.upperBound)"
        case .number(let r): return "\(r.lowerBound.formatted)..\(r.upperBound.formatted)"
        case .choice(let c): return c.joined(separator: "|")
        case .flag: return "on|off"
        case .text: return "\"text\""
        }
    }

    /// The words completion may offer after `key=`.
    public var completions: [String] {
        switch kind {
        case .choice(let c): return c
        case .flag: return ["on", "off"]
        default: return []
        }
    }

    /// `1e15` (how a large whole number reads back) as an `Int`, when it fits.
    private static func wholeNumber(_ raw: String) -> Int? {
        guard let x = Double(raw), x == x.rounded(), abs(x) < 0x1p62 else { return nil }
        return Int(x)
    }

    /// Parses a raw value (nil for a bare key, which only flags allow).
    public func parse(_ raw: String?) throws(OptionError) -> OptionValue {
        switch kind {
        case .flag:
            guard let raw else { return .flag(true) }
            switch raw.lowercased() {
            case "on", "true", "yes", "1": return .flag(true)
            case "off", "false", "no", "0": return .flag(false)
            default: throw .badValue(key: key, value: raw, expected: "on or off")
            }
        case .int(let range):
            guard let raw else { throw .missingValue(key: key, expected: valueSyntax) }
            guard let n = Int(raw) ?? Self.wholeNumber(raw) else {
                // A whole number written (or shown) as `1e19` is an integer too large, not a non-integer.
                if let x = Double(raw), x.isFinite, x == x.rounded() {
                    throw .outOfRange(key: key, value: raw, tooLarge: x > 0, expected: "an integer in \(valueSyntax)")
                }
                throw .badValue(key: key, value: raw, expected: "an integer")
            }
            guard range.contains(n) else { throw .badValue(key: key, value: String(n), expected: "an integer in \(valueSyntax)") }
            return .int(n)
        case .number(let range):
            guard let raw else { throw .missingValue(key: key, expected: valueSyntax) }
            guard let x = Double(raw), x.isFinite else { throw .badValue(key: key, value: raw, expected: "a finite number") }
            guard range.contains(x) else { throw .badValue(key: key, value: raw, expected: "a number in \(valueSyntax)") }
            return .number(x)
        case .text:
            guard let raw else { throw .missingValue(key: key, expected: valueSyntax) }
            return .text(raw)
        case .choice(let choices):
            guard let raw else { throw .missingValue(key: key, expected: valueSyntax) }
            guard let match = choices.first(where: { $0.lowercased() == raw.lowercased() }) else {
                throw .badValue(key: key, value: raw, expected: "one of \(choices.joined(separator: ", "))")
            }
            return .choice(match)
        }
    }
}

/// A parsed option value.
public enum OptionValue: Sendable, Equatable, CustomStringConvertible {
    case int(Int), number(Double), choice(String), flag(Bool)
    /// Free text (an option declared with `OptionSpec(_:text:help:)`).
    case text(String)

    /// The value as it would be typed (text in double quotes, escaped).
    public var description: String {
        switch self {
        case .int(let n): return String(n)
        case .number(let x): return x.formatted
        case .choice(let s): return s
        case .flag(let b): return b ? "on" : "off"
        case .text(let s):
            var quoted = "\""
            for c in s {
                switch c {
                case "\\", "\"": quoted += "\\\(c)"
                case "\n": quoted += "\\n"
                case "\t": quoted += "\\t"
                default: quoted.append(c)
                }
            }
            return quoted + "\""
        }
    }
}

/// Why an option was refused. `key` lets the caller point at the token.
public enum OptionError: Error, Equatable, Sendable {
    case unknown(key: String, suggestion: String?)
    case missingValue(key: String, expected: String)
    case badValue(key: String, value: String, expected: String)
    case duplicate(key: String)
    /// A number far outside the range (too large even to be an `Int`).
    case outOfRange(key: String, value: String, tooLarge: Bool, expected: String)

    public var key: String {
        switch self {
        case .unknown(let k, _), .missingValue(let k, _), .badValue(let k, _, _), .duplicate(let k), .outOfRange(let k, _, _, _): return k
        }
    }

    public var message: String {
        switch self {
        case .unknown(let k, let s): return "unknown option '\(k)'" + (s.map { " (did you mean '\($0)'?)" } ?? "")
        case .missingValue(let k, let e): return "option '\(k)' needs a value (\(e))"
        case .badValue(let k, let v, let e): return "option '\(k)' must be \(e), not '\(v.count > 40 ? String(v.prefix(40)) + "…" : v)'"
        case .duplicate(let k): return "option '\(k)' given twice"
        case .outOfRange(let k, let v, let large, let e): return "option '\(k)' is too \(large ? "large" : "small") (\(v)): it must be \(e)"
        }
    }
}

/// Option values by key, with each spec's default filled in.
public struct Options: Sendable, Equatable {
    public private(set) var values: [String: OptionValue]

    public init(_ values: [String: OptionValue] = [:]) { self.values = values }

    /// Validates raw `key=value` pairs (value nil for a bare key) against specs.
    public init(parsing raw: [(key: String, value: String?)], specs: [OptionSpec]) throws(OptionError) {
        var values: [String: OptionValue] = [:]
        for spec in specs { if let d = spec.defaultValue { values[spec.key] = d } }
        var seen = Set<String>()
        for (key, value) in raw {
            guard let spec = specs.first(where: { $0.key == key }) else {
                throw .unknown(key: key, suggestion: closestMatch(to: key, in: specs.map(\.key)))
            }
            guard seen.insert(key).inserted else { throw .duplicate(key: key) }
            values[key] = try spec.parse(value)
        }
        self.values = values
    }

    public subscript(key: String) -> OptionValue? { values[key] }

    public func int(_ key: String) -> Int? { if case .int(let n)? = values[key] { return n } else { return nil } }
    public func number(_ key: String) -> Double? {
        switch values[key] {
        case .number(let x)?: return x
        case .int(let n)?: return Double(n)
        default: return nil
        }
    }
    public func choice(_ key: String) -> String? { if case .choice(let s)? = values[key] { return s } else { return nil } }
    public func text(_ key: String) -> String? { if case .text(let s)? = values[key] { return s } else { return nil } }
    public func flag(_ key: String) -> Bool { if case .flag(let b)? = values[key] { return b } else { return false } }
}

extension Double {
    /// Shortest form that reads back the same: `1`, `0.5`, `1e-08`.
    public var formatted: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
        return "\(self)".replacingOccurrences(of: "e+", with: "e")
    }
}
