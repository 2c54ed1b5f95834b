import Foundation
import Testing
import Notebook

@Suite struct CompleterTests {
    let session: Session = {
        let s = makeSession()
        run(s, "net elman in=2 hidden=2 out=2")
        return s
    }()

    @Test func commandNames() {
        #expect(Completer.complete("st", in: session).candidates == ["step"])
        #expect(Completer.complete("s", in: session).candidates == ["set", "seed", "step", "sample", "save"])
    }

    @Test func cellNamesThenOptionKeysThenValues() {
        #expect(Completer.complete("net el", in: session).candidates == ["elman"])
        #expect(Completer.complete("net elman ac", in: session).candidates == ["act="])
        #expect(Completer.complete("net elman bi", in: session).candidates == ["bidirectional", "bias="])
        let values = Completer.complete("net elman act=l", in: session)
        #expect(values.candidates == ["linear"] && values.start == 14)
        #expect(!Completer.complete("net elman act=tanh ", in: session).candidates.contains("act="))
    }

    @Test func parameterNames() {
        #expect(Completer.complete("set weight_h", in: session).candidates == ["weight_hh_l0"])
        #expect(Completer.complete("params out", in: session).candidates == ["out.weight", "out.bias"])
    }

    @Test func filePaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "".write(to: dir.appendingPathComponent("memory.rnn"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Completer.complete("load session \(dir.path)/me", in: session).candidates == ["\(dir.path)/memory.rnn"])
        #expect(Completer.complete("save session \(dir.path)/s", in: session).candidates == ["\(dir.path)/sub/"])
        #expect(Completer.complete("load ", in: session).candidates == ["session", "model", "state"])
        #expect(Completer.complete("load state \(dir.path)/me", in: session).candidates == ["\(dir.path)/memory.rnn"])
    }
}
