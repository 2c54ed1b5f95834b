import Foundation
import Notebook
import RNNKit
import Testing

/// Six sentences whose gold tags contradict each other, so the HMM's Viterbi
/// tags (the majority of identical sentences) make mistakes one can count by hand.
private let contradictingSentences = """
    leave/O Paris/B-depart now/B-time
    leave/O Paris/B-depart now/B-time
    leave/O Paris/B-dest now/B-time
    fly/O to/O New/B-dest York/I-dest
    fly/O to/O New/B-dest York/I-dest
    fly/O to/O New/B-dest York/O
    """

@Test func evalCountsSpansAsAHandCountDoes() throws {
    let folder = try scratchFolder("spans")
    defer { try? FileManager.default.removeItem(at: folder) }
    try contradictingSentences.write(to: folder.appendingPathComponent("small.txt"), atomically: true, encoding: .utf8)
    let s = makeSession()
    run(s, "data tagged \(folder.path)/small.txt valid=0", "encoding one-hot", "net hmm in=auto out=auto", "train")
    // Every Paris sentence is tagged O B-depart B-time, every New York one O O B-dest I-dest (the majorities).
    #expect(run(s, "predict leave Paris now").dropFirst().map { $0.split(separator: " ")[1] } .prefix(3) == ["O", "B-depart", "B-time"])
    let out = run(s, "eval train")
    // By hand: gold spans 9 (depart 2, dest 4, time 3), predicted 9 (depart 3, dest 3, time 3);
    // right: depart 2, time 3, dest 2 (the two New York ones with York I-dest) → 7 of 9.
    #expect(out.contains("span F1 77.78% (conlleval: 7 of 9 predicted spans right, 9 gold); invalid transitions 0 (I-x after neither B-x nor I-x)"))
    let rows = out.map { $0.split(separator: " ").map(String.init) }
    #expect(rows.contains(["dest", "0.6667", "0.5", "0.5714", "4"]) && rows.contains(["depart", "0.6667", "1", "0.8", "2"]))
    #expect(rows.contains(["all", "0.7778", "0.7778", "0.7778", "9"]))
    #expect(out.contains("accuracy 90.48%"))
    #expect(abs((s.lastEvaluation?.spans?.f1 ?? 0) - 7.0 / 9) < 1e-12)
    run(s, "expect span_f1 > 0.77", "expect span_f1 < 0.78", "expect invalid_transitions == 0")
    // `--json` keeps them too.
    let json = String(decoding: RunRecord.json(notebook: "small.rnn", session: s, error: nil), as: UTF8.self)
    #expect(json.contains("\"invalidTransitions\":0") && json.contains("\"spanF1\":0.7777"))
}

@Test func anHMMIsCountedNotTrainedByGradient() throws {
    let s = makeSession()
    run(s, "seed 3", "data slots n=200 tags=bio late=0.3", "encoding one-hot")
    #expect(run(s, "net hmm in=auto out=auto").first?.contains("untrained: `train` counts") == true)
    let refused = s.execute("train epochs=3")
    #expect(refused.error?.message == "epochs does not apply: hmm is trained by counting, in one pass over the data (type `train` alone)")
    #expect(s.model?.parameter(named: "counted")?.value.data == [0])
    let counted = run(s, "train")
    #expect(counted.first?.hasPrefix("counting hmm(") == true && counted.last == "done")
    let evaluated = run(s, "eval")
    #expect(evaluated.first?.hasSuffix("(−log P(tags | words)), Viterbi decoding") == true)
    #expect(evaluated.contains { $0.hasPrefix("span F1 ") })
    // A city never seen in training is still tagged a city, by its shape and suffix.
    let tags = run(s, "predict fly to Zorbville tomorrow").dropFirst().prefix(4).map { String($0.split(separator: " ")[1]) }
    #expect(tags[2] == "B-dest" || tags[2] == "B-depart", "\(tags)")
    // Its tables are parameters; its transitions plot with the tag names.
    #expect(run(s, "params").contains { $0.hasPrefix("transitions  [7, 7]") })
    let plot = run(s, "plot weights transitions")
    #expect(plot.contains { $0.contains("B-dest") } && plot.contains { $0.contains("to tag") })
    #expect(run(s, "plot weights emissions").contains { $0.contains("input (encoding index)") })
    // step shows the trellis column: the best score per tag and its back-pointer.
    let stepped = run(s, "step to")
    #expect(stepped.contains { $0.contains("best") } && stepped.contains { $0.contains("back") })
    #expect(stepped.last == "units are tags, back-pointers tag indices: 0 O · 1 B-dest · 2 I-dest · 3 B-depart · 4 I-depart · 5 B-time · 6 I-time")
    #expect(run(s, "help net hmm").first?.hasPrefix("net hmm: hidden Markov model tagger") == true)
}

