import Foundation
import Notebook
import RNNKit
import Testing

/// `expect` claims and `#>~` machine-dependent output: what lets a notebook
/// pass `check` on any CPU while still failing when its story breaks.
@Suite struct ClaimTests {
    /// A small tagging run, so every result `expect` knows exists.
    func trained() -> Session {
        let s = makeSession()
        run(s, "seed 1", "data recall n=40 length=6", "net elman hidden=4 out=auto", "train epochs=2 batch=8", "eval", "predict A x x ?")
        return s
    }

    @Test func aClaimThatHoldsPrintsItselfNotTheValue() {
        let s = trained()
        #expect(run(s, "expect accuracy >= 0") == ["✓ accuracy >= 0"])
        #expect(run(s, "expect gradnorm[1] < 1e6 * gradnorm[6]") == ["✓ gradnorm[1] < 1e6 * gradnorm[6]"])
        #expect(run(s, "expect not diverged") == ["✓ not diverged"])
        #expect(run(s, "expect epochs == 2") == ["✓ epochs == 2"])
        #expect(run(s, "expect loss[1]>=0") == ["✓ loss[1]>=0"])
        #expect(run(s, "expect f1.A <= 1") == ["✓ f1.A <= 1"])
        let tag = s.lastPrediction[0]
        #expect(run(s, "expect tag[1] == \(tag)") == ["✓ tag[1] == \(tag)"])
    }

    @Test func aClaimThatFailsIsAnErrorWithTheValueAndChangesNothing() {
        let s = trained()
        let before = s.transcript.count
        let outcome = s.execute("expect accuracy > 1")
        #expect(outcome.error?.message.hasPrefix("claim does not hold: accuracy > 1 (accuracy is ") == true)
        #expect(outcome.output.last == "         ^" + String(repeating: "~", count: "accuracy > 1".count - 1))
        #expect(s.transcript.count == before)
        #expect(s.execute("expect diverged").error?.message == "claim does not hold: diverged (diverged is 0)")
    }

    @Test(arguments: [
        ("expect acuracy > 1", "'acuracy' is not a result `expect` knows (did you mean 'accuracy'?); see `help expect`"),
        ("expect loss = 1", "compare with ==, <= or >= (a single = is not a comparison)"),
        ("expect loss", "a claim compares two sides: add one of < <= > >= == !="),
        ("expect", "expect what? e.g. `expect accuracy >= 0.95` (see `help expect`)"),
        ("expect loss < 1 < 2", "one comparison per `expect`; write a second `expect` line"),
        ("expect gradnorm[7] > 0", "gradnorm has steps 1 to 6, not 7"),
        ("expect loss[0] > 0", "loss[…] counts epochs from 1"),
        ("expect f1 > 0", "name a tag after a dot, e.g. f1.A"),
        ("expect f1.Z > 0", "no tag 'Z' in the last `eval`; tags: A B"),
        ("expect tag[1] < A", "words compare with == or != only"),
        ("expect accuracy >= [1]", "a claim compares numbers and results, not a vector of 1"),
    ])
    func mistakesAreOneLineErrors(line: String, message: String) {
        #expect(trained().execute(line).error?.message == message)
    }

    @Test func resultsThatDoNotExistYetSayWhatToRun() {
        let s = makeSession()
        #expect(s.execute("expect accuracy > 0").error?.message == "no evaluation yet: run `eval` first")
        #expect(s.execute("expect loss > 0").error?.message == "no training yet: run `train` first")
        #expect(s.execute("expect tag[1] == O").error?.message == "no prediction yet: run `predict WORD…` first")
        // A new net forgets the old one's results.
        let t = trained()
        run(t, "net elman hidden=4 out=auto")
        #expect(t.execute("expect accuracy > 0").error?.message == "no evaluation yet: run `eval` first")
    }

    /// The notebook of a short run with a claim, as `save session` writes it.
    func notebook() -> String {
        let s = trained()
        run(s, "expect accuracy >= 0")
        return NotebookDocument(transcript: s.transcript, header: ["test"]).text
    }

    @Test func aClaimEditedSoItNoLongerHoldsFailsCheckAtItsLine() throws {
        let text = notebook().replacingOccurrences(of: "expect accuracy >= 0\n#> ✓ accuracy >= 0", with: "expect accuracy > 1\n#> ✓ accuracy > 1")
        let doc = NotebookDocument(parsing: text)
        let mismatches = NotebookRunner.check(doc, in: makeSession())
        let line = try #require(doc.commands.first { $0.text == "expect accuracy > 1" }?.line)
        #expect(mismatches.map(\.line) == [line])
        #expect(mismatches.first?.actual.first?.hasPrefix("error: claim does not hold") == true)
    }

