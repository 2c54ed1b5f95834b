import Foundation

/// `tty-drive` (tmux) when this machine has it: it runs the binary in a real
/// terminal, types the steps and prints the screen. Tests of the prompt are
/// skipped without it.
let ttyDrive: URL? = {
    let candidates = [ProcessInfo.processInfo.environment["TTY_DRIVE"], "/work/shared/tools/tty-drive"].compactMap { $0 }
    let hasTmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    return hasTmux ? candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(URL.init(fileURLWithPath:)) : nil
}()

/// Runs the binary at a terminal prompt through `tty-drive`, typing `steps`
/// (`type LINE`, `text TEXT`, `key Up`, …); returns the screens it printed.
/// With `unprivileged`, a root caller runs the binary as `nobody` (through
/// `setpriv`), for whom file modes mean what they say.
func atPrompt(_ steps: [String], environment: [String: String] = [:], width: Int = 100, unprivileged: Bool = false) throws -> String {
    guard let drive = ttyDrive else { return "" }
    let env = ["RNNBOOK_HISTORY=/dev/null", "NO_COLOR=1"] + environment.map { "\($0.key)=\($0.value)" }
    var command = [try binary().path]
    var copied: String? = nil
    defer { if let copied { try? FileManager.default.removeItem(atPath: copied) } }
    if unprivileged && getuid() == 0 {
        // A copy nobody can run, wherever the build folder is (a clone under a private home, say).
        let folder = try temporaryFolder("rnnbook-binary")
        copied = folder
        let copy = folder + "/rnnbook"
        try FileManager.default.copyItem(atPath: command[0], toPath: copy)
        chmod(folder, 0o755)
        chmod(copy, 0o755)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", copy]
    }
    let arguments = ["--width", "\(width)"] + env.flatMap { ["--env", $0] } + ["--"] + command
    return try runProcess(drive, arguments, environment: [:], stdin: steps.joined(separator: "\n") + "\n").1
}

/// A new empty folder under the temporary directory, named `prefix-UUID`.
func temporaryFolder(_ prefix: String) throws -> String { try scratchFolder(prefix).path }
