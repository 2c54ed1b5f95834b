/// A data file could not be read or is malformed. `description` reads as one
/// line, compiler style: `data.txt:12: token 'Taipei' has no /TAG`.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// The 1-based line, or nil when the problem is the whole file.
    public let line: Int?
    /// What is wrong, without the location.
    public let message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message` (or `file: message`).
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
