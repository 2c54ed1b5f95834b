import Foundation

/// The prompt's safety net: the session's transcript, written as a notebook
/// after every command that added to it (atomically, through `writeFile`),
/// so quitting, a closed terminal or a crash loses nothing. The previous
/// sessions' notebooks are kept as `NAME.1.rnn` … `NAME.3.rnn`, moved along
/// when this session first writes (so, until then, the banner's `load
/// session PATH` still finds the last one at PATH).
public final class LastSession {
    /// The notebook this session writes (`…/last-session.rnn`).
    public let path: String
    /// How many earlier notebooks are kept beside it.
    public static let kept = 3
    private var rotated = false
    private var written = 0
    /// Why writing failed, once; after that nothing more is tried.
    public private(set) var failure: String?

    public init(path: String) { self.path = path }

    /// `path` with `.N` before `.rnn` (`last-session.2.rnn`); 0 is `path`.
    public func rotatedPath(_ n: Int) -> String {
        guard n > 0 else { return path }
        let stem = (path as NSString).deletingPathExtension
        let ext = (path as NSString).pathExtension
        return "\(stem).\(n)" + (ext.isEmpty ? "" : ".\(ext)")
    }

    /// The banner's line about the last session's notebook, if there is one
    /// with commands: `your last session (N commands) is in PATH: replay it with `load session PATH``.
    public func bannerLine() -> String? {
        guard let document = try? NotebookDocument.read(path: path), !document.commands.isEmpty else { return nil }
        let n = document.commands.count
        let shown = path.contains(" ") ? "\"\(path)\"" : path
        return "your last session (\(n) command\(n == 1 ? "" : "s")) is in \(shown): replay it with `load session \(shown)`"
    }

    /// Writes `transcript` if it grew or changed since the last write (nothing
    /// for an empty one). Returns the failure the first time writing fails.
    @discardableResult
    public func save(_ transcript: [TranscriptEntry]) -> String? {
        guard failure == nil, !transcript.isEmpty, transcript.count != written else { return nil }
        if !rotated { rotate() }
        let document = NotebookDocument(transcript: transcript, header: [
            "rnnbook's last session, saved after every command: `load session FILE` or `replay FILE` brings it back.",
        ])
        do throws(CommandError) {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try writeFile(Data(document.text.utf8), to: path, shownAs: path, at: nil)
            written = transcript.count
            return nil
        } catch {
            failure = error.message
            return error.message
        }
    }

    /// Moves the notebooks along: `.2` to `.3`, `.1` to `.2`, `path` to `.1`.
    private func rotate() {
        rotated = true
        for n in stride(from: Self.kept - 1, through: 0, by: -1) where FileManager.default.fileExists(atPath: rotatedPath(n)) {
            _ = rename(rotatedPath(n), rotatedPath(n + 1))
        }
    }
}
