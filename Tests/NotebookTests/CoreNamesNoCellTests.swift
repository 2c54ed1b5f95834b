import Foundation
import Testing
import RNNKit
import BuiltinPlugins

// The core knows no cell by name: outside `Plugins/`, no identifier and no
// string literal in `Sources/` names a built-in cell, so a cell of one's own
// gets exactly what the built-in ones get. Comments may mention them as
// examples. `Sources/BuiltinPlugins` is the one list of plugins a build
// registers, so it names them by definition.

/// The built-in cells' names, as typed after `net`.
private let cellNames = Set(Registry(plugins: allPlugins).cells.map { $0.name.lowercased() })

@Test func noSourceOutsidePluginsNamesACell() throws {
    #expect(cellNames.isSuperset(of: ["elman", "jordan", "lstm", "gru", "mgu"]))
    let sources = repositoryRoot.appendingPathComponent("Sources")
    let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        .compactMap { $0 as? URL }
        .filter { $0.pathExtension == "swift" && !$0.path.contains("/Sources/BuiltinPlugins/") }
    #expect(files.count > 50, "found \(files.count) Swift files under \(sources.path)")
    var found: [String] = []
    for file in files {
        let text = try String(contentsOf: file, encoding: .utf8)
        let relative = file.path.replacingOccurrences(of: repositoryRoot.path + "/", with: "")
        found += cellNamesInCode(text).map { "\(relative):\($0.line): \($0.word)" }
    }
    #expect(found.isEmpty, "the core names cells:\n\(found.joined(separator: "\n"))")
}

@Test func theScanSeesCodeAndStringsButNotComments() {
    let code = """
        let a = "net lstm in=3"   // elman in a comment
        /* gru in a block /* nested mgu */ still a comment */ let b = LSTMFusedStep()
        /// jordan in a doc comment
        let c = "https://x" + isGRU + feed_forward_net + FeedForwardCell
        let d = \"""
            a "quoted" word, then https://example and elman
            \"""
        """
    #expect(cellNamesInCode(code).map(\.word) == ["lstm", "LSTMFusedStep", "isGRU", "FeedForwardCell", "elman"])
    #expect(cellNamesInCode(code).map(\.line) == [1, 2, 4, 4, 6])
}

/// Every word of code or string literal (comments dropped) that names a
/// built-in cell, whole or as a run of its camel-case or snake-case parts
/// (`lstm`, `LSTMFusedStep`, `isGRU`), with its line number.
private func cellNamesInCode(_ source: String) -> [(line: Int, word: String)] {
    var hits: [(line: Int, word: String)] = []
    for (index, line) in withoutComments(source).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let words = line.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        for word in words where namesACell(word) { hits.append((index + 1, String(word))) }
    }
    return hits
}

/// Whether the word, or a run of its parts (`Feed` `Forward` → `feedforward`), is a cell's name.
/// Underscores do not join parts: `feed_forward` is two words.
private func namesACell(_ word: Substring) -> Bool {
    word.split(separator: "_").contains { piece in
        let parts = camelParts(piece)
        return parts.indices.contains { start in
            (start..<parts.count).contains { end in cellNames.contains(parts[start...end].joined().lowercased()) }
        }
    }
}

/// `LSTMFusedStep` → `LSTM`, `Fused`, `Step`; `isGRU` → `is`, `GRU`.
private func camelParts(_ word: Substring) -> [String] {
    var parts: [String] = []
    var current = ""
    let chars = Array(word)
    for (i, c) in chars.enumerated() {
        if let previous = current.last {
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            let startsWord = c.isUppercase && (previous.isLowercase || previous.isNumber
                || (previous.isUppercase && next?.isLowercase == true))
            if startsWord || c.isNumber != previous.isNumber {
                parts.append(current)
                current = ""
            }
        }
        current.append(c)
    }
    if !current.isEmpty { parts.append(current) }
    return parts
}

/// The source with `//` and (nested) `/* */` comments blanked out, string
/// literals kept (so `"https://…"` is not a comment), newlines kept.
private func withoutComments(_ source: String) -> String {
    let chars = Array(source)
    var out = "", i = 0, depth = 0, inString = false, inMultiline = false
    func startsTripleQuote(_ i: Int) -> Bool { i + 2 < chars.count && chars[i] == "\"" && chars[i + 1] == "\"" && chars[i + 2] == "\"" }
    while i < chars.count {
        let c = chars[i], next = i + 1 < chars.count ? chars[i + 1] : nil
        if inMultiline {
            if startsTripleQuote(i) { inMultiline = false; out += "\"\"\""; i += 3; continue }
            out.append(c)
            if c == "\\", let next { out.append(next); i += 2; continue }
            i += 1
        } else if startsTripleQuote(i), !inString, depth == 0 {
            inMultiline = true
            out += "\"\"\""
            i += 3
        } else if depth > 0 {
            if c == "*", next == "/" { depth -= 1; i += 2; continue }
            if c == "/", next == "*" { depth += 1; i += 2; continue }
            if c == "\n" { out.append(c) }
            i += 1
        } else if inString {
            out.append(c)
            if c == "\\", let next { out.append(next); i += 2; continue }
            if c == "\"" { inString = false }
            i += 1
        } else if c == "/", next == "/" {
            while i < chars.count, chars[i] != "\n" { i += 1 }
        } else if c == "/", next == "*" {
            depth = 1
            i += 2
        } else {
            if c == "\"" { inString = true }
            out.append(c)
            i += 1
        }
    }
    return out
}
