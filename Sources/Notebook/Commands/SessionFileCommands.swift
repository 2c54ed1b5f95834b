import RNNKit
/// What `save`/`load` act on: `session` (a notebook), `model` (weights) or
/// `state` (the whole session, to resume exactly).
private enum FileKind: String, CaseIterable { case session, model, state }

/// The `session`/`model`/`state` keyword after `save` and `load`.
private func fileKind(_ line: ParsedLine, verb: String) throws(CommandError) -> FileKind {
    let (word, range) = try line.word(at: 0, expected: "what to \(verb): `\(verb) session FILE`, `\(verb) model FILE` or `\(verb) state FILE`")
    guard let kind = FileKind(rawValue: word) else {
        throw CommandError("\(verb) what? `\(verb) session FILE`, `\(verb) model FILE` or `\(verb) state FILE`", at: range)
    }
    return kind
}

/// Replays a notebook file into `session`, all or nothing: on an error the
/// session is put back as it was and the error names `FILE:LINE`.
/// Returns the transcript entries it added, and whether the notebook ended with `quit`.
func replayFile(_ path: String, range: Range<Int>, into session: Session) throws(CommandError) -> (entries: [TranscriptEntry], quit: Bool) {
    let document: NotebookDocument
    let resolved = session.resolve(path)
    do throws(CommandError) { document = try NotebookDocument.read(path: resolved) } catch {
        throw CommandError(error.message, at: range)
    }
    // A real loop is named; a long chain without one is fine up to a bound that keeps the stack safe.
    let identity = ((resolved as NSString).resolvingSymlinksInPath as NSString).standardizingPath
    if let start = session.loading.firstIndex(of: identity) {
        let chain = (session.loading[start...] + [identity]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
        throw CommandError("notebooks load each other in a loop: \(chain)", at: range)
    }
    guard session.loading.count < Session.loadDepthLimit else {
        throw CommandError("notebooks load each other more than \(Session.loadDepthLimit) deep", at: range)
    }
    let snapshot = SessionSnapshot(session)
    let before = session.transcript.count
    let outerBase = session.baseDirectory
    session.loading.append(identity)
    session.baseDirectory = (resolved as NSString).deletingLastPathComponent
    defer {
        session.loading.removeLast()
        session.baseDirectory = outerBase
    }
    let (error, quit) = NotebookRunner.replay(document, name: path, in: session)
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
    return (Array(session.transcript[before...]), quit)
}

/// `save session FILE` writes the session as a notebook.
struct SaveCommand: Command {
    let name = "save"
    let synopsis = "save session FILE [force] | save model FILE [force] | save state FILE [force]"
    let summary = "write the session as a notebook that replays and checks itself, or the weights as safetensors"
    let details = """
        save session memory.rnn   replays with `rnnbook FILE`, checks with `rnnbook check FILE`, re-records with `rnnbook record FILE`
                                   (each command, then its output on `#> ` lines; `#>~ ` lines are shown but not compared,
                                   for numbers that depend on the CPU; `expect` states a claim that `check` verifies)
        save model net.safetensors  weights with PyTorch's names and gate order (torch's load_state_dict reads them);
                                   the metadata keeps the `net` command, so `load model` can rebuild the net
        save state run.rnnstate    the whole session to resume exactly: net, weights, optimizer state, random
                                   generator, vocabulary, encoding, the data's recipe (a file's path and SHA-256),
                                   step memory, loss history, settings and transcript (`load state` reads it)
        Only a regular file is written (a device, FIFO or directory is refused), atomically; a symbolic link is
        followed and its target written, an existing file keeps its mode, and a read-only file is refused
        unless `force` follows the name: `save session memory.rnn force`.
        """
    let recordsInTranscript = false

    private func saveModel(_ path: String, range: Range<Int>, force: Bool, line: ParsedLine, session: Session) throws(CommandError) -> CommandResult {
        let net = try session.require((any Model).self, as: "a model", at: line.commandRange)
        var contents = ModelFile.contents(of: net)
        contents.metadata.merge(ModelContext.metadata(of: session)) { current, _ in current }
        let data = SafeTensors.encode(contents)
        try writeFile(data, to: session.resolve(path), shownAs: path, at: range, readOnly: force ? .overwrite : .refuse(hint: forceHint))
        let pytorch = (net as? Network)?.pytorchModules.map { "PyTorch's \($0) loads them and computes the same" }
            ?? "no PyTorch module computes this \(net is Network ? "net" : "model"): the file is marked pytorch=none (rnnbook's names, every weight kept)"
        var result = CommandResult(["saved \(net.parameterCount) parameters (\(net.namedParameters.count) tensors) to \(path); \(pytorch)"])
        result.recordsInTranscript = true
        return result
    }

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let kind = try fileKind(line, verb: "save")
        let (path, range) = try line.path(at: 1)
        let force = try line.force(at: 2, usage: synopsis)
        if kind == .model { return try saveModel(path, range: range, force: force, line: line, session: session) }
        if kind == .state {
            let data = SafeTensors.encode(StateFile.contents(of: session))
            try writeFile(data, to: session.resolve(path), shownAs: path, at: range, readOnly: force ? .overwrite : .refuse(hint: forceHint))
            var result = CommandResult(["saved the session's state to \(path) (\(session.model?.parameterCount ?? 0) parameters, "
                                        + "\(session.lossHistory.count) epochs trained, \(session.transcript.count) commands)"])
            result.recordsInTranscript = true
            return result
        }
        let document = NotebookDocument(transcript: session.transcript, header: [
            "rnnbook notebook: replay with `rnnbook \((path as NSString).lastPathComponent)`, check with `rnnbook check`.",
        ])
        try writeFile(Data(document.text.utf8), to: session.resolve(path), shownAs: path, at: range,
                      readOnly: force ? .overwrite : .refuse(hint: forceHint))
        let n = session.transcript.count
        return CommandResult(["saved \(n) command\(n == 1 ? "" : "s") to \(path)"])
    }

    func completions(after words: [String], in session: Session) -> [String] {
        words.isEmpty ? FileKind.allCases.map(\.rawValue) : words.count == 2 ? ["force"] : []
    }
    func completesFilePath(after words: [String]) -> Bool { words.count == 1 && FileKind(rawValue: words[0]) != nil }
}

