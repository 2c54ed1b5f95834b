/// A declared option that carries its default: declare it once as a static
/// constant, list its `spec` with the plugin's options, and read it with
/// `options[MyPlugin.momentum]`, which is never nil and cannot be misspelt
/// (argument-parser's "declare once, read non-optional", without property
/// wrappers).
///
///     static let forgetBias = Option("forget_bias", number: -100...100, default: 0, help: "…")
///     let fb = config.options[LSTMPlugin.forgetBias]   // Double
public struct Option<Value: Sendable>: Sendable {
    /// What the parser validates, `help` documents and completion offers.
    public let spec: OptionSpec
    /// The value when the option was not given (the one `spec` declares).
    public let defaultValue: Value
    private let read: @Sendable (OptionValue) -> Value?

    init(spec: OptionSpec, default value: Value, read: @escaping @Sendable (OptionValue) -> Value?) {
        self.spec = spec
        self.defaultValue = value
        self.read = read
    }

    /// The option's key, as typed before `=`.
    public var key: String { spec.key }

    func value(in options: Options) -> Value { options[key].flatMap(read) ?? defaultValue }
}

extension Option where Value == Double {
    /// A real number within `range`.
    public init(_ key: String, number range: ClosedRange<Double>, default value: Double, help: String) {
        self.init(spec: OptionSpec(key, number: range, default: value, help: help), default: value) {
            switch $0 {
            case .number(let x): return x
            case .int(let n): return Double(n)
            default: return nil
            }
        }
    }
}

extension Option where Value == Double? {
    /// A real number within `range` that may be left out (nil: not given).
    public init(_ key: String, number range: ClosedRange<Double>, help: String) {
        self.init(spec: OptionSpec(key, number: range, default: nil, help: help), default: nil) {
            switch $0 {
            case .number(let x): return x
            case .int(let n): return Double(n)
            default: return nil
            }
        }
    }
}

extension Option where Value == Int {
    /// An integer within `range`.
    public init(_ key: String, int range: ClosedRange<Int>, default value: Int, help: String) {
        self.init(spec: OptionSpec(key, int: range, default: value, help: help), default: value) {
            if case .int(let n) = $0 { return n } else { return nil }
        }
    }
}

extension Option where Value == Int? {
    /// An integer within `range` that may be left out (nil: not given).
    public init(_ key: String, int range: ClosedRange<Int>, help: String) {
        self.init(spec: OptionSpec(key, int: range, default: nil, help: help), default: nil) {
            if case .int(let n) = $0 { return n } else { return nil }
        }
    }
}

extension Option where Value == Bool {
    /// On or off: `key`, `key=on|off`.
    public init(_ key: String, flag value: Bool, help: String) {
        self.init(spec: OptionSpec(key, flag: value, help: help), default: value) {
            if case .flag(let b) = $0 { return b } else { return nil }
        }
    }
}

extension Option where Value == String {
    /// Free text, usually quoted: `prime="The "`.
    public init(_ key: String, text value: String, help: String) {
        self.init(spec: OptionSpec(key, text: value, help: help), default: value) {
            if case .text(let s) = $0 { return s } else { return nil }
        }
    }
}

extension Option where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// One of an enum's cases, typed as its raw value (`reset=before`, `act=relu`).
    public init(_ key: String, default value: Value, help: String) {
        self.init(spec: OptionSpec(key, choices: Value.allCases.map(\.rawValue), default: value.rawValue, help: help), default: value) {
            if case .choice(let s) = $0 { return Value(rawValue: s) } else { return nil }
        }
    }
}

extension Options {
    /// The value of a declared option: what was given, else its default.
    public subscript<Value>(_ option: Option<Value>) -> Value { option.value(in: self) }
}
