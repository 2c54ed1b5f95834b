import Testing
import RNNKit

private let expected = [
    TaggedSentence(words: ["arrive", "Taipei", "on", "November", "2nd"], tags: ["O", "dest", "O", "time", "time"]),
    TaggedSentence(words: ["leave", "Tokyo"], tags: ["O", "depart"]),
]

@Test func loadsSlashFormat() throws {
    let dir = TempDir()
    let path = dir.write("data.txt", "arrive/O Taipei/dest on/O November/time 2nd/time\n\nleave/O  Tokyo/depart\n")
    #expect(TaggedFormat.detect(try TextFile(path: path).lines) == .slash)
    #expect(try TaggedLoader.load(from: path) == expected)
    // Split at the last slash.
    let fraction = dir.write("f.txt", "1/2/CD cup/NN\n")
    #expect(try TaggedLoader.load(from: fraction)[0].words == ["1/2", "cup"])
}

@Test func loadsTSV() throws {
    let dir = TempDir()
    let path = dir.write("data.tsv", "arrive\tO\nTaipei\tdest\non\tO\nNovember\ttime\n2nd\ttime\n\n\nleave\tO\r\nTokyo\tdepart\n")
    #expect(TaggedFormat.detect(try TextFile(path: path).lines) == .tsv)
    #expect(try TaggedLoader.load(from: path) == expected)
}

@Test func loadsCoNLL() throws {
    let dir = TempDir()
    let text = """
        -DOCSTART- -X- O O

        arrive VB B-VP O
        Taipei NNP B-NP dest
        on IN B-PP O
        November NNP B-NP time
        2nd CD I-NP time

        -DOCSTART- -X- O O
        leave VB B-VP O
        Tokyo NNP B-NP depart
        """
    let path = dir.write("data.conll", text)
    #expect(TaggedFormat.detect(try TextFile(path: path).lines) == .conll)
    #expect(try TaggedLoader.load(from: path) == expected)
    let tabs = dir.write("tabs.conll", "arrive\tVB\tO\nTaipei\tNNP\tdest\n")
    #expect(try TaggedLoader.load(from: tabs) == [TaggedSentence(words: ["arrive", "Taipei"], tags: ["O", "dest"])])
}

@Test func malformedTaggedFilesNameFileAndLine() throws {
    let dir = TempDir()
    func message(_ name: String, _ text: String, _ format: TaggedFormat? = nil) -> String {
        let path = dir.write(name, text)
        do {
            _ = try TaggedLoader.load(from: path, format: format)
            return "no error"
        } catch {
            return error.description.replacingOccurrences(of: dir.url.path + "/", with: "")
        }
    }
    #expect(message("data.txt", "leave/O Tokyo/depart\narrive/O Taipei\n") == "data.txt:2: token 'Taipei' has no /TAG")
    #expect(message("first.txt", "arrive/O Taipei\nleave/O Tokyo/depart\n") == "first.txt:1: token 'Taipei' has no /TAG")
    #expect(message("a.txt", "x/O /O\n") == "a.txt:1: token '/O' has no word before the /")
    #expect(message("b.txt", "x/O y/\n") == "b.txt:1: token 'y/' has an empty tag after the /")
    #expect(message("c.tsv", "a\tO\nb\tO\tX\n") == "c.tsv:2: expected WORD<TAB>TAG, found 3 tab-separated columns")
    #expect(message("d.tsv", "a\tO\nb\n", .tsv) == "d.tsv:2: expected WORD<TAB>TAG, found 1 tab-separated column")
    #expect(message("e.conll", "a X O\nb O\n") == "e.conll:2: 2 columns, but line 1 of this sentence has 3")
    #expect(message("f.conll", "a X O\nb\n") == "f.conll:2: expected columns WORD … TAG, found only 'b'")
    #expect(message("empty.txt", "") == "empty.txt: is empty")
    #expect(message("blank.txt", "\n  \n") == "blank.txt: is empty")
    #expect(message("docs.conll", "-DOCSTART- -X- O O\n\n") == "docs.conll: has no sentences")
}

@Test func unreadableFilesGiveDataErrors() throws {
    let dir = TempDir()
    let latin1 = dir.write("latin1.txt", bytes: Array("ok/O\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x2F, 0x4F, 0x0A])
    #expect(throws: DataError(file: latin1, line: 2, "not UTF-8 text; convert it first (e.g. iconv -f GB18030 -t UTF-8)")) {
        try TaggedLoader.load(from: latin1)
    }
    #expect(throws: DataError(file: dir.url.path, "it is a directory")) { try TaggedLoader.load(from: dir.url.path) }
    #expect(throws: DataError(file: dir.path("missing.txt"), "no such file")) { try TaggedLoader.load(from: dir.path("missing.txt")) }
    let binary = dir.write("bin.dat", bytes: [0x61, 0x00, 0x62])
    #expect(throws: DataError.self) { try PlainText.load(from: binary) }
    // A byte-order mark is not part of the first word.
    let bom = dir.write("bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("a/O\n".utf8))
    #expect(try TaggedLoader.load(from: bom)[0].words == ["a"])
}

@Test func dataErrorReadsAsOneLine() {
    #expect(DataError(file: "data.txt", line: 12, "token 'Taipei' has no /TAG").description == "data.txt:12: token 'Taipei' has no /TAG")
    #expect(DataError(file: "data.txt", "is empty").description == "data.txt: is empty")
}
