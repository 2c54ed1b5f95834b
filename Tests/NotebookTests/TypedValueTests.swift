import Testing
@testable import Notebook
import RNNKit

// Values that used to be strings: text options, the output activation and
// why training stopped.

@Test func textOptionsAreTextNotChoices() throws {
    let spec = OptionSpec("prime", text: "", help: "")
    #expect(spec.defaultValue == .text(""))
    let o = try Options(parsing: [("prime", "The \"net\"\n")], specs: [spec])
    #expect(o.text("prime") == "The \"net\"\n")
    #expect(o.choice("prime") == nil)
    // As typed: quoted and escaped, so the lexer reads it back unchanged.
    let typed = try #require(o["prime"]).description
    #expect(typed == #""The \"net\"\n""#)
    #expect(try Lexer.tokenize(typed).map(\.kind) == [.string("The \"net\"\n")])
}

@Test func theOutputActivationIsAnEnumThatRoundTrips() {
    let s = makeSession()
    run(s, "net elman in=2 hidden=3 out=2 outact=softmax")
    #expect(s.network?.config.outputActivation == .softmax)
    let described = run(s, "net")
    #expect(described[0].contains("softmax output"))
    #expect(described[1].hasSuffix("outact=softmax"))
    run(s, described[1])
    #expect(s.network?.config.outputActivation == .softmax)
    run(s, "net elman in=2 hidden=3 out=2")
    #expect(s.network?.config.outputActivation == .linear)
}

/// A step that overflows the weights while the loss and gradient are finite
/// stops training at once, naming the weights, and keeps the last finite ones.
@Test func weightsThatOverflowStopTrainingAndAreRestored() throws {
    let s = makeSession()
    run(s, "data recall length=4", "net elman hidden=1 out=auto", "set out.weight = 0", "set out.weight[0,0] = 1e37")
    let before = try #require(s.network).namedParameters.map(\.parameter.value)
    let lines = run(s, "train epochs=1 opt=sgd lr=100 batch=2")
    #expect(lines.contains { $0.hasPrefix("stopped: the weights became NaN or infinite in epoch 1, batch 1") }, "\(lines)")
    #expect(s.lastTrainingStop == .nonFinite(epoch: 1, batch: 1, what: .weights))
    #expect(try #require(s.network).namedParameters.map(\.parameter.value) == before)
    #expect(run(s, "expect diverged") == ["✓ diverged"])
}