@Test func anHMMsTablesStayProbabilities() throws {
    let s = makeSession()
    run(s, "seed 3", "data slots n=50", "net hmm in=auto out=auto", "train")
    let before = s.model?.namedParameters.map(\.parameter.value)
    for (line, problem) in [("set transitions[0,1] = -5", "transitions[0,1] would be -5, and a probability is in (0, 1]"),
                            ("set * = 0", "start[0] would be 0, and a probability is in (0, 1]"),
                            ("set * = 1e38", "start[0] would be 1e+38, and a probability is in (0, 1]")] {
        #expect(s.execute(line).error?.message == "not set: \(problem)", "\(line)")
        #expect(s.model?.namedParameters.map(\.parameter.value) == before, "\(line) changed the tables")
    }
    run(s, "set transitions[0,1] = 0.3")
    #expect(s.model?.parameter(named: "transitions")?.value[0, 1] == 0.3)
    #expect(run(s, "init xavier") == ["reset the 4570 numbers of the tables to untrained (a counted model has no xavier scheme; `train` counts again); memory cleared"])
}

@Test func anHMMAndACRFNetSurviveSaveAndLoadInAFreshSession() throws {
    let folder = try scratchFolder("structured-models")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (net, train) in [("net hmm in=auto out=auto k=0.5", "train"), ("net gru in=auto hidden=6 out=auto crf", "train epochs=1")] {
        let s = makeSession()
        run(s, "seed 5", "data slots n=120 tags=bio", "encoding one-hot", net, train)
        let before = run(s, "predict leave Taipei on November 2nd")
        run(s, "save model \(folder.path)/m.safetensors force")
        let fresh = makeSession()
        let loaded = run(fresh, "load model \(folder.path)/m.safetensors")
        #expect(loaded.first == "rebuilt: " + (s.model?.command ?? ""))
        #expect(run(fresh, "predict leave Taipei on November 2nd") == before, "\(net)")
        #expect(before.contains("tags by Viterbi over the whole sentence; p is P(tag | sentence) by forward–backward"))
    }
}

@Test func aCRFLearnsThatIFollowsBOfItsType() throws {
    let s = makeSession()
    run(s, "seed 2", "data slots n=300 tags=bio", "encoding one-hot", "net lstm in=auto hidden=12 out=auto bidirectional crf", "train epochs=8")
    let transitions = try #require(s.model?.parameter(named: "crf.transitions")).value
    guard case .tagged(_, _, let tags)? = s.data else { Issue.record("no tags"); return }
    let index = { (tag: String) in tags.firstIndex(of: tag)! }
    // I-dest scores higher after B-dest than after O or B-depart.
    let toI = index("I-dest")
    #expect(transitions[index("B-dest"), toI] > transitions[index("O"), toI])
    #expect(transitions[index("B-dest"), toI] > transitions[index("B-depart"), toI])
    run(s, "eval")
    #expect((s.lastEvaluation?.invalidTransitions ?? 99) <= 2)
    #expect(run(s, "compare").count == 2)
    #expect(s.execute("net lstm in=auto hidden=4 crf").error?.message.hasPrefix("crf needs tag scores to chain") == true)
}

@Test func structuredModelsRefuseWhatTheyCannotBeWithOneLine() {
    let s = makeSession()
    let refusals = [
        ("net hm in=3", "unknown cell 'hm' (did you mean 'hmm'?)"),
        ("net hmm in=3", "an hmm needs its tags: add out=auto (after `data …`) or out=N"),
        ("net hmm in=1000000 out=100000", "this hmm would hold 110103700001 numbers, over the limit of 50000000: fewer tags, features or buckets"),
        ("net lstm in=3 hidden=2 out=2 outact=softmax crf", "crf needs tag scores to chain: add out=auto (or out=N), with the linear output (no outact=)"),
    ]
    for (line, message) in refusals {
        #expect(s.execute(line).error?.message == message, "\(line)")
        #expect(s.model == nil)
    }
    run(s, "data delay n=20", "net elman hidden=3 out=auto crf")
    #expect(s.execute("train epochs=1").error?.message == "a crf chains tags, and this data has real-valued targets: rebuild the net without crf")
    #expect(s.lossHistory.isEmpty)
    run(s, "net hmm in=auto out=auto")
    #expect(s.execute("train").error?.message == "an hmm counts tags, and this data has real-valued targets: use a net")
    #expect(s.model?.parameter(named: "counted")?.value.data == [0])
}
