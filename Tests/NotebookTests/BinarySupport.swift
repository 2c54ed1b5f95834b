import Foundation

/// The built `rnnbook` binary, next to the test bundle.
func binary() throws -> URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("rnnbook")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "rnnbook next to \(CommandLine.arguments[0])"])
}

/// Runs the binary (history off unless `environment` names a file); returns
/// (exit code, stdout, stderr).
func rnnbook(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> (Int32, String, String) {
    try runProcess(try binary(), arguments, environment: ["RNNBOOK_HISTORY": "/dev/null"].merging(environment) { _, new in new }, stdin: stdin)
}

/// Runs `script` with `/bin/sh -c`, the binary's path in `$RNNBOOK`, for
/// what `Process` cannot set up (a closed stderr, `>/dev/full`).
func shell(_ script: String, stdin: String? = nil) throws -> (Int32, String, String) {
    try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script],
                   environment: ["RNNBOOK": try binary().path, "RNNBOOK_HISTORY": "/dev/null"], stdin: stdin)
}

/// Runs an executable with extra environment variables; returns (exit code,
/// or 128 + the signal that killed it, stdout, stderr).
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String], stdin: String?) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return (code, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
