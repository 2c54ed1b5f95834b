/// The fuzzer's input read as a stream of choices: each call takes the next
/// byte or two, and an exhausted input reads as zeros, so every input —
/// including the empty one — decodes to something.
public struct FuzzBytes {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isExhausted: Bool { index >= bytes.count }

    /// The next byte (0 once exhausted).
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// A number in `0..<n` (0 when `n` is 0 or less); two bytes when `n` is over 256.
    public mutating func below(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        let raw = n > 256 ? Int(byte()) << 8 | Int(byte()) : Int(byte())
        return raw % n
    }

    /// One of `choices` (nil when there are none).
    public mutating func pick<T>(_ choices: [T]) -> T? {
        choices.isEmpty ? nil : choices[below(choices.count)]
    }

    /// Up to `limit` raw bytes (the count read first).
    public mutating func chunk(upTo limit: Int) -> [UInt8] {
        let count = below(limit + 1)
        return (0..<count).map { _ in byte() }
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return index < bytes.count ? Array(bytes[index...]) : []
    }
}
