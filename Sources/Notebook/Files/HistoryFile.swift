import Foundation
import RNNKit

/// Whether the prompt may read and write the history file at a path.
public enum HistoryFileCheck: Equatable, Sendable {
    /// A history file (libedit's header) or an empty file: read it, rewrite it after each command.
    case existing
    /// Nothing there yet: create it (and its folder).
    case new
    /// `/dev/null`: the user's way of saying "no history"; nothing to say.
    case off
    /// Not usable: start without history; the reason follows "history disabled: ".
    case disabled(String)
}

/// The prompt's history file, trusted only as far as it looks like one:
/// a regular file of at most `sizeLimit` bytes that starts with libedit's
/// header, or is empty, or does not exist yet. Anything else (a device, a
/// FIFO, someone's notes.txt) is never read, written or chmod-ed.
public enum HistoryFile {
    /// The first line libedit writes (`write_history`).
    public static let header = Array("_HiStOrY_V2_".utf8)
    /// The largest file read: 1000 lines of history are far smaller.
    public static let sizeLimit = ReadLimit.historyFile.bytes

    /// The decision, from what `stat` says is at the path (`kind`, or the
    /// problem it reported) and the file's first bytes (at least the
    /// header's length, when it has that many). Pure, for tests.
    public static func check(shownAs name: String, kind: Result<PathKind, FileProblem>, firstBytes: [UInt8]) -> HistoryFileCheck {
        switch kind {
        case .failure(let problem):
            return .disabled("\(name): \(problem.reason)")
        case .success(.missing):
            return .new
        case .success(.directory):
            return .disabled("\(name) is a directory")
        case .success(.special(let what)):
            return name == "/dev/null" ? .off : .disabled("\(name) is not a regular file (\(what))")
        case .success(.regular(let size, _)):
            if size == 0 { return .existing }
            if size > sizeLimit { return .disabled("\(name) is \(ByteCount(size)), larger than a history file can be") }
            return firstBytes.starts(with: header) ? .existing : .disabled("\(name) is not an rnnbook history file")
        }
    }

    /// Looks at `path` (a `stat`, then at most the header's bytes) and decides.
    public static func check(path: String) -> HistoryFileCheck {
        let kind: Result<PathKind, FileProblem>
        do throws(FileProblem) { kind = .success(try PathKind.of(path)) } catch { kind = .failure(error) }
        var first: [UInt8] = []
        if case .success(.regular(let size, _)) = kind, size > 0, size <= sizeLimit {
            do throws(FileProblem) { first = Array(try FileReading.bytes(atPath: path, limit: .historyFile).prefix(header.count)) } catch {
                return .disabled("\(path): \(error.reason)")
            }
        }
        return check(shownAs: path, kind: kind, firstBytes: first)
    }

    /// Rewrites the history file atomically: `write` saves the history to
    /// the temporary path it is given (libedit's `write_history`, which
    /// makes its file 0600), which then replaces `path` keeping the mode the
    /// existing file had. A symbolic link is followed. Nil, or why it failed.
    public static func save(to path: String, using write: (String) -> Bool) -> String? {
        let target: String
        do throws(FileProblem) { target = try symlinkTarget(of: path) } catch { return "cannot write \(path): \(error.reason)" }
        var info = stat()
        let existingMode: mode_t? = stat(target, &info) == 0 ? info.st_mode & 0o7777 : nil
        let temporary: String
        do throws(FileProblem) {
            let created = try temporaryFile(beside: target)
            close(created.descriptor)
            temporary = created.path
        } catch {
            return "cannot write \(path): \(error.reason)"
        }
        guard write(temporary) else {
            unlink(temporary)
            return "cannot write \(path)"
        }
        if let existingMode { chmod(temporary, existingMode) }
        guard rename(temporary, target) == 0 else {
            let reason = FileProblem(errno: errno).reason
            unlink(temporary)
            return "cannot write \(path): \(reason)"
        }
        return nil
    }
}
