import CFileSystem
import Foundation
import RNNKit
import Synchronization

/// Files this process must never write: the notebooks `rnnbook check` is
/// checking (a notebook that saves itself must not rewrite the file under check).
public enum ProtectedFiles {
    private static let paths = Mutex<Set<String>>([])

    /// `path` (as any spelling of it) is not to be written by this process.
    public static func protect(_ path: String) { paths.withLock { _ = $0.insert(canonical(path)) } }

    static func contains(_ path: String) -> Bool { paths.withLock { $0.contains(canonical(path)) } }

    private static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return ((absolute as NSString).resolvingSymlinksInPath as NSString).standardizingPath
    }
}

/// What `writeFile` does with an existing file that is read-only.
enum ReadOnlyFiles: Sendable, Equatable {
    /// Refuse it; `hint` says how to insist (`add force to overwrite it`), if the command can.
    case refuse(hint: String?)
    /// Overwrite it (the user said `force`), keeping its mode.
    case overwrite
}

/// The one way rnnbook writes a file the user named (`save`, `export`,
/// `record`, `plot … to`, `data save`): atomically, through a temporary
/// file in the same folder renamed over the target, as editors do, and
/// without destroying what is at the path:
///
/// - only a regular file (or a new one) is written; a device, FIFO, socket
///   or directory is refused with one line;
/// - a symbolic link is followed and its target written (the link stays);
/// - the existing file's mode (and, as root, owner) is kept; a new file gets
///   0666 less the umask;
/// - a read-only file (no write bit, or not writable by this user) is
///   refused unless `readOnly` is `.overwrite`.
///
/// Errors name the file and why, with a caret at `range`.
func writeFile(_ data: Data, to path: String, shownAs name: String, at range: Range<Int>?,
               readOnly: ReadOnlyFiles = .refuse(hint: nil)) throws(CommandError) {
    try PlannedWrite(to: path, shownAs: name, at: range, readOnly: readOnly).write(data)
}

/// Writes several files only when every one of them can be written (`export`
/// of Markdown and its plots): each is checked first, so a refusal writes none.
func writeTextFiles(_ files: [(text: String, path: String)], at range: Range<Int>,
                    readOnly: ReadOnlyFiles = .refuse(hint: nil)) throws(CommandError) {
    var plans: [PlannedWrite] = []
    for file in files { plans.append(try PlannedWrite(to: file.path, shownAs: file.path, at: range, readOnly: readOnly)) }
    for (plan, file) in zip(plans, files) { try plan.write(Data(file.text.utf8)) }
}

/// A write `writeFile` has checked and not yet done: where it goes, with
/// which mode and owner. Making one refuses as `writeFile` would.
struct PlannedWrite {
    let target: String, folder: String
    let mode: mode_t
    let owner: (uid: uid_t, gid: gid_t)?
    private let refuse: @Sendable (String) -> CommandError

    init(to path: String, shownAs name: String, at range: Range<Int>?, readOnly: ReadOnlyFiles) throws(CommandError) {
        let shown = name.isEmpty ? "\"\"" : name
        let refuse: @Sendable (String) -> CommandError = { reason in CommandError("cannot write \(shown): \(reason)", at: range) }
        self.refuse = refuse
        let existing: PathKind
        do throws(FileProblem) {
            target = try symlinkTarget(of: path)
            existing = try PathKind.of(target)
        } catch {
            throw refuse(error.reason)
        }
        var mode = newFileMode()
        var owner: (uid: uid_t, gid: gid_t)? = nil
        switch existing {
        case .missing: break
        case .directory: throw refuse("it is a directory")
        case .special(let what): throw refuse("not a regular file (\(what)); rnnbook writes only regular files")
        case .regular(_, let bits):
            mode = bits
            if readOnly != .overwrite, bits & 0o222 == 0 || access(target, W_OK) != 0 {
                var hint = ""
                if case .refuse(let text?) = readOnly { hint = " (\(text))" }
                throw refuse("it is read-only\(hint)")
            }
            var info = stat()
            if stat(target, &info) == 0 { owner = (info.st_uid, info.st_gid) }
        }
        self.mode = mode
        self.owner = owner
        if ProtectedFiles.contains(target) { throw refuse("it is the notebook being checked, which `rnnbook check` never writes") }
        let folder = (target as NSString).deletingLastPathComponent
        let folderPath = folder.isEmpty ? "." : folder
        do throws(FileProblem) {
            guard case .directory = try PathKind.of(folderPath) else { throw FileProblem("no folder \(folderPath)") }
        } catch {
            throw refuse(error.reason == "no such file" ? "no folder \(folderPath)" : error.reason)
        }
        self.folder = folderPath
    }

    /// Writes `data` there, atomically.
    func write(_ data: Data) throws(CommandError) {
        do throws(FileProblem) {
            try replaceAtomically(target, in: folder, with: data, mode: mode, owner: owner)
        } catch {
            throw refuse(error.reason)
        }
    }
}

/// What a command that takes `force` says about a read-only file.
let forceHint = "add `force` to overwrite it"

/// `writeFile` for text (UTF-8).
func writeTextFile(_ text: String, to path: String, at range: Range<Int>,
                   readOnly: ReadOnlyFiles = .refuse(hint: nil)) throws(CommandError) {
    try writeFile(Data(text.utf8), to: path, shownAs: path, at: range, readOnly: readOnly)
}

