@preconcurrency import Glibc
import Synchronization

/// Set when a write to standard error failed (closed, full): the run then
/// cannot claim success, see `StandardStreams.exitStatus(_:)`.
private let standardErrorFailed = Atomic<Bool>(false)

/// Standard output and error, written with `write(2)` so that a stream that
/// is closed, full or broken is noticed instead of trapping (Foundation's
/// `FileHandle.write`) or being ignored (`print`).
///
/// Standard output failing ends the program at once with `EX_IOERR` (74),
/// after saying so on standard error; a reader that went away (`| head`)
/// ends it quietly through `SIGPIPE`, as for other command-line tools.
/// Standard error failing turns a successful exit into 74. Once SIGHUP or
/// SIGTERM arrived (`terminationStatus`), output that fails is dropped
/// instead, so the prompt can still write its last session.
enum StandardStreams {
    /// `EX_IOERR` from sysexits.h: an error writing output.
    static let ioErrorStatus: Int32 = 74

    /// Call first. Restores the default `SIGPIPE` action (a dead reader ends
    /// the program quietly), and keeps a closed descriptor 0, 1 or 2 from
    /// being reused by the next file opened (a saved notebook would receive
    /// error messages): each is opened on `/dev/null` read-only, so writes
    /// to a closed stdout or stderr still fail, with `EBADF`.
    static func prepare() {
        signal(SIGPIPE, SIG_DFL)
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened != descriptor, opened >= 0 { close(opened) }
        }
    }

    /// Writes `text` to standard output, or ends the program (see the type).
    static func output(_ text: String) {
        let failure = write(text, to: STDOUT_FILENO)
        // After SIGHUP (the terminal is gone) or SIGTERM the prompt is leaving: it writes the last session first.
        guard let failure, terminationStatus == nil else { return }
        if failure == EPIPE { exit(128 + SIGPIPE) }
        error(failure == EBADF ? "rnnbook: standard output is closed\n" : "rnnbook: cannot write to standard output: \(describe(failure))\n")
        exit(ioErrorStatus)
    }

    /// Writes `text` to standard error; a failure is remembered for the exit status.
    static func error(_ text: String) {
        if write(text, to: STDERR_FILENO) != nil { standardErrorFailed.store(true, ordering: .relaxed) }
    }

    /// The status to exit with: `status`, or 74 when it says success but
    /// something could not be written to standard error.
    static func exitStatus(_ status: Int32) -> Int32 {
        status == 0 && standardErrorFailed.load(ordering: .relaxed) ? ioErrorStatus : status
    }

    /// Writes all of `text`, retrying after signals; nil, or the errno of the failure.
    private static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    var wait = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&wait, 1, -1)
                    continue
                }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }

    /// `strerror`'s text in lower case: "no space left on device".
    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// Writes a line to standard output (see `StandardStreams`).
func printLine(_ line: String) {
    StandardStreams.output(line + "\n")
}

/// Writes lines to standard output in one write.
func printLines(_ lines: [String]) {
    guard !lines.isEmpty else { return }
    StandardStreams.output(lines.map { $0 + "\n" }.joined())
}

/// Writes a line to standard error (see `StandardStreams`).
func printError(_ line: String) {
    StandardStreams.error(line + "\n")
}
