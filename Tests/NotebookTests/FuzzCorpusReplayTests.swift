import Foundation
import Testing
import FuzzHarness
import Notebook

/// The fuzzer's corpus (`Tests/FuzzCorpus/`, kept by `scripts/fuzz merge`),
/// every input the fuzzers found interesting and every crash, hang or
/// allocation they found (fixed since), replayed through the evaluator on
/// the fuzzers' small session: CI runs the corpus, never the fuzzer. An
/// input that traps ends the test run; a command that ignores the interrupt
/// (it takes more than `FuzzSession.cpuLimit` seconds of CPU) fails here.
@Suite struct FuzzCorpusReplayTests {
    static func inputs(_ target: String) -> [URL] {
        let folder = repositoryRoot.appendingPathComponent("Tests/FuzzCorpus/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.inputs("bytes").count >= 10)
        #expect(Self.inputs("grammar").count >= 10)
    }

    @Test func everyByteInputRunsAndStops() throws {
        try replay("bytes") { ByteTarget.run($0, in: $1) }
    }

    @Test func everyGrammarInputRunsAndStops() throws {
        try replay("grammar") { GrammarTarget.run($0, in: $1) }
    }

    /// A session is freed once its input ran (the fuzzers make one per input: a cycle would grow them without bound).
    @Test func aSessionIsFreedAfterItsInput() throws {
        let folder = FuzzSession.makeFolder("rnnbook-fuzz-free")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        weak var freed: Session?
        do {
            let fuzz = FuzzSession(folder: folder)
            for line in ["train epochs=1", "eval", "save session n.rnn", "load session n.rnn", "plot loss", "step A"] { fuzz.run(line) }
            freed = fuzz.session
        }
        #expect(freed == nil)
    }

    private func replay(_ target: String, _ run: ([UInt8], String) -> (line: String, seconds: Double)) throws {
        let folder = FuzzSession.makeFolder("rnnbook-fuzz-replay")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for input in Self.inputs(target) {
            let slowest = run(try [UInt8](Data(contentsOf: input)), folder)
            #expect(slowest.seconds <= FuzzSession.cpuLimit, "\(input.lastPathComponent): `\(slowest.line)` took \(slowest.seconds) s of CPU")
        }
    }
}
