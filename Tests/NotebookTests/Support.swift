import Foundation
import Notebook
import RNNKit
import BuiltinPlugins

/// A session with every built-in plugin.
func makeSession() -> Session { Session(registry: Registry(plugins: allPlugins)) }

/// Runs lines, failing on the first error; returns the last output.
@discardableResult
func run(_ session: Session, _ lines: String...) -> [String] {
    var last: [String] = []
    for line in lines {
        let outcome = session.execute(line)
        if let error = outcome.error { Issue.record("unexpected error for `\(line)`: \(error.message)") }
        last = outcome.output
    }
    return last
}

/// The repository root (this file is Tests/NotebookTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

import Testing

/// A new, empty folder in the temporary directory, named `prefix-UUID` (remove it when done).
func scratchFolder(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
