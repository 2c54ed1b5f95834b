import Foundation
import Testing

/// The prompt keeps its transcript in the state folder, whatever ends it,
/// and the next start's banner says where (in a real terminal, tmux).
@Suite(.serialized, .enabled(if: ttyDrive != nil, "needs tmux and tty-drive")) struct LastSessionPromptTests {
    @Test func aClosedTerminalLosesNothingAndTheNextBannerSaysWhere() throws {
        let dir = try temporaryFolder("state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["RNNBOOK_HISTORY": dir + "/history"]
        // tty-drive closes the terminal at the end (SIGHUP), in the middle of a long `train`.
        _ = try atPrompt(["type data slots", "type net elman hidden=4 out=auto", "type step [1]", "type train epochs=100000", "wait 1"],
                         environment: env)
        // The terminal is gone when tty-drive returns; rnnbook finishes its batch and writes just after.
        let saved = eventually(dir + "/last-session.rnn") { $0.contains("partial=") }
        // Recorded as what ran (the stopped epoch's batches), so the saved notebook replays to the same weights.
        let trainLine = saved.split(separator: "\n").first { $0.hasPrefix("train ") }.map(String.init) ?? ""
        #expect(saved.contains("\nnet elman hidden=4 out=auto\n") && trainLine.hasPrefix("train epochs=") && trainLine.contains(" partial="),
                "\(trainLine)")
        #expect(saved.contains("\n#> training "))
        #expect(!saved.contains("step [1]"))  // refused: not in the transcript
        let screen = try atPrompt(["type seed 3"], environment: env, width: 200)
        #expect(screen.contains("your last session (3 commands) is in \(dir)/last-session.rnn: replay it with `load session \(dir)/last-session.rnn`")
                || screen.replacingOccurrences(of: "\n", with: "").contains("your last session (3 commands) is in \(dir)/last-session.rnn"))
        #expect(try String(contentsOfFile: dir + "/last-session.1.rnn", encoding: .utf8) == saved)
        #expect(try String(contentsOfFile: dir + "/last-session.rnn", encoding: .utf8).hasSuffix("\nseed 3\n"))
    }

    @Test func sigtermAtThePromptWritesAndExits() throws {
        let dir = try temporaryFolder("state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tag = UUID().uuidString
        let env = ["RNNBOOK_HISTORY": dir + "/history", "RNNBOOK_TEST_TAG": tag]
        let killer = Thread {
            for _ in 0..<100 {
                Thread.sleep(forTimeInterval: 0.1)
                if let pid = processTagged(tag), FileManager.default.fileExists(atPath: dir + "/history"),
                   (try? String(contentsOfFile: dir + "/last-session.rnn", encoding: .utf8))?.contains("seed 5") == true {
                    kill(pid, SIGTERM)
                    return
                }
            }
        }
        killer.start()
        let screen = try atPrompt(["type net elman in=1 hidden=1", "type seed 5", "wait 3", "alive"], environment: env)
        #expect(screen.contains("exited"), "\(screen)")
        let saved = eventually(dir + "/last-session.rnn") { $0.hasSuffix("seed 5\n") }
        #expect(saved.hasSuffix("net elman in=1 hidden=1\n#> elman(1 => 1, tanh)  # 4 parameters\nseed 5\n"))
    }
}

/// The process whose environment holds `RNNBOOK_TEST_TAG=tag` (the binary under tmux).
func processTagged(_ tag: String) -> pid_t? {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    for entry in entries {
        // /proc files have no size: read to the end rather than by `stat`.
        guard let pid = pid_t(entry), let handle = FileHandle(forReadingAtPath: "/proc/\(entry)/environ"),
              let environ = try? handle.readToEnd() else { continue }
        try? handle.close()
        if environ.split(separator: 0).contains(where: { String(decoding: $0, as: UTF8.self) == "RNNBOOK_TEST_TAG=\(tag)" }) { return pid }
    }
    return nil
}

/// The text of the file at `path` once `done` holds for it (up to 10 s), else what it is then ("" if missing).
func eventually(_ path: String, _ done: (String) -> Bool) -> String {
    var text = ""
    for _ in 0..<100 {
        text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if done(text) { break }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return text
}

/// `-e`, notebooks and pipes never write a last session.
@Test func onlyThePromptWritesALastSession() throws {
    let dir = try temporaryFolder("state")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let env = ["RNNBOOK_HISTORY": dir + "/history"]
    _ = try rnnbook(["-e", "net elman in=1 hidden=1"], environment: env)
    _ = try rnnbook([], stdin: "net elman in=1 hidden=1\nquit\n", environment: env)
    _ = try rnnbook([repositoryRoot.appendingPathComponent("Sessions/lecture-memory.rnn").path], environment: env)
    #expect(!FileManager.default.fileExists(atPath: dir + "/last-session.rnn"))
}
