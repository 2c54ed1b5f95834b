import Testing
import RNNKit

@Test func vocabularyKeepsFirstOrderAndDropsRepeats() {
    let v = Vocabulary(["a", "b", "a", "c"])
    #expect(v.words == ["a", "b", "c"])
    #expect(v.index(of: "c") == 2 && v.index(of: "z") == nil)
    #expect(v[1] == "b")
}

@Test func vocabularyCountsWithMinCountAndFrequencyOrder() {
    let v = Vocabulary(counting: [["leave", "Taipei", "on", "Monday"], ["arrive", "Taipei", "on", "Friday"], ["leave", "Tokyo"]],
                       minCount: 2)
    #expect(v.words == ["leave", "Taipei", "on"])
    #expect(v.counts == ["leave": 2, "Taipei": 2, "on": 2])
    let all = Vocabulary(counting: [["b", "a", "a"]])
    #expect(all.words == ["a", "b"])
    let capped = Vocabulary(counting: [["x", "y", "y", "z", "z", "z"]], maxSize: 2)
    #expect(capped.words == ["z", "y"])
}

@Test func vocabularyLoadsWordsPerLineOrSpaceSeparated() throws {
    let dir = TempDir()
    let path = dir.write("vocab.txt", "Taipei\r\nTokyo  Osaka\n\n  Taipei\n台北\n")
    #expect(try Vocabulary.load(from: path).words == ["Taipei", "Tokyo", "Osaka", "台北"])
    #expect(throws: DataError(file: dir.path("empty.txt"), "has no words")) {
        try Vocabulary.load(from: dir.write("empty.txt", ""))
    }
}

@Test func characterVocabularyHandlesChinese() {
    let text = "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。"
    let v = CharacterVocabulary(text: text)
    #expect(v.characters.first == "明")            // among the most frequent (twice), seen first
    #expect(v.contains("霜") && v.characters.count == Set(text).count)
    #expect(v.count == v.characters.count + 1)
    #expect(v.index(of: "猫") == v.unknownIndex)
    #expect(v.label(ofIndex: v.unknownIndex) == "<unk>")
    #expect(v.indices(of: "明月").count == 2)
    #expect(CharacterVocabulary(["a", " ", "\n"]).tokens == ["a", " ", "\n"])
    #expect(CharacterVocabulary.display(" ") == "␣" && CharacterVocabulary.display("\n") == "\\n")
    #expect(CharacterVocabulary(text: "aab", minCount: 2).characters == ["a"])
}
