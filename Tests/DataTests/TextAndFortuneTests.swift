import Testing
import RNNKit

@Test func plainTextKeepsUnicodeAndNormalizesLineEnds() throws {
    let dir = TempDir()
    let path = dir.write("poem.txt", "床前明月光，\r\n疑是地上霜。\n")
    let text = try PlainText.load(from: path)
    #expect(text == "床前明月光，\n疑是地上霜。")
    #expect(Array(text).count == 13)
    #expect(throws: DataError(file: dir.path("e.txt"), "is empty")) { try PlainText.load(from: dir.write("e.txt", "")) }
}

@Test func ansiEscapesAreStripped() {
    #expect(ANSI.strip("\u{1B}[31mred\u{1B}[0m and \u{1B}[1;32mbold green\u{1B}[m") == "red and bold green")
    #expect(ANSI.strip("\u{1B}]0;title\u{07}text") == "text")
    #expect(ANSI.strip("plain 台北") == "plain 台北")
    #expect(ANSI.strip("a\u{1B}7b") == "ab")
}

@Test func fortunesSplitOnPercentLines() throws {
    let dir = TempDir()
    let text = """
        %
        \u{1B}[1;31mA red cookie.\u{1B}[0m
        \t-- someone
        %
        %

        %
        Second cookie,   
        two lines.
         % 
        100% sure this is not a separator
        %
        """
    let path = dir.write("fortunes", text)
    let cookies = try Fortunes.load(from: path)
    #expect(cookies == ["A red cookie.\n\t-- someone", "Second cookie,\ntwo lines.", "100% sure this is not a separator"])
    #expect(throws: DataError(file: dir.path("none"), "has no fortune cookies")) {
        try Fortunes.load(from: dir.write("none", "%\n\n%\n"))
    }
}

@Test func chineseFortunesLikeTang300() throws {
    let dir = TempDir()
    let path = dir.write("tang300", """
        \u{1B}[1;33m靜夜思\u{1B}[m
        \u{1B}[32m李白\u{1B}[m
        床前明月光，疑是地上霜。
        舉頭望明月，低頭思故鄉。
        %
        春曉
        孟浩然
        春眠不覺曉，處處聞啼鳥。
        %
        """)
    let cookies = try Fortunes.load(from: path)
    #expect(cookies.count == 2)
    #expect(cookies[0].hasPrefix("靜夜思\n李白\n"))
    let vocabulary = CharacterVocabulary(text: cookies.joined(separator: "\n"))
    #expect(vocabulary.contains("靜") && vocabulary.contains("曉") && !vocabulary.contains("\u{1B}"))
    #expect(!vocabulary.contains("["))
}
