#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, as the end of one line: `no such file`,
/// `it is a directory`, `3.0 GB is more than the 256 MB rnnbook reads for a data file`.
public typealias InputFileError = FileProblem

/// A file opened for reading and measured before anything is read: only a
/// regular file is opened (a FIFO would block, `/dev/zero` never ends), one
/// larger than its `ReadLimit` is refused at once, and one whose size the
/// system does not know (`/proc`) is read only up to the limit, so no input
/// can exhaust memory.
public final class InputFile {
    /// The size of a regular file; nil for a pipe or a device, whose size is not known.
    public let size: Int?
    private let limit: ReadLimit
    private let descriptor: Int32
    private var consumed = 0

    /// Opens `path`, refusing a folder, a missing or unreadable file and a
    /// regular file larger than `limit`.
    public init(path: String, limit: ReadLimit) throws(InputFileError) {
        self.limit = limit
        if let problem = try PathKind.of(path).problem { throw problem }
        // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open still returns.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblem(errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw FileProblem(errno: code)
        }
        let type = info.st_mode & S_IFMT
        if let problem = PathKind(info).problem {
            close(fd)
            throw problem
        }
        // /proc files say 0 bytes and have more: read them as streams.
        let regular = type == S_IFREG && info.st_size > 0
        if regular, info.st_size > Int64(limit.bytes) {
            close(fd)
            throw InputFileError(limit.refusal(size: Int(info.st_size)))
        }
        descriptor = fd
        size = regular ? Int(info.st_size) : nil
    }

    deinit { close(descriptor) }

    /// The next `count` bytes, or fewer at the end of the file. Reading past
    /// the limit is refused.
    public func read(upTo count: Int) throws(InputFileError) -> [UInt8] {
        guard count > 0 else { return [] }
        guard count <= limit.bytes - consumed else {
            throw InputFileError(size.map(limit.refusal(size:)) ?? limit.refusalForStream)
        }
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = out.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { systemRead(descriptor, $0 + filled, count - filled) } ?? 0
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileProblem(errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        consumed += filled
        out.removeLast(count - filled)
        return out
    }

    /// Everything left, refused when it goes past the limit.
    public func readToEnd() throws(InputFileError) -> [UInt8] {
        if let size { return try read(upTo: max(0, size - consumed)) }
        var out: [UInt8] = []
        while true {
            let room = limit.bytes - consumed
            guard room > 0 else {
                // One byte more tells a stream of exactly the limit from a longer one.
                if try readOneMore() { throw InputFileError(limit.refusalForStream) }
                return out
            }
            let chunk = try read(upTo: min(room, 1 << 20))
            if chunk.isEmpty { return out }
            out += chunk
        }
    }

    /// The whole of `path`, measured first.
    public static func contents(of path: String, limit: ReadLimit) throws(InputFileError) -> [UInt8] {
        try InputFile(path: path, limit: limit).readToEnd()
    }

    private func readOneMore() throws(InputFileError) -> Bool {
        var byte: UInt8 = 0
        while true {
            let n = systemRead(descriptor, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw FileProblem(errno: errno) }
            return n > 0
        }
    }
}

/// The C library's `read`, under a name the methods above do not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
