@preconcurrency import CEditLine
@preconcurrency import Glibc
import Foundation
import Notebook

/// The session Tab completes against. libedit's readline API gives its
/// completion callback no context pointer, and a C callback cannot capture,
/// so the one interactive session is reachable from here. Only the main
/// thread touches it (libedit calls back on the thread that called readline).
nonisolated(unsafe) private var completionSession: Session?

/// Interactive line input through libedit: prompt, history, Tab completion,
/// Ctrl-R search (and `~/.editrc`) for free.
final class LineEditor {
    let historyPath: String
    private var lastEntry: String?
    /// False when the history file is unusable (see `HistoryFile`): lines are
    /// still remembered for Up/Down, but nothing is read or written.
    private var historyEnabled = false

    init(session: Session, historyPath: String) {
        self.historyPath = historyPath
        completionSession = session
        rl_readline_name = UnsafePointer(strdup("rnnbook"))
        rl_completer_word_break_characters = strdup(Completer.wordBreaks)
        rl_attempted_completion_function = { text, start, end in completeLine(text, start, end) }
        PrefixSearch.install()
        stifle_history(Int32(HistoryLocation.limit))
        switch HistoryFile.check(path: historyPath) {
        case .existing:
            read_history(historyPath)
            historyEnabled = true
        case .new:
            let folder = (historyPath as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            historyEnabled = true
        case .off:
            break
        case .disabled(let reason):
            printError("history disabled: \(reason)")
        }
        if history_length > 0, let entry = history_get(history_base + history_length - 1), let line = entry.pointee.line {
            lastEntry = String(cString: line)
        }
    }

    /// Reads a line. `.interrupted` for Ctrl-C (the line is dropped), `.end` for Ctrl-D.
    /// What a read gave: a line, Ctrl-C, Ctrl-D on an empty line (`end`), or
    /// Ctrl-D on an empty continuation line (`dropped`: the unfinished command is let go, the prompt stays).
    enum Input { case line(String), interrupted, end, dropped }

    func read(prompt: String) -> Input {
        _ = takeInterrupt()
        guard let raw = readline(prompt) else {
            if takeInterrupt() { return .interrupted }
            return .end
        }
        defer { free(raw) }
        if takeInterrupt() { return .interrupted }
        return .line(String(cString: raw))
    }

    /// Adds a line to the history file, skipping blanks and repeats.
    func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, line != lastEntry else { return }
        add_history(line)
        lastEntry = line
        guard historyEnabled else { return }
        if let failure = HistoryFile.save(to: historyPath, using: { write_history($0) == 0 }) {
            printError("history disabled: \(failure)")
            historyEnabled = false
        }
    }
}

/// libedit's completion hook: the text before the cursor goes to `Completer`;
/// the matches come back as a malloc'd, NULL-terminated array whose first
/// entry is their longest common prefix.
private func completeLine(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    guard let session = completionSession, let buffer = rl_line_buffer else { return nil }
    let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(rl_point)))
    let before = String(decoding: bytes, as: UTF8.self)
    let completion = Completer.complete(before, in: session)
    // libedit replaces from `start`, which is past an opening `"` it recognised:
    // drop what the candidates repeat of the text before it.
    let replacedFrom = String(decoding: bytes.prefix(max(0, Int(start))), as: UTF8.self).count
    let skip = max(0, replacedFrom - completion.start)
    let candidates = completion.candidates.map { String($0.dropFirst(skip)) }
    guard !candidates.isEmpty else { return nil }
    let noSpaceAfter = candidates.count == 1 && (candidates[0].hasSuffix("=") || candidates[0].hasSuffix("/"))
    rl_completion_append_character = noSpaceAfter ? 0 : 32
    let common = candidates.dropFirst().reduce(candidates[0]) { String($0.commonPrefix(with: $1)) }
    // [common prefix, matches…, NULL]. libedit decides "one match" by looking at
    // entry 2, so a single match is listed after its own prefix rather than alone.
    let entries = [common] + candidates
    let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: entries.count + 1)
    for (i, entry) in entries.enumerated() { array[i] = strdup(entry) }
    array[entries.count] = nil
    // readline frees the array with free(): hand it memory from malloc.
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
    guard let copy = malloc(size)?.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self) else {
        array.deallocate()
        return nil
    }
    copy.update(from: array, count: entries.count + 1)
    array.deallocate()
    return copy
}
