import RNNKit
/// The `session` keyword shared by `save session` and `load session`.
private func expectSessionKind(_ line: ParsedLine, verb: String) throws(CommandError) {
    let (kind, range) = try line.word(at: 0, expected: "what to \(verb): `\(verb) session FILE`")
    guard kind == "session" else {
        throw CommandError("\(verb) what? only `\(verb) session FILE` is available", at: range)
    }
}

/// Replays a notebook file into `session`, all or nothing: on an error the
/// session is put back as it was and the error names `FILE:LINE`.
func replayFile(_ path: String, range: Range<Int>, into session: Session) throws(CommandError) -> [TranscriptEntry] {
    let document: NotebookDocument
    let resolved = session.resolve(path)
    do throws(CommandError) { document = try NotebookDocument.read(path: resolved) } catch {
        throw CommandError(error.message, at: range)
    }
    guard session.loadDepth < 8 else { throw CommandError("notebooks load each other too deeply (a loop?)", at: range) }
    let snapshot = SessionSnapshot(session)
    let before = session.transcript.count
    let outerBase = session.baseDirectory
    session.loadDepth += 1
    session.baseDirectory = (resolved as NSString).deletingLastPathComponent
    defer {
        session.loadDepth -= 1
        session.baseDirectory = outerBase
    }
    let (error, _) = NotebookRunner.replay(document, name: path, in: session)
    if let error {
        snapshot.restore(session)
        let first = error.first ?? "\(path): failed"
        // A nested `load session` already named its file and line: pass its message on unchanged.
        if first.hasSuffix("(nothing was loaded)"), let cut = first.range(of: ": error: ") {
            throw CommandError(String(first[cut.upperBound...]), at: range)
        }
        let message = first.replacingOccurrences(of: ": error: ", with: ": ")
        throw CommandError(message + " (nothing was loaded)", at: range)
    }
    return Array(session.transcript[before...])
}

/// `save session FILE` writes the session as a notebook.
struct SaveCommand: Command {
    let name = "save"
    let synopsis = "save session FILE"
    let summary = "write this session (commands and outputs) as a notebook that replays and checks itself"
    let details = "The file replays with `rnnbook FILE`, checks with `rnnbook check FILE`, and re-records with `rnnbook record FILE`."
    let recordsInTranscript = false

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try expectSessionKind(line, verb: "save")
        let (path, range) = try line.path(at: 1)
        try line.expectNoMore(after: 2, usage: synopsis)
        let document = NotebookDocument(transcript: session.transcript, header: [
            "rnnbook notebook: replay with `rnnbook \((path as NSString).lastPathComponent)`, check with `rnnbook check`.",
        ])
        do throws(CommandError) { try document.write(path: session.resolve(path)) } catch { throw CommandError(error.message, at: range) }
        let n = session.transcript.count
        return CommandResult(["saved \(n) command\(n == 1 ? "" : "s") to \(path)"])
    }

    func completions(after words: [String], in session: Session) -> [String] { words.isEmpty ? ["session"] : [] }
    func completesFilePath(after words: [String]) -> Bool { words == ["session"] }
}

/// `load session FILE` runs a notebook's commands into this session.
struct LoadCommand: Command {
    let name = "load"
    let synopsis = "load session FILE"
    let summary = "run a notebook's commands into this session (all or nothing)"
    let details = "The notebook's commands join this session's transcript; its recorded outputs are not checked (see `rnnbook check`)."

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try expectSessionKind(line, verb: "load")
        let (path, range) = try line.path(at: 1)
        try line.expectNoMore(after: 2, usage: synopsis)
        let entries = try replayFile(path, range: range, into: session)
        var result = CommandResult(["loaded \(entries.count) command\(entries.count == 1 ? "" : "s") from \(path)"])
        result.recordsInTranscript = false
        return result
    }

    func completions(after words: [String], in session: Session) -> [String] { words.isEmpty ? ["session"] : [] }
    func completesFilePath(after words: [String]) -> Bool { words == ["session"] }
}

/// `replay FILE` is `load session FILE` that also prints every command and its output.
struct ReplayCommand: Command {
    let name = "replay"
    let synopsis = "replay FILE"
    let summary = "like `load session`, printing each command and its output"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let (path, range) = try line.path(at: 0)
        try line.expectNoMore(after: 1, usage: synopsis)
        let entries = try replayFile(path, range: range, into: session)
        var result = CommandResult(entries.flatMap { ["» " + $0.input] + $0.output })
        result.recordsInTranscript = false
        return result
    }

    func completesFilePath(after words: [String]) -> Bool { words.isEmpty }
}

import Foundation
