import Foundation
import Testing
@testable import Notebook

/// Issue 15, item 9: three messages a new user met in the first hour.
@Suite struct FirstHourMessageTests {
    /// `eval` evaluates the validation part, so an empty training part is no reason to refuse it.
    @Test func evalNeedsOnlyThePartItEvaluates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "abababababab".write(to: dir.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        let s = makeSession()
        s.baseDirectory = dir.path
        run(s, "data text t.txt valid=0.9", "net elman hidden=2 in=auto out=auto")
        #expect(run(s, "eval").first?.hasPrefix("valid: loss") == true)
        let train = s.execute("train")
        #expect(train.error?.message == "the training part of the data is empty")
        let evalTrain = s.execute("eval train")
        #expect(evalTrain.error?.message.hasPrefix("the train part is empty") == true)
    }

    @Test func helpPageDoesNotPointToItself() {
        let out = run(makeSession(), "help plot")
        #expect(out.count > 2)
        #expect(!out[1].contains("help plot"))
        #expect(!run(makeSession(), "help").joined().isEmpty)
    }

    @Test func unknownFlagPointsToTheHelpThatExists() throws {
        let (code, _, err) = try rnnbook(["--bogus"])
        #expect(code == 64)
        #expect(err.contains("See 'rnnbook --help'"))
        #expect(!err.contains("open"))
    }
}

/// `help` fits a narrow terminal: every line within it, no word broken, a
/// definition's text continued under itself.
@Test(arguments: [40, 60, 80])
func helpFitsTheTerminalWithoutBreakingWords(width: Int) {
    let s = makeSession()
    s.width = width
    for topic in ["train", "set", "data", "plot", "net seq2seq", "optimizer adam"] {
        let lines = run(s, "help \(topic)")
        let words = Set(run(makeSession(), "help \(topic)").joined(separator: " ").split(separator: " ").map(String.init))
        for line in lines where line.count > width {
            // Only a single word longer than the terminal may overflow it.
            #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "help \(topic) at \(width): \(line)")
        }
        for word in lines.joined(separator: " ").split(separator: " ") where word.count > 2 {
            #expect(words.contains(String(word)), "help \(topic) at \(width) broke a word: \(word)")
        }
    }
    let train = run(s, "help train")
    if width == 60 { #expect(train.contains("           defaults; with none chosen yet, adam lr=0.01.")) }
}
