import Foundation
import Testing
@testable import Notebook

/// Lines no one types but a paste or a file can hold (issue 16, item 2):
/// each is one error with a caret, quickly, and changes nothing.
@Suite struct HostileLineTests {
    @Test(arguments: [
        String(repeating: "a", count: 10_000_000),
        "set weight_hh_l0 = [" + String(repeating: "1, ", count: 3_400_000) + "1]",
        "step [" + String(repeating: "1e999, ", count: 100_000) + "nan]",
        "set weight_hh_l0 = [" + String(repeating: "1, ", count: 300_000) + "1]",
        "net elman in=2 hidden=" + String(repeating: "9", count: 100_000),
    ])
    func aTenMegabyteLineIsOneErrorAndChangesNothing(line: String) throws {
        let session = makeSession()
        run(session, "net elman in=2 hidden=2")
        let before = (session.transcript, session.network?.command, session.memory)
        let start = Date()
        let error = try #require(session.execute(line).error, "accepted: \(line.prefix(60))")
        #expect(Date().timeIntervalSince(start) < 30)  // about 2 s in a debug build; sanitizers and a busy machine are slower
        #expect(!error.message.contains("\n") && error.message.count < 400, "\(error.message.prefix(400))")
        #expect(session.transcript == before.0 && session.network?.command == before.1 && session.memory == before.2)
    }

    @Test func aLineOverTheLimitSaysSoAndTheLimitIsExact() throws {
        let session = makeSession()
        let error = try #require(session.execute(String(repeating: "a", count: 10_000_000)).error)
        #expect(error.message == "this line: 9.5 MB is more than the 1.0 MB rnnbook reads for one command line; set large weights with `load model`")
        let atTheLimit = "seed 1 #" + String(repeating: "x", count: (1 << 20) - 8)
        #expect(session.execute(atTheLimit).error == nil)
        #expect(session.execute(atTheLimit + "x").error != nil)
    }

    /// Found by the grammar fuzzer: a claim term made only of dots indexed an empty split.
    @Test(arguments: ["expect . < 1", "expect .. == 2", "expect loss < .", "expect ... * 2 > 1"])
    func aClaimOfDotsIsAnErrorNotATrap(line: String) throws {
        let session = makeSession()
        run(session, "data recall n=8 length=4 seed=1", "net elman hidden=3 in=auto out=auto")
        let outcome = session.execute(line)
        #expect(outcome.error != nil || outcome.output.contains { $0.contains("✗") || $0.contains("✓") }, "\(outcome.output)")
    }

    @Test func invalidUTF8AndControlBytesThroughAPipeAreOneLineEach() throws {
        let script = #"printf 'seed 1\n\377\376 net\nnet elman in=1 hidden=1\n' | "$RNNBOOK" --color=never; echo "exit $?""#
        let (_, out, err) = try shell(script)
        #expect(out.contains("exit 1"), "\(out)")
        #expect(err.hasPrefix("<stdin>:2: error:"), "\(err)")
        #expect(err.split(separator: "\n").count <= 3, "\(err)")
    }
}