/// The file a chain of symbolic links ends at (`path` itself when it is not
/// a link, or a link's target that does not exist yet).
func symlinkTarget(of path: String) throws(FileProblem) -> String {
    guard !path.isEmpty else { throw .emptyName }
    var current = path
    for _ in 0..<40 {
        var info = stat()
        guard lstat(current, &info) == 0 else {
            if errno == ENOENT { return current }
            throw FileProblem(errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFLNK else { return current }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(current, &buffer, buffer.count - 1)
        guard count >= 0 else { throw FileProblem(errno: errno) }
        let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        current = link.hasPrefix("/") ? link : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link)
    }
    throw FileProblem(errno: ELOOP)
}

/// A new, empty file (mode 0600, `mkstemp`) in the folder of `target`, named
/// after it and this process (`.NAME.rnnbook-PID.XXXXXX`): its open
/// descriptor and its path. Temporaries that a killed rnnbook left beside
/// `target` are removed first (`sweepStaleTemporaries`).
func temporaryFile(beside target: String) throws(FileProblem) -> (descriptor: Int32, path: String) {
    sweepStaleTemporaries(beside: target)
    let folder = (target as NSString).deletingLastPathComponent
    let name = ".\((target as NSString).lastPathComponent).rnnbook-\(getpid()).XXXXXX"
    var template = Array(((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(name).utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
    guard descriptor >= 0 else { throw FileProblem(errno: errno) }
    return (descriptor, String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
}

/// Removes temporaries of `target` (`.NAME.rnnbook-PID.XXXXXX`) whose
/// process is gone: what a `kill -9` in the middle of a save leaves. Those
/// of a running rnnbook (another process saving the same file) are left alone.
func sweepStaleTemporaries(beside target: String) {
    let folder = (target as NSString).deletingLastPathComponent
    let prefix = ".\((target as NSString).lastPathComponent).rnnbook-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
    for name in names where name.hasPrefix(prefix) {
        let rest = name.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: "."), let pid = Int32(rest[..<dot]), rest[rest.index(after: dot)...].count == 6,
              pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
        unlink(((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(name))
    }
}

/// Flushes a folder's entries (a rename in it) to disk; best effort.
private func syncFolder(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
}

/// 0666 less the process's umask: the mode `open(O_CREAT)` would give.
private func newFileMode() -> UInt32 {
    let mask = umask(0)
    umask(mask)
    return 0o666 & ~UInt32(mask)
}

/// Writes `data` to a new temporary file in `folder`, gives it `mode` (and
/// `owner`, where allowed), flushes it to disk and renames it over `target`.
/// On any failure the temporary file is removed and `target` is untouched.
private func replaceAtomically(_ target: String, in folder: String, with data: Data, mode: UInt32,
                               owner: (uid: uid_t, gid: gid_t)?) throws(FileProblem) {
    // Linux first: an unnamed file, named only once complete, so a kill -9 while writing leaves nothing
    // (what a kill between naming and renaming leaves, the next save sweeps).
    sweepStaleTemporaries(beside: target)
    let unnamed = rnnbook_open_tmpfile(folder, mode)
    if unnamed >= 0 {
        if let failure = write(data, to: unnamed, mode: mode, owner: owner) {
            close(unnamed)
            throw FileProblem(errno: failure)
        }
        var linked: String? = nil
        for _ in 0..<8 {
            let name = (folder as NSString).appendingPathComponent(
                ".\((target as NSString).lastPathComponent).rnnbook-\(getpid()).\(String(UInt32.random(in: 0...0xFFFFFF), radix: 36).leftPadded(to: 6))")
            if rnnbook_link_fd(unnamed, name) == 0 { linked = name; break }
            if errno != EEXIST { break }
        }
        close(unnamed)
        guard let linked else { throw FileProblem(errno: errno) }
        guard rename(linked, target) == 0 else {
            let failure = errno
            unlink(linked)
            throw FileProblem(errno: failure)
        }
        syncFolder(folder)
        return
    }
    try replaceThroughNamedTemporary(target, in: folder, with: data, mode: mode, owner: owner)
}

/// Writes all of `data` to `descriptor`, sets `mode` (and `owner`, where
/// allowed) and flushes it to disk; the errno of a failure, or nil.
private func write(_ data: Data, to descriptor: Int32, mode: UInt32, owner: (uid: uid_t, gid: gid_t)?) -> Int32? {
    var failure: Int32? = nil
    data.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = Glibc.write(descriptor, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += written
        }
    }
    if failure == nil, fchmod(descriptor, mode) != 0 { failure = errno }
    if let owner, failure == nil { _ = fchown(descriptor, owner.uid, owner.gid) }  // only root may; others keep their own
    if failure == nil, fsync(descriptor) != 0 { failure = errno }
    return failure
}

/// Where `O_TMPFILE` is not offered: a named temporary (`temporaryFile`),
/// written, flushed and renamed over `target`; on failure it is removed.
private func replaceThroughNamedTemporary(_ target: String, in folder: String, with data: Data, mode: UInt32,
                                          owner: (uid: uid_t, gid: gid_t)?) throws(FileProblem) {
    let (descriptor, temporary) = try temporaryFile(beside: target)
    var failure = write(data, to: descriptor, mode: mode, owner: owner)
    if close(descriptor) != 0, failure == nil { failure = errno }
    if failure == nil, rename(temporary, target) != 0 { failure = errno }
    if let failure {
        unlink(temporary)
        throw FileProblem(errno: failure)
    }
    // The rename itself must reach the disk too, or a crash could bring back the old file (or none).
    syncFolder(folder)
}

extension String {
    /// The string with `0`s in front, to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
