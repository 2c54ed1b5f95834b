import Foundation
@testable import Notebook
import RNNKit
import Testing

/// What a command may change is one value (`SessionState`), so a refused
/// command puts it all back.
@Suite struct SessionStateTests {
    /// Every stored property of `Session` is either its state or declared wiring;
    /// every field of the state is a value, or a reference the snapshot copies.
    @Test func everyFieldIsStateOrDeclaredWiring() {
        let session = makeSession()
        for child in Mirror(reflecting: session).children {
            let label = child.label ?? "?"
            #expect(Session.wiring.contains(label), "Session.\(label) is neither in SessionState nor declared wiring (Session.wiring)")
        }
        // A state with every optional filled, so reference types show.
        run(session, "seed 1", "data slots n=20", "net elman hidden=2 out=auto", "train epochs=1", "eval", "predict leave Taipei")
        // The check sees objects where they are (so it can fail): the model is one.
        #expect(holdsAnObject(session.state.model as Any))
        for child in Mirror(reflecting: session.state).children {
            let label = child.label ?? "?"
            guard !SessionState.referenceFields.contains(label) else { continue }
            #expect(!holdsAnObject(child.value), "SessionState.\(label) holds an object: make it a value, or copy it in SessionSnapshot")
        }
    }

    /// Whether `value`, or anything its structs, enums, optionals, tuples and
    /// collections hold (a few levels down), is a class instance: what a copy
    /// of the state would share instead of copy.
    func holdsAnObject(_ value: Any, depth: Int = 0) -> Bool {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .class { return true }
        guard depth < 6 else { return false }
        // A collection's first few elements stand for the rest.
        return mirror.children.prefix(3).contains { holdsAnObject($0.value, depth: depth + 1) }
    }

    @Test func aRefusedLoadSessionPutsTheGradientNormsBack() throws {
        let folder = try scratchFolder("rnnbook")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.rnn").path
        try "seed 2\ndata recall n=40 length=6\nnet elman hidden=3 out=auto\ntrain epochs=1 batch=8\nnonsense\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let s = makeSession()
        run(s, "seed 1", "data slots n=30", "net gru hidden=3 out=auto", "train epochs=1")
        let norms = s.lastStepGradientNorms
        let plot = run(s, "plot gradnorm")
        #expect(s.execute("load session \(bad)").error != nil)
        #expect(s.lastStepGradientNorms == norms)
        #expect(run(s, "plot gradnorm") == plot)
        #expect(s.network?.config.cell == "gru")
    }

    @Test func aRefusedVocabClearKeepsTheVocabularyBesideItsEncoding() {
        let s = makeSession()
        run(s, "vocab arrive leave Taipei", "encoding one-hot")
        #expect(s.execute("vocab clear").error != nil)
        #expect(s.vocabulary.words == ["arrive", "leave", "Taipei"])
        #expect(s.encodingChoice?.encoding.dimension == 3)
        #expect(run(s, "encode Taipei") == run(makeSessionWith("vocab arrive leave Taipei", "encoding one-hot"), "encode Taipei"))
    }

    func makeSessionWith(_ lines: String...) -> Session {
        let s = makeSession()
        for line in lines { run(s, line) }
        return s
    }
}
