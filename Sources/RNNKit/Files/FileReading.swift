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

/// The one way rnnbook reads a whole file the user named: the path is
/// looked at first (so a FIFO never blocks, `/dev/zero` is never read for
/// ever, a directory or a symlink loop gets its own reason), its size is
/// checked against `limit`, then it is read (`InputFile`).
public enum FileReading {
    /// The bytes of the regular file at `path`, refused past `limit`.
    public static func bytes(atPath path: String, limit: ReadLimit) throws(FileProblem) -> [UInt8] {
        try InputFile.contents(of: path, limit: limit)
    }
}
