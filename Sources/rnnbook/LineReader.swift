@preconcurrency import Glibc

/// Lines from a file descriptor (a pipe), read as they come. A line ends at
/// `\n`, `\r\n` or a lone `\r` (old Mac files), and keeps every other byte,
/// NUL included, so the lexer can refuse it rather than the line being cut
/// short there (Swift's `readLine` stops at a NUL). Bytes that are not UTF-8
/// become U+FFFD.
struct LineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the line's end goes on: the bytes before it hold
    /// none (so a 10 MB line is scanned once, not once per chunk read).
    private var scanned = 0
    private var atEnd = false
    /// The previous line ended with `\r`: a `\n` right after it belongs to it.
    private var skipLineFeed = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next line without its ending, or nil at the end of input.
    mutating func next() -> String? {
        while true {
            if skipLineFeed, start < buffer.count {
                if buffer[start] == 0x0A { start += 1 }
                skipLineFeed = false
            }
            if let end = buffer[max(start, scanned)...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                skipLineFeed = buffer[end] == 0x0D
                start = end + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            fill()
        }
    }

    /// Reads more input (after dropping what was already returned).
    private mutating func fill() {
        buffer.removeFirst(start)
        scanned -= start
        start = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { atEnd = true; return }
            buffer += chunk[..<count]
            return
        }
    }
}
