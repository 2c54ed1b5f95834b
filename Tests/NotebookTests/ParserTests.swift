import Testing
@testable import Notebook

@Suite struct ParserTests {
    @Test func numbersVectorsMatricesAndOptions() throws {
        let line = try #require(try Parser.parse("set W = [[1, -2.5], [3e-3, .5]]  # a comment"))
        #expect(line.command == "set")
        #expect(line.arguments.count == 3)
        #expect(line.arguments[2] == .value(.matrix([[1, -2.5], [0.003, 0.5]]), range: 8..<31))

        let net = try #require(try Parser.parse("net lstm in=3 hidden=64 bidirectional act=linear"))
        #expect(net.arguments[1] == .option(key: "in", keyRange: 9..<11, value: .number(3), valueRange: 12..<13))
        #expect(net.arguments[3] == .value(.word("bidirectional"), range: 24..<37))
    }

    @Test func juliaStyleMatrixAndSpaceSeparatedVector() throws {
        let line = try #require(try Parser.parse("run [1 0; 0 1] [2 2]"))
        #expect(line.arguments[0] == .value(.matrix([[1, 0], [0, 1]]), range: 4..<14))
        #expect(line.arguments[1] == .value(.vector([2, 2]), range: 15..<20))
    }

    @Test func indexedNamesAndFreeEquals() throws {
        let line = try #require(try Parser.parse("set weight_hh_l0[0,1] = -1e-3"))
        #expect(line.arguments[0] == .indexed(name: "weight_hh_l0", indices: [0, 1], range: 4..<21))
        #expect(line.arguments[1] == .equals(range: 22..<23))
        #expect(line.arguments[2] == .value(.number(-0.001), range: 24..<29))
    }

    @Test func wordsThatLookLikeNumbersStayWords() throws {
        let line = try #require(try Parser.parse("x 2nd one-hot out.weight ../a.rnn -2..2 \"quoted # not a comment\""))
        let values: [Value] = line.arguments.map {
            if case .value(let v, _) = $0 { return v } else { return .word("?") }
        }
        let expected: [Value] = [.word("x"), .word("2nd"), .word("one-hot"), .word("out.weight"), .word("../a.rnn"), .word("-2..2"), .string("quoted # not a comment")]
        #expect(line.command == "x")
        #expect(values == Array(expected.dropFirst()))
    }

    @Test func blankAndCommentLinesParseToNothing() throws {
        #expect(try Parser.parse("") == nil)
        #expect(try Parser.parse("   # only a comment") == nil)
    }

    @Test func trailingSemicolonIsQuiet() throws {
        #expect(try #require(try Parser.parse("reset;")).quiet)
    }

    @Test(arguments: [
        ("set x = 1e999", "too large", 8..<13),
        ("set x = nan", "not a finite number", 8..<11),
        ("step [1, 2", "missing ']'", 5..<6),
        ("step 1, 2]", "unexpected ','", 6..<7),
        ("set W = [[1, 2], [3]]", "ragged matrix", 17..<20),
        ("net \"elman", "unterminated string", 4..<10),
        ("[1, 2]", "expected a command", 0..<1),
        ("set W[-1,0] = 1", "whole number from 0", 6..<8),
        ("set W = [[[1]]]", "deeper nesting", 10..<11),
        ("net elman in=", "needs a value", 12..<13),
    ])
    func malformedLinesPointAtTheToken(line: String, message: String, range: Range<Int>) {
        do {
            _ = try Parser.parse(line)
            Issue.record("`\(line)` parsed")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.range == range, "`\(line)`: range \(String(describing: error.range))")
        }
    }

    /// 100,000 `[` used to recurse once per bracket and overflow the stack.
    @Test func deepNestingIsRefusedAtTheThirdBracket() {
        let line = "set * = " + String(repeating: "[", count: 100_000)
        do {
            _ = try Parser.parse(line)
            Issue.record("100,000 `[` parsed")
        } catch {
            #expect(error.message.contains("not deeper nesting"), "\(error.message)")
            #expect(error.range == 10..<11)
            #expect(error.render(line: line).count == 3)
        }
    }

    @Test func caretUnderTheTokenCountsWideCharacters() {
        let error = CommandError("x", at: 3..<5)
        #expect(error.render(line: "台北 ab") == ["error: x", "  台北 ab", "       ^~"])
    }
}
