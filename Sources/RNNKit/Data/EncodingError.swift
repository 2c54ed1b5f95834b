/// An encoding refused to be built (for example 1-of-N with no vocabulary).
public struct EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
