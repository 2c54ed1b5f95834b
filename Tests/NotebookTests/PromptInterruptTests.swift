import Foundation
import Testing

/// Ctrl-C and Ctrl-D through a real terminal (tmux, through `tty-drive`):
/// each interrupt lands back at a prompt whose session is as it was, or as
/// far as the work went (issue 16, item 3).
@Suite(.serialized, .enabled(if: ttyDrive != nil, "needs tmux and tty-drive")) struct PromptInterruptTests {
    let small = ["type data recall n=40 length=6 seed=1", "type net elman hidden=4 in=auto out=auto"]

    @Test func ctrlCAtThePromptDropsTheLineAndKeepsTheSession() throws {
        let screen = try atPrompt(small + ["text net lstm hidden=9", "key C-c", "type params", "key C-c", "type seed 4"])
        #expect(screen.contains("interrupted") == false)
        #expect(screen.contains("weight_hh_l0") && !screen.contains("lstm("), "\(screen)")
        #expect(screen.contains("In [4]: seed 4") || screen.contains("seed 4"))
    }

    @Test func ctrlCDuringTrainKeepsTheWeightsAndTrainingGoesOn() throws {
        let screen = try atPrompt(small + ["type train epochs=100000 batch=8", "wait 1.5", "key C-c", "wait 1", "type params",
                                           "type train epochs=1 batch=8", "wait 1.5"], width: 120)
        let stopped = try #require(screen.range(of: #"interrupted \(Ctrl-C\) in epoch (\d+) (after batch \d+|before its first batch)"#, options: .regularExpression),
                                   "\(screen)")
        let epoch = Int(screen[stopped].split(separator: " ")[4]) ?? 0
        #expect(epoch >= 1)
        #expect(screen.contains("weight_hh_l0"))
        // The next train counts on from the epochs that ran (the weights kept), and ends.
        #expect(screen.contains("epoch \(epoch)/\(epoch)") || screen.contains("epoch \(epoch + 1)/\(epoch + 1)"), "\(screen)")
        #expect(screen.contains("done"))
    }

    @Test func ctrlCDuringRunSampleAndPlotSurfaceComesBackToThePrompt() throws {
        let folder = try temporaryFolder("interrupt-run")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try String(repeating: "the cat sat on the mat. ", count: 2000).write(toFile: folder + "/t.txt", atomically: true, encoding: .utf8)
        // Wide nets, so that each step takes milliseconds and each command seconds.
        let screen = try atPrompt([
            "type net lstm in=2 hidden=2000", "wait 2", "type run " + Array(repeating: "[1, 0]", count: 1500).joined(separator: " "),
            "wait 1.5", "key C-c", "wait 1", "type seed 11", "screen",
            "type data text \(folder)/t.txt", "type net lstm hidden=600 in=auto out=auto", "type sample n=100000", "wait 1.5", "key C-c",
            "wait 1", "type seed 12", "screen",
            "type net lstm hidden=8 in=auto out=auto", "type plot surface out.weight[0,0] -5..5 points=401", "wait 1.5", "key C-c", "wait 1",
            "type params out.weight",
        ], width: 120)
        #expect(screen.contains(/interrupted \(Ctrl-C\) after \d+ of 1500 steps/), "\(screen)")
        #expect(screen.contains(/In \[\d+\]: seed 11/) && screen.contains(/In \[\d+\]: seed 12/), "\(screen)")
        #expect(screen.contains(/stopped \(Ctrl-C\) after \d+ of 401 points; the weight is unchanged/), "\(screen)")
        #expect(screen.contains("out.weight  [12, 8]"))
    }

    @Test func ctrlCDuringALargeDataLoadChangesNothing() throws {
        let folder = try temporaryFolder("interrupt-load")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A tagged file (10 MB) that takes seconds to read: Ctrl-C in it refuses what was read.
        let sentence = "leave/O Taipei/depart on/O Monday/time for/O Tokyo/dest\n"
        _ = FileManager.default.createFile(atPath: folder + "/big.txt", contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: folder + "/big.txt"))
        let block = Data(String(repeating: sentence, count: 10_000).utf8)
        for _ in 0..<18 { handle.write(block) }
        try handle.close()
        let screen = try atPrompt(small + ["type data tagged \(folder)/big.txt", "wait 0.5", "key C-c", "wait 8", "type data", "wait 1"], width: 140)
        #expect(screen.contains("interrupted (Ctrl-C) while"), "\(screen)")
        #expect(screen.contains("recall"), "the data is still the recall set: \(screen)")
    }

    @Test func ctrlCDuringTheSaveOfALargeModelLeavesAFileThatLoads() throws {
        let folder = try temporaryFolder("interrupt-save")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 16 million parameters (64 MB): the save takes a while, and Ctrl-C comes in the middle of it.
        let screen = try atPrompt(["type net lstm in=2 hidden=2000", "wait 2", "type save model \(folder)/big.safetensors", "wait 0.3", "key C-c",
                                   "wait 3", "type load model \(folder)/big.safetensors", "wait 3", "type seed 5", "wait 0.5"], width: 140)
        #expect(screen.contains(/loaded 16\d{6} parameters into lstm\(2 => 2000, tanh\)/), "\(screen)")
        #expect(screen.contains(/In \[\d+\]: seed 5/), "\(screen)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "big.safetensors" }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func ctrlCDuringASeq2SeqDecodeComesBackToThePrompt() throws {
        // A wide untrained encoder–decoder on long sources: it writes the most tokens allowed (810), which takes seconds.
        let digits = "3 1 4 1 5 9 2 6 5 3 5 8 9 7 9 3 2 3 8 4 6 2 6 4 3 3 8 3 2 7 9 5 0 2 8 8 4 1 9 7"
        let source = Array(repeating: digits, count: 10).joined(separator: " ")
        let screen = try atPrompt([
            "type data reverse n=20 min=300 max=400 seed=1 valid=0.5", "type net seq2seq in=auto out=auto hidden=800 attention=dot", "wait 2",
            "type predict \(source)", "wait 1.5", "key C-c", "wait 1", "type seed 14", "screen",
            "type eval valid", "wait 3", "key C-c", "wait 1", "type predict 1 2 3", "wait 6",
        ], width: 160)
        #expect(screen.contains(/predict interrupted \(Ctrl-C\) after \d+ of at most 810 tokens: nothing was predicted/), "\(screen)")
        #expect(screen.contains(/In \[\d+\]: seed 14/), "\(screen)")
        #expect(screen.contains("eval interrupted (Ctrl-C): nothing was measured"), "\(screen)")
        // The session goes on: the same net decodes a short source to the end.
        #expect(screen.contains("# greedy, log p"), "\(screen)")
    }

    @Test func ctrlDOnAnEmptyContinuationLineDropsTheCommandAndStays() throws {
        let screen = try atPrompt(["type net elman in=2 hidden=2", "type set weight_hh_l0 = [[1, 0],", "key C-d", "wait 0.5",
                                   "type params weight_hh_l0", "alive", "screen", "key C-d", "wait 1", "alive"])
        #expect(screen.contains("(the unfinished command was dropped; Ctrl-D at the prompt leaves)"), "\(screen)")
        #expect(screen.contains("weight_hh_l0  [2, 2]"), "\(screen)")
        let states = screen.components(separatedBy: "\n").filter { $0 == "alive" || $0 == "exited" }
        #expect(states == ["alive", "exited"], "\(screen)")
    }

    @Test func ctrlDMidLineKeepsThePromptAndOnAnEmptyLineLeaves() throws {
        let screen = try atPrompt(["type seed 2", "text net elm", "key C-d", "alive", "key C-c", "key C-d", "wait 1", "alive"])
        let states = screen.components(separatedBy: "\n").filter { $0 == "alive" || $0 == "exited" }
        #expect(states == ["alive", "exited"], "\(screen)")
    }

    @Test func anUnreadableHistoryFileDoesNotStopStartUp() throws {
        let folder = try temporaryFolder("history-unreadable")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Open to anyone (the unprivileged user keeps its transcript beside the history), the history itself to no one.
        let history = folder + "/history"
        try Data("_HiStOrY_V2_\nseed 1\n".utf8).write(to: URL(fileURLWithPath: history))
        chmod(folder, 0o777)
        chmod(history, 0o000)
        let screen = try atPrompt(["type net elman in=1 hidden=1", "type seed 3", "alive"], environment: ["RNNBOOK_HISTORY": history],
                                  width: 200, unprivileged: true)
        #expect(screen.contains("elman(1 => 1, tanh)"), "\(screen)")
        #expect(screen.contains(/In \[\d+\]: seed 3/), "\(screen)")
        #expect(screen.contains("history disabled: \(history): permission denied"), "\(screen)")
        #expect(screen.hasPrefix("alive\n"), "\(screen)")
    }

    @Test func aBrokenHistoryFileDoesNotStopStartUp() throws {
        let folder = try temporaryFolder("history-kinds")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let corrupt = folder + "/corrupt", huge = folder + "/huge", directory = folder + "/dir", binary = folder + "/binary"
        try Data("_HiStOrY_V2_\n\u{0}\u{1}\\\\\\\u{FF}garbage\\0".utf8 + [0xFF, 0xFE, 0x00, 0x0A]).write(to: URL(fileURLWithPath: corrupt))
        try Data(repeating: UInt8(ascii: "x"), count: 3_000_000).write(to: URL(fileURLWithPath: huge))
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0]).write(to: URL(fileURLWithPath: binary))
        for path in [corrupt, huge, directory, binary] {
            let screen = try atPrompt(["type net elman in=1 hidden=1", "type seed 3", "alive"], environment: ["RNNBOOK_HISTORY": path])
            #expect(screen.contains("elman(1 => 1, tanh)"), "\(path): \(screen)")
            #expect(screen.hasPrefix("alive\n"), "\(path): \(screen)")
        }
    }
}