/// `load session FILE` runs a notebook's commands into this session.
struct LoadCommand: Command {
    let name = "load"
    let synopsis = "load session FILE | load model FILE [prefix=NAME.] [partial] | load state FILE"
    static let prefix = Option("prefix", text: "", help: "strip this from the file's tensor names (a module's state dict: prefix=rnn.)")
    static let partial = Option("partial", flag: false, help: "keep the parameters the file lacks, ignore its other tensors, and list them")
    let summary = "run a notebook's commands into this session, or read weights from safetensors (all or nothing)"
    let details = """
        load session FILE   the notebook's commands join this session's transcript (outputs are not checked: see `rnnbook check`)
        load model FILE     weights by PyTorch name into the current net; a file saved by rnnbook rebuilds its net first
                            when there is none or it differs. Every tensor must match a parameter's name and shape
                            (every mismatch is listed); prefix=rnn. reads a module's state dict (`rnn.weight_ih_l0`),
                            partial loads what fits (a bare recurrent module into a net with out=) and lists what kept its value.
        load state FILE     the whole session `save state` wrote, replacing this one: `train` then goes on exactly as it
                            would have (same weights, optimizer moments, random generator, data); all or nothing
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let kind = try fileKind(line, verb: "load")
        let (path, range) = try line.path(at: 1)
        if kind == .model {
            let options = try line.options(line.arguments.dropFirst(2), specs: [Self.prefix.spec, Self.partial.spec], context: "load model")
            return try loadModel(path, range: range, session: session,
                                 options: ModelFile.LoadOptions(prefix: options[Self.prefix], partial: options[Self.partial]))
        }
        try line.expectNoMore(after: 2, usage: synopsis)
        if kind == .state { return try loadState(path, range: range, session: session) }
        let (entries, quit) = try replayFile(path, range: range, into: session)
        let stopped = quit ? " (it stops at its `quit`; the rest was not run)" : ""
        var result = CommandResult(["loaded \(entries.count) command\(entries.count == 1 ? "" : "s") from \(path)\(stopped)"])
        result.recordsInTranscript = false
        return result
    }

    func completions(after words: [String], in session: Session) -> [String] { words.isEmpty ? FileKind.allCases.map(\.rawValue) : [] }
    func completesFilePath(after words: [String]) -> Bool { words.count == 1 && FileKind(rawValue: words[0]) != nil }

    /// `load state FILE`: the saved session replaces this one (not itself recorded: the saved transcript is).
    private func loadState(_ path: String, range: Range<Int>, session: Session) throws(CommandError) -> CommandResult {
        let contents = try readModel(path, range: range, session: session)
        try session.refuseIfInterrupted(path, at: range)
        let lines = try StateFile.restore(contents, path: path, range: range, into: session)
        var result = CommandResult(["loaded the session's state from \(path)"] + lines.map { "  " + $0 })
        result.recordsInTranscript = false
        return result
    }
}

/// `replay FILE` is `load session FILE` that also prints every command and its output.
struct ReplayCommand: Command {
    let name = "replay"
    let synopsis = "replay FILE"
    let summary = "like `load session`, printing each command and its output"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let (path, range) = try line.path(at: 0)
        try line.expectNoMore(after: 1, usage: synopsis)
        let (entries, quit) = try replayFile(path, range: range, into: session)
        var result = CommandResult(entries.flatMap { ["» " + $0.input] + $0.output } + (quit ? ["» quit (the rest of \(path) was not run)"] : []))
        result.recordsInTranscript = false
        return result
    }

    func completesFilePath(after words: [String]) -> Bool { words.isEmpty }
}

import Foundation
