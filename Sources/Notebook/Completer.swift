import Foundation
import RNNKit

/// What Tab offers at the cursor: pure logic over the line and the session,
/// so it is tested without a terminal. The line editor replaces the text
/// from `start` (after the last space or `=`) with a candidate.
public struct Completion: Equatable, Sendable {
    /// Character offset where the word being completed starts.
    public var start: Int
    /// Full replacements for the text from `start` to the cursor.
    public var candidates: [String]
}

public enum Completer {
    /// Characters that end a word for completion (libedit must use the same).
    public static let wordBreaks = " \t\n="

    /// Candidates for the text before the cursor.
    public static func complete(_ beforeCursor: String, in session: Session) -> Completion {
        let chars = Array(beforeCursor)
        var start = chars.count
        while start > 0, !wordBreaks.contains(chars[start - 1]) { start -= 1 }
        // Inside an open `"`: the argument starts at the quote, and may hold spaces.
        let openQuote = chars.filter { $0 == "\"" }.count % 2 == 1 ? chars.lastIndex(of: "\"") : nil
        let argumentStart = openQuote ?? start
        let prefix = String(chars[(openQuote.map { $0 + 1 } ?? start)...])
        let words = String(chars[..<argumentStart]).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else {
            return Completion(start: start, candidates: match(session.commands.allNames.filter { $0 != "?" }, prefix))
        }
        guard let command = session.commands.command(named: first) else { return Completion(start: start, candidates: []) }
        var arguments = Array(words.dropFirst())
        // After `key=`: the option's values.
        if start > 0, chars[start - 1] == "=", let keyWord = arguments.popLast() {
            let key = String(keyWord.dropLast())
            let spec = command.optionSpecs(after: arguments, in: session).first { $0.key == key }
            return Completion(start: start, candidates: match(spec?.completions ?? [], prefix))
        }
        if command.completesFilePath(after: arguments) {
            // The editor replaces only the text after the last space: drop what is already typed before it.
            let typed = start - argumentStart
            let quoted = paths(matching: prefix).map { quotedPath($0, forceQuotes: openQuote != nil) }
            return Completion(start: start, candidates: quoted.map { String($0.dropFirst(typed)) })
        }
        guard openQuote == nil else { return Completion(start: start, candidates: []) }
        let used = Set(arguments.map { $0.split(separator: "=").first.map(String.init) ?? $0 })
        let offered = command.completions(after: arguments, in: session).filter { option in
            !used.contains(option.hasSuffix("=") ? String(option.dropLast()) : option)
        }
        return Completion(start: start, candidates: match(offered, prefix))
    }

    private static func match(_ words: [String], _ prefix: String) -> [String] {
        var seen = Set<String>()
        return words.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }

    /// Characters the lexer would split a bare path at, or read otherwise.
    static let needsQuotes: Set<Character> = [" ", "\t", "[", "]", ",", "=", ";", "\"", "'", "#", "\\"]

    /// `path` as a command line must spell it: bare when the lexer reads it
    /// back as one word, else in double quotes with `"` and `\` escaped. A
    /// folder's quote stays open, so Tab can go on into it.
    public static func quotedPath(_ path: String, forceQuotes: Bool = false) -> String {
        guard forceQuotes || path.contains(where: { needsQuotes.contains($0) }) else { return path }
        let escaped = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + (path.hasSuffix("/") ? "" : "\"")
    }

    /// Files and folders (with a trailing `/`) whose path starts with `prefix`.
    static func paths(matching prefix: String) -> [String] {
        let expanded = (prefix as NSString).expandingTildeInPath
        let slash = expanded.lastIndex(of: "/")
        let directory = slash.map { String(expanded[...$0]) } ?? ""
        let namePrefix = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        let shownDirectory = prefix.lastIndex(of: "/").map { String(prefix[...$0]) } ?? ""
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return [] }
        return entries.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: directory + name, isDirectory: &isDirectory)
            return shownDirectory + name + (isDirectory.boolValue ? "/" : "")
        }
    }
}
