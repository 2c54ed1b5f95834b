import Foundation

/// Writes `data` to `path` atomically, or an error naming the file and why
/// (a directory, a missing folder, permissions), with a caret at `range`.
func writeFile(_ data: Data, to path: String, shownAs name: String, at range: Range<Int>?) throws(CommandError) {
    let url = URL(fileURLWithPath: path)
    if isDirectory(url.path) { throw CommandError("cannot write \(name): it is a directory", at: range) }
    let folder = url.deletingLastPathComponent().path
    guard isDirectory(folder) else { throw CommandError("cannot write \(name): no folder \(folder)", at: range) }
    do {
        try data.write(to: url, options: .atomic)
    } catch {
        throw CommandError("cannot write \(name): \(readableReason(error))", at: range)
    }
}

/// `writeFile` for text (UTF-8).
func writeTextFile(_ text: String, to path: String, at range: Range<Int>) throws(CommandError) {
    try writeFile(Data(text.utf8), to: path, shownAs: path, at: range)
}
