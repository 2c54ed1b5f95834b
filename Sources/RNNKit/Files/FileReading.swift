import Foundation

/// Why a path cannot be read or written, as a short phrase that follows
/// "cannot read F: " (`no such file`, `not a regular file (a FIFO)`).
public struct FileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reason, lower case, without the file name.
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }

    /// The reason for a failed system call's `errno`, in words a user can act on.
    public init(errno code: Int32) {
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES, EPERM: reason = "permission denied"
        case ELOOP: reason = "too many levels of symbolic links (a symlink loop?)"
        case ENOTDIR: reason = "a folder in the path is not a folder"
        case ENAMETOOLONG: reason = "file name too long"
        case ENOSPC: reason = "no space left on device (disk full)"
        case EISDIR: reason = "it is a directory"
        default: reason = String(cString: strerror(code)).lowercased()
        }
    }

    /// `""`: neither a file nor the current folder.
    public static let emptyName = FileProblem("empty file name")
}

/// What a path names, found with `stat(2)` (symbolic links followed).
public enum PathKind: Equatable, Sendable {
    /// An ordinary file: its size in bytes and permission bits.
    case regular(size: Int, mode: UInt32)
    case directory
    /// Anything else: a device, a FIFO or a socket, described (`a character device`).
    case special(String)
    /// Nothing is there (but the folder above may exist).
    case missing

    /// The kind of what `path` names. Throws for an empty name and for
    /// anything but "no such file" (a symlink loop, permission denied, …).
    public static func of(_ path: String) throws(FileProblem) -> PathKind {
        guard !path.isEmpty else { throw .emptyName }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            throw FileProblem(errno: code)
        }
        return PathKind(info)
    }

    /// The kind a `stat` result describes.
    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular(size: Int(info.st_size), mode: info.st_mode & 0o7777)
        case S_IFDIR: self = .directory
        case S_IFCHR: self = .special("a character device")
        case S_IFBLK: self = .special("a block device")
        case S_IFIFO: self = .special("a named pipe")
        case S_IFSOCK: self = .special("a socket")
        default: self = .special("not an ordinary file")
        }
    }

    /// Why this cannot be read or written as a file, or nil for a regular file.
    public var problem: FileProblem? {
        switch self {
        case .regular: return nil
        case .directory: return FileProblem("it is a directory")
        case .special(let what): return FileProblem("not a regular file (\(what))")
        case .missing: return FileProblem("no such file")
        }
    }
}

/// The one way rnnbook reads a file the user named: it looks at the path
/// first (so a FIFO never blocks, `/dev/zero` is never read for ever, a
/// directory or a symlink loop gets its own reason), then reads it whole.
public enum FileReading {
    /// The bytes of the regular file at `path`. With `limit`, a file larger
    /// than that many bytes is refused (without reading it all).
    public static func bytes(atPath path: String, limit: Int? = nil) throws(FileProblem) -> [UInt8] {
        if let problem = try PathKind.of(path).problem { throw problem }
        // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open still returns.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileProblem(errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileProblem(errno: errno) }
        let kind = PathKind(info)
        if let problem = kind.problem { throw problem }
        if let limit, case .regular(let size, _) = kind, size > limit { throw tooLarge(size, limit: limit) }
        var result: [UInt8] = []
        if case .regular(let size, _) = kind { result.reserveCapacity(min(size, limit ?? size, 1 << 26)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileProblem(errno: errno)
            }
            if count == 0 { return result }
            result += chunk[..<count]
            // Files in /proc report size 0: the limit holds for what is read too.
            if let limit, result.count > limit { throw tooLarge(result.count, limit: limit) }
        }
    }

    /// `too large: 3.2 GB, more than the 1 MB this reads`.
    static func tooLarge(_ size: Int, limit: Int) -> FileProblem {
        FileProblem("too large: \(byteCount(size)), more than the \(byteCount(limit)) allowed")
    }

    /// `512 bytes`, `1 MB`, `3.2 GB` (powers of 1024).
    public static func byteCount(_ n: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(n) bytes" }
        let text = value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
        return "\(text) \(units[unit])"
    }
}
