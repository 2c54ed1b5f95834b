import Foundation

/// A fresh directory under the system temp dir, for files a test writes.
struct TempDir {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rnnbook-data-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes UTF-8 `text` to `name` and returns its path.
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    /// Writes raw bytes to `name` and returns its path.
    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// The path of `name` in this directory (not created).
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
