import Foundation
import Testing

/// The prompt in a real terminal (tmux, through `tty-drive`): multi-line input.
@Suite(.serialized, .enabled(if: ttyDrive != nil, "needs tmux and tty-drive")) struct PromptInputTests {
    @Test func anOpenBracketContinuesAndRunsAsOneCommand() throws {
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        let screen = try atPrompt(["type net elman in=2 hidden=2 out=2 act=linear bias=off", "type set weight_hh_l0 = [[1, 0],  # row",
                                   "type [0, 2]]", "type params weight_hh_l0"], environment: ["RNNBOOK_HISTORY": history])
        #expect(screen.contains("   ...: [0, 2]]"))
        #expect(screen.contains(" [0, 2]]"))
        #expect(screen.contains("In [3]: params weight_hh_l0"))
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("set\\040weight_hh_l0\\040=\\040[[1,\\0400],\\040[0,\\0402]]") || saved.contains("set weight_hh_l0 = [[1, 0], [0, 2]]"))
    }

    @Test func anErrorTooWideForTheTerminalWrapsBetweenWords() throws {
        let screen = try atPrompt(["type train partial=-1"], width: 60)
        #expect(screen.contains("error: no network yet: build one first, e.g. `net\n       elman in=2 hidden=2 out=2`\n  train partial=-1"),
                "\(screen)")
    }

    @Test func upSearchesByPrefixAndStepsOnAnEmptyLine() throws {
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        let typed = ["type net elman in=2 hidden=2", "type params", "type net", "type seed 3"]
        let prefix = try atPrompt(typed + ["text ne", "key Up", "key Up"], environment: ["RNNBOOK_HISTORY": history])
        #expect(prefix.hasSuffix("In [5]: net elman in=2 hidden=2\n") || prefix.contains("In [5]: net elman in=2 hidden=2\n\n"))
        let plain = try atPrompt(["key Up", "key Up"], environment: ["RNNBOOK_HISTORY": history])
        #expect(plain.contains("In [1]: net\n") || plain.hasSuffix("In [1]: net"))
    }
}

/// A pipe keeps one command per line: an open bracket is an error there.
@Test func aPipeDoesNotContinueLines() throws {
    let (code, _, err) = try rnnbook(["--color=never"], stdin: "net elman in=2 hidden=2\nset weight_hh_l0 = [[1, 0],\n[0, 1]]\n")
    #expect(code == 1)
    #expect(err.hasPrefix("<stdin>:2: error:"))
}
