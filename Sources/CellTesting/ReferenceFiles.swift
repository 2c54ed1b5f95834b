import Foundation

/// The repository's own copy of the reference files, `Tests/Reference`.
public let repositoryReferenceDirectory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/Reference")

/// The folder of PyTorch reference files (`rnn_tanh.json`, …): the one named
/// by `$RNNBOOK_REFERENCE_DIR`, else the project's shared contract
/// `../shared/reference` beside the repository when it is there, else the
/// copy kept in `Tests/Reference`, so a clone anywhere still tests.
public let referenceDirectory: URL = {
    if let explicit = ProcessInfo.processInfo.environment["RNNBOOK_REFERENCE_DIR"], !explicit.isEmpty {
        return URL(fileURLWithPath: explicit)
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let shared = root.deletingLastPathComponent().appendingPathComponent("shared/reference")
    if FileManager.default.fileExists(atPath: shared.appendingPathComponent("rnn_tanh.json").path) { return shared }
    return root.appendingPathComponent("Tests/Reference")
}()

