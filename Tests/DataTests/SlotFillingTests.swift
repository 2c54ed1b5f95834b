import Testing
import RNNKit

/// Positions where the words up to and including a slot word occur with
/// different tags for that word: a left-to-right reader cannot decide them.
private func ambiguousPrefixes(_ sentences: [TaggedSentence]) -> Set<[String]> {
    var tagsByPrefix: [[String]: Set<String>] = [:]
    for s in sentences {
        for i in s.words.indices where s.tags[i] != "O" {
            tagsByPrefix[Array(s.words[...i]), default: []].insert(s.tags[i])
        }
    }
    return Set(tagsByPrefix.filter { $0.value.count > 1 }.keys)
}

@Test func generatorIsDeterministicUnderASeed() {
    let g = SlotFillingGenerator(lateCueFraction: 0.4)
    #expect(g.generate(count: 50, seed: 11) == g.generate(count: 50, seed: 11))
    #expect(g.generate(count: 50, seed: 11) != g.generate(count: 50, seed: 12))
}

@Test func generatorTagsTheLectureExample() {
    let sentences = SlotFillingGenerator(lateCueFraction: 0).generate(count: 400, seed: 1)
    for s in sentences {
        #expect(s.words.count == s.tags.count)
        #expect(Set(s.tags).isSubset(of: ["O", "dest", "depart", "time"]))
        if let i = s.words.firstIndex(of: "arrive"), i + 1 < s.words.count, s.words[i + 1] != "in" {
            #expect(s.tags[i + 1] == "dest", "\(s.slashFormat)")
        }
        if let i = s.words.firstIndex(of: "leave"), i + 1 < s.words.count {
            #expect(s.tags[i + 1] == "depart", "\(s.slashFormat)")
        }
    }
    #expect(sentences.contains { $0.words.first == "arrive" && $0.words.contains("on") })
}

@Test func lateCueSentencesNeedTheRightContext() {
    let late = SlotFillingGenerator(lateCueFraction: 0.5).samples(count: 600, seed: 3)
    let fraction = Double(late.filter(\.lateCue).count) / 600
    #expect(abs(fraction - 0.5) < 0.08)
    #expect(late.contains { $0.sentence.slashFormat.hasPrefix("Taipei/depart is where I leave") || $0.template == "{depart} is where I leave {when}" })
    // Some prefixes ending at a city occur as both destination and departure...
    #expect(!ambiguousPrefixes(late.map(\.sentence)).isEmpty)
    // ...but never without late-cue sentences.
    #expect(ambiguousPrefixes(SlotFillingGenerator(lateCueFraction: 0).generate(count: 2000, seed: 3)).isEmpty)
    #expect(SlotFillingGenerator(lateCueFraction: 1).samples(count: 50, seed: 3).allSatisfy { $0.lateCue })
}

@Test func bioTaggingMarksMultiWordSlots() {
    let g = SlotFillingGenerator(lateCueFraction: 0.3, tagging: .bio)
    let sentences = g.generate(count: 500, seed: 9)
    for s in sentences {
        #expect(Set(s.tags).isSubset(of: Set(g.tags)))
        for (i, tag) in s.tags.enumerated() where tag.hasPrefix("I-") {
            #expect(i > 0 && s.tags[i - 1].dropFirst(2) == tag.dropFirst(2), "\(s.slashFormat)")
        }
    }
    #expect(sentences.contains { s in zip(s.words, s.tags).contains { $0 == ("York", "I-dest") || $0 == ("York", "I-depart") } })
    #expect(g.tags == ["O", "B-dest", "I-dest", "B-depart", "I-depart", "B-time", "I-time"])
}