    @Test func machineDependentLinesAreShownButNotCompared() {
        let recorded = RecordedCommand(text: "train", line: 1, output: ["training", "epoch 1  loss 0.5", "epoch 2  loss 0.4", "done"],
                                       machineDependent: [1, 2])
        let compare = OutputComparison()
        #expect(compare.outputsMatch(recorded, ["training", "epoch 1  loss 0.9", "epoch 2  loss 0.1", "done"]))
        // A run stands for one or more lines (a plot may gain a row elsewhere)…
        #expect(compare.outputsMatch(recorded, ["training", "anything", "done"]))
        #expect(compare.outputsMatch(recorded, ["training", "a", "b", "c", "done"]))
        #expect(compare.align(recorded, ["training", "a", "b", "c", "done"]) == [false, true, true, true, false])
        // …but not none, and the exact lines around it still count.
        #expect(!compare.outputsMatch(recorded, ["training", "done"]))
        #expect(!compare.outputsMatch(recorded, ["training", "epoch 1  loss 0.5", "epoch 2  loss 0.4", "stopped"]))
        #expect(!compare.outputsMatch(recorded, ["Training", "epoch 1  loss 0.5", "epoch 2  loss 0.4", "done"]))
    }

    @Test func anEditedExactNumberStillFails() {
        let text = notebook()
        #expect(NotebookRunner.check(NotebookDocument(parsing: text), in: makeSession()).isEmpty)
        let edited = text.replacingOccurrences(of: "vocabulary 13 words", with: "vocabulary 14 words")
        #expect(edited != text)
        #expect(NotebookRunner.check(NotebookDocument(parsing: edited), in: makeSession()).count == 1)
    }

    @Test func markedLinesSurviveParsingRecordAndSaveSession() throws {
        let text = "net elman in=1 hidden=1\n#>~ elman(1 => 1, tanh)  # 999 parameters\n#> not compared either way\n"
        let doc = NotebookDocument(parsing: text)
        #expect(doc.text == text)
        #expect(doc.commands.first?.machineDependent == [0])
        // record replaces the text and keeps the mark.
        let recorded = NotebookRunner.record(doc, in: makeSession())
        #expect(recorded.text == "net elman in=1 hidden=1\n#>~ elman(1 => 1, tanh)  # 4 parameters\n")
        // load session, then save session: the mark is still there.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("in.rnn").path, copy = folder.appendingPathComponent("out.rnn").path
        try recorded.text.write(toFile: source, atomically: true, encoding: .utf8)
        let s = makeSession()
        run(s, "load session \(source)", "save session \(copy)")
        let saved = try String(contentsOfFile: copy, encoding: .utf8)
        #expect(saved.contains("\n#>~ elman(1 => 1, tanh)  # 4 parameters\n"))
    }

    @Test func theDefaultToleranceIsTheOneTheReadmeStates() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(OutputComparison.defaultRelative == 1e-3)
        #expect(readme.contains("`--rtol`, default 1e-3"))
    }
}

/// The house rule for notebooks: output after a training run is either a
/// claim (`expect`) or marked `#>~`, never a number only one CPU reproduces.
@Test(arguments: try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Sessions").path)
    .filter { $0.hasSuffix(".rnn") }.sorted())
func notebooksRecordNoTrainedNumberExactly(file: String) throws {
    let doc = try NotebookDocument.read(path: repositoryRoot.appendingPathComponent("Sessions/\(file)").path)
    var trained = false
    let dependsOnWeights = ["eval", "predict", "sample", "run", "step", "plot", "params"]
    for command in doc.commands {
        let word = command.text.split(separator: " ").first.map(String.init) ?? ""
        if word == "net" || word == "init" || word == "load" { trained = false }
        let isTrain = word == "train"
        for (i, line) in command.output.enumerated() where !command.machineDependent.contains(i) {
            let trainingNumber = isTrain && (line.hasPrefix("epoch ") || line.hasPrefix("‖∂L") || line.hasPrefix("stopped"))
            let afterTraining = trained && dependsOnWeights.contains(word) && line.contains(where: \.isNumber)
            #expect(!trainingNumber && !afterTraining, "\(file):\(command.line): `\(command.text)` records \"\(line)\" exactly")
        }
        if isTrain { trained = true }
    }
}

@Test func recordCarriesMarksOverToALongerRunWithNewNumbers() {
    // The net and the epoch count changed: the header's numbers differ, and there are more epoch lines.
    let recorded = RecordedCommand(text: "train", line: 1, output: ["training lstm(3 => 2) lr=0.01", "epoch 1/2", "epoch 2/2", "done"],
                                   machineDependent: [1, 2])
    let new = ["training lstm(3 => 4) lr=0.005", "epoch 1/3", "epoch 2/3", "epoch 3/3", "done"]
    #expect(recorded.machineDependentLines(in: new) == [1, 2, 3])
}

@Test func gruUpdateBiasIsAddedToTheUpdateGateAtInit() throws {
    let plain = makeSession(), biased = makeSession()
    run(plain, "seed 1", "net gru in=2 hidden=3")
    run(biased, "seed 1", "net gru in=2 hidden=3 update_bias=2")
    let a = try #require(plain.network?.parameter(named: "bias_ih_l0")?.value.data)
    let b = try #require(biased.network?.parameter(named: "bias_ih_l0")?.value.data)
    #expect(zip(a, b).map { $1 - $0 } == [0, 0, 0, 2, 2, 2, 0, 0, 0])
    #expect(biased.network?.summaryLine.contains("update_bias=2") == true)
    #expect(makeSession().execute("net gru in=2 hidden=3 update_bias=1 bias=off").error?.message
            == "update_bias needs bias terms: drop bias=off or update_bias=")
}
