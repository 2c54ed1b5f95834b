import Testing
import RNNKit
import BuiltinPlugins

private let registry = Registry(plugins: allPlugins)

private func make(_ name: String, _ words: [String], _ raw: [(key: String, value: String?)] = []) throws -> any Encoding {
    let d = try #require(registry.encoding(named: name))
    return try d.make(words, Options(parsing: raw, specs: d.options))
}

private func labels(_ e: any Encoding, _ word: String) -> [String] {
    e.encode(word).entries.map { e.label(ofIndex: $0.index) }
}

@Test func allThreeEncodingsAreRegistered() {
    #expect(registry.encodings.map(\.name) == ["one-hot", "other", "letter-hash"])
    for d in registry.encodings { #expect(!d.details.isEmpty && !d.summary.isEmpty) }
}

@Test func oneHotIsOneOfN() throws {
    let e = try make("one-hot", ["arrive", "Taipei", "on"])
    #expect(e.dimension == 3)
    #expect(e.encode("Taipei") == SparseVector(dimension: 3, entries: [(index: 1, value: 1)]))
    #expect(e.encode("Taipei").dense == Matrix([[0, 1, 0]]))
    #expect(e.label(ofIndex: 1) == "Taipei")
    #expect(e.notes(for: "Taipei").isEmpty)
    // Unknown: all zeros and a note; case matters unless ignorecase.
    #expect(e.encode("taipei").entries.isEmpty)
    let note = try #require(e.notes(for: "taipei").first)
    #expect(note.contains("not in the vocabulary") && note.contains("did you mean 'Taipei'"))
    let folded = try make("one-hot", ["arrive", "Taipei", "on"], [("ignorecase", nil)])
    #expect(folded.encode("taipei").entries.map(\.index) == [1])
}

@Test func oneHotWithoutVocabularyIsRefused() {
    #expect(throws: EncodingError.self) { try make("one-hot", []) }
}

@Test func otherHasAnUnknownBucket() throws {
    let e = try make("other", ["arrive", "Taipei", "on"])
    #expect(e.dimension == 4)
    #expect(e.encode("on").entries.map(\.index) == [2])
    #expect(e.encode("Kaohsiung").entries.map(\.index) == [3])
    #expect(e.label(ofIndex: 3) == "<other>")
    #expect(e.notes(for: "Kaohsiung") == ["'Kaohsiung' is not in the vocabulary: it goes to <other>"])
    #expect(e.notes(for: "arrive").isEmpty)
}

@Test func letterHashAppleTrigrams() throws {
    let e = try make("letter-hash", [])
    #expect(e.dimension == 28 * 28 * 28)
    #expect(Set(labels(e, "apple")) == ["#ap", "app", "ppl", "ple", "le#"])
    #expect(e.encode("apple").entries.count == 5)
    #expect(e.encode("apple").entries.allSatisfy { $0.value == 1 })
    #expect(e.encode("Apple") == e.encode("apple"))
    #expect(e.encode("café") == e.encode("cafe"))
    // A repeated trigram counts twice.
    let banana = e.encode("banana")
    #expect(banana.entries.first { e.label(ofIndex: $0.index) == "ana" }?.value == 2)
    #expect(labels(e, "a") == ["#a#"])
}

@Test func letterHashReadsNonLettersAsQuestionMarks() throws {
    let e = try make("letter-hash", ["1", "2", "Taipei"])
    #expect(Set(labels(e, "2nd")) == ["#?n", "?nd", "nd#"])
    #expect(labels(e, "台北") .sorted() == ["#??", "??#"])
    let notes = e.notes(for: "1")
    #expect(notes.contains { $0.contains("read as '?'") })
    #expect(notes.contains { $0 == "collision: encodes exactly like '2'" })
}

@Test func letterHashReportsUnknownWordsAndUnseenTrigrams() throws {
    let e = try make("letter-hash", ["apple", "Taipei"])
    #expect(e.notes(for: "apple").isEmpty)
    #expect(e.notes(for: "APPLE").isEmpty)
    let notes = e.notes(for: "applx")
    #expect(notes.contains("'applx' is not in the vocabulary; its trigrams encode it anyway"))
    #expect(notes.contains("trigrams never seen in the vocabulary (untrained weights): plx lx#"))
    #expect(!e.encode("applx").entries.isEmpty)
}

@Test func letterHashHashedBucketsReportCollisions() throws {
    let e = try make("letter-hash", ["apple", "Taipei", "Tokyo", "November"], [("dim", "7")])
    #expect(e.dimension == 7)
    let v = e.encode("apple")
    #expect(v.entries.allSatisfy { (0..<7).contains($0.index) })
    #expect(v.entries.reduce(0) { $0 + $1.value } == 5)
    // 5 + 7 + 6 + 9 trigrams in 7 buckets: some must share.
    let all = ["apple", "Taipei", "Tokyo", "November"].flatMap { e.notes(for: $0) }
    #expect(all.contains { $0.hasPrefix("collision:") && $0.contains("shares bucket") })
    let label = e.label(ofIndex: v.entries[0].index)
    #expect(label.split(separator: "|").count >= 1)
}
