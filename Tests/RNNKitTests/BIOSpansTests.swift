import Foundation
import Testing
import RNNKit
import CellTesting

/// Spans counted by hand, the way conlleval counts them.
@Test func spansAreCountedAsConllevalCountsThem() {
    // A stray I- starts a span; a type change ends one; B- always starts one.
    #expect(BIOSpans.spans(["B-dest", "I-dest", "O", "I-time", "I-time", "B-time", "I-dest"]) == [
        .init(sentence: 0, start: 0, end: 2, type: "dest"), .init(sentence: 0, start: 3, end: 5, type: "time"),
        .init(sentence: 0, start: 5, end: 6, type: "time"), .init(sentence: 0, start: 6, end: 7, type: "dest"),
    ])
    var counts = BIOSpans.Counts()
    // Sentence 1: gold dest(1-2) time(4-5); predicted dest(1-1) time(4-5) → 1 right of 2, gold 2.
    counts.add(gold: ["O", "B-dest", "I-dest", "O", "B-time", "I-time"],
               predicted: ["O", "B-dest", "O", "O", "B-time", "I-time"], sentence: 0)
    // Sentence 2: gold depart(0); predicted depart(0) and a stray I-dest span → 1 right of 2, gold 1.
    counts.add(gold: ["B-depart", "O", "O"], predicted: ["B-depart", "O", "I-dest"], sentence: 1)
    // Sentence 3: gold dest(2-3); predicted the same words but as depart → 0 right of 1, gold 1.
    counts.add(gold: ["O", "O", "B-dest", "I-dest"], predicted: ["O", "O", "B-depart", "I-depart"], sentence: 2)
    #expect(counts.correct == 2 && counts.predicted == 5 && counts.gold == 4)
    #expect(abs(counts.precision - 0.4) < 1e-12 && abs(counts.recall - 0.5) < 1e-12)
    #expect(abs(counts.f1 - 2 * 0.4 * 0.5 / 0.9) < 1e-12)
    #expect(counts.byType["dest"] == .init(correct: 0, predicted: 2, gold: 2))
    #expect(counts.byType["time"] == .init(correct: 1, predicted: 1, gold: 1))
    #expect(counts.byType["depart"] == .init(correct: 1, predicted: 2, gold: 1))
}

@Test func invalidTransitionsAreIAfterNeitherBNorIOfItsType() {
    #expect(BIOSpans.invalidTransitions(["I-dest", "I-dest", "O", "B-time", "I-time", "B-dest", "I-time"]) == 2)
    #expect(BIOSpans.invalidTransitions(["O", "B-dest", "I-dest", "I-dest"]) == 0)
    #expect(BIOSpans.isBIO(["O", "B-dest", "I-dest"]) && !BIOSpans.isBIO(["O", "dest"]) && !BIOSpans.isBIO(["O"]))
}

/// `conlleval_case.txt` (`word gold guess` lines, blank between sentences)
/// against what CoNLL's conlleval printed for it (see Tests/Reference/README.md).
@Test func spansMatchConllevalOnARealFile() throws {
    let text = try String(contentsOf: repositoryReferenceDirectory.appendingPathComponent("conlleval_case.txt"), encoding: .utf8)
    var counts = BIOSpans.Counts(), gold: [String] = [], guess: [String] = [], sentence = 0, tokens = 0, right = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let fields = line.split(separator: " ").map(String.init)
        if fields.count == 3 {
            gold.append(fields[1]); guess.append(fields[2]); tokens += 1
            if fields[1] == fields[2] { right += 1 }
        } else if !gold.isEmpty {
            counts.add(gold: gold, predicted: guess, sentence: sentence)
            sentence += 1; gold = []; guess = []
        }
    }
    if !gold.isEmpty { counts.add(gold: gold, predicted: guess, sentence: sentence) }
    #expect(tokens == 463 && right == 388)
    #expect(counts.gold == 143 && counts.predicted == 163 && counts.correct == 77)
    #expect(String(format: "%.2f", 100 * counts.f1) == "50.33")
    #expect(counts.byType["depart"] == .init(correct: 7, predicted: 20, gold: 39))
    #expect(counts.byType["dest"] == .init(correct: 31, predicted: 77, gold: 45))
    #expect(counts.byType["time"] == .init(correct: 39, predicted: 66, gold: 59))
}
