import Foundation
import Testing
@testable import Notebook
import RNNKit

/// Messages that used to send the user the wrong way (issue 9, item 9).
@Suite struct MessageTests {
    func refusal(_ line: String) -> CommandError? {
        do { _ = try Parser.parse(line); return nil } catch { return error }
    }

    @Test func controlCharactersAreRefusedWithACaret() {
        let nul = refusal("set * = 1\u{0}2")
        #expect(nul?.message == "a control character (NUL) in the line: type it again without it")
        #expect(nul?.range == 9..<10)
        #expect(nul?.render(line: "set * = 1\u{0}2") == ["error: \(nul?.message ?? "")", "  set * = 1␀2", "           ^"])
        #expect(refusal("prime=\"a\u{1B}[31m\"")?.message.contains("U+001B") == true)
        #expect(refusal("set *\t=\t1") == nil)  // tabs are spaces
    }

    @Test func numbersBelowFloat32AreRefusedWhateverTheExponent() throws {
        for text in ["1e-40", "1e-400", "-2.5e-9999"] {
            #expect(refusal("set * = \(text)")?.message.contains("too small for Float32") == true, "\(text)")
        }
        let zero = try #require(try Parser.parse("set * = 0.000e-400"))
        #expect(zero.arguments[2] == .value(.number(0), range: 8..<18))
    }

    @Test func aGateBlockElementCanBeSet() {
        let session = makeSession()
        run(session, "net lstm in=2 hidden=2", "set * = 0", "set weight_ih_l0.f[1,0] = 3", "set bias_ih_l0.f[1] = 5")
        let net = session.network
        #expect(net?.parameter(named: "weight_ih_l0")?.value[3, 0] == 3)
        #expect(net?.parameter(named: "bias_ih_l0")?.value.data[3] == 5)
        let outside = session.execute("set weight_ih_l0.f[2,0] = 3").error
        #expect(outside?.message == "index [2,0] is out of range for weight_ih_l0.f [2, 2] (indices start at 0)")
        // A suggestion is never the name just refused.
        let message = session.execute("set weight_ih_l0.q[0,0] = 3").error?.message ?? ""
        #expect(message.hasPrefix("no parameter 'weight_ih_l0.q'") && !message.contains("'weight_ih_l0.q'?"), "\(message)")
    }

    @Test func aMinimumThatKeepsNoWordPointsAtMin() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let file = folder.file("tags.txt")
        try "a/O b/O\na/O c/O\n".write(toFile: file, atomically: false, encoding: .utf8)
        let session = makeSession()
        let line = "data tagged \(file) min=1000000"
        let error = session.execute(line).error
        #expect(error?.message == "min=1000000 keeps no word: the most frequent training word is seen 2 times"
                || error?.message == "min=1000000 keeps no word: the most frequent training word is seen 1 time", "\(error?.message ?? "")")
        let start = line.count - "min=1000000".count
        #expect(error?.range == start..<line.count)
        #expect(session.data == nil && session.vocabulary.words.isEmpty)
    }

    @Test func loneCarriageReturnsEndLines() {
        #expect(TextFile(name: "t", text: "a/O\rb/O\r\nc/O\n").lines == ["a/O", "b/O", "c/O"])
        #expect(TextFile(name: "t", text: "a\r\r").lines == ["a", ""])
        #expect(NotebookDocument(parsing: "net elman in=1 hidden=1\r#> x\rnet\r").commands.map(\.text) == ["net elman in=1 hidden=1", "net"])
    }

    @Test func pathsThatNeedQuotesAreCompletedQuoted() throws {
        #expect(Completer.quotedPath("plain/file.rnn") == "plain/file.rnn")
        #expect(Completer.quotedPath("my file.rnn") == "\"my file.rnn\"")
        #expect(Completer.quotedPath("a[b/") == "\"a[b/")
        #expect(Completer.quotedPath("say \"hi\".rnn") == "\"say \\\"hi\\\".rnn\"")
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try "".write(toFile: folder.file("my notes.rnn"), atomically: false, encoding: .utf8)
        let session = makeSession()
        #expect(Completer.complete("load session \(folder.path)/my", in: session).candidates == ["\"\(folder.path)/my notes.rnn\""])
        // Inside an open quote, only the text after the last space is replaced.
        let open = Completer.complete("load session \"\(folder.path)/my no", in: session)
        #expect(open.candidates == ["notes.rnn\""])
        // What was completed reads back as the same path.
        let line = try #require(try Parser.parse("load session \"\(folder.path)/my notes.rnn\""))
        #expect(line.arguments[1] == .value(.string("\(folder.path)/my notes.rnn"), range: 13..<line.endRange.lowerBound))
    }
}
