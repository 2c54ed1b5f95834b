/// The most rnnbook reads from one file of each kind, in one place: a file
/// is measured before it is read, so a huge (or endless) input is refused
/// with the size it would need instead of exhausting memory.
public struct ReadLimit: Sendable, Equatable {
    /// The most bytes read.
    public let bytes: Int
    /// What the file is, for messages: `a data file`.
    public let noun: String

    /// `vocab load`, `data tagged`, `data text`, `data fortunes`: text is
    /// kept as lines and characters, several times its size in memory.
    public static let dataFile = ReadLimit(bytes: 256 << 20, noun: "a data file")
    /// `load session`, `replay`, `rnnbook FILE.rnn`, `check`, `record`.
    public static let notebook = ReadLimit(bytes: 64 << 20, noun: "a notebook")
    /// `load model`: room for the largest net `net` builds (50 million
    /// parameters) even as F64, plus its header.
    public static let modelFile = ReadLimit(bytes: 512 << 20, noun: "a model file")
    /// The REPL's history file (libedit keeps 1000 lines).
    public static let historyFile = ReadLimit(bytes: 1 << 20, noun: "a history file")
    /// One command line, typed, pasted or in a notebook: a megabyte holds a
    /// matrix of 150,000 numbers, and the lexer need never see 10 MB.
    public static let commandLine = ReadLimit(bytes: 1 << 20, noun: "one command line")
    /// The JSON header of a model file (tensor names, shapes, metadata).
    public static let modelHeader = ReadLimit(bytes: 64 << 20, noun: "a model file's header")

    /// `3.0 GB is more than the 256 MB rnnbook reads for a data file`.
    public func refusal(size: Int) -> String {
        "\(ByteCount(size)) is more than the \(ByteCount(bytes)) rnnbook reads for \(noun)"
    }

    /// The same for a stream whose size is not known beforehand.
    public var refusalForStream: String { "it goes on past the \(ByteCount(bytes)) rnnbook reads for \(noun)" }
}

/// A size as people read it: `512 bytes`, `12 KB`, `3.0 GB` (powers of 1024).
public struct ByteCount: CustomStringConvertible, Sendable {
    public let bytes: Int

    public init(_ bytes: Int) { self.bytes = bytes }

    public var description: String {
        let units = ["KB", "MB", "GB", "TB", "PB", "EB"]
        guard bytes >= 1024 else { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        // One decimal below 10 (`3.0 GB`, `1.5 MB`), whole numbers above (`512 MB`).
        guard value < 10 else { return "\(Int(value.rounded())) \(units[unit])" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
