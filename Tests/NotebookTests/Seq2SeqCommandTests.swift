import Foundation
import Testing
@testable import Notebook
import RNNKit

/// `net seq2seq` from the prompt: data, training, decoding, metrics, attention, model files, and its refusals.
@Suite("seq2seq at the prompt")
struct Seq2SeqCommandTests {
    /// A reversal model trained to near-perfection in well under a second.
    func trainedReversal(_ extra: String = "attention=general") -> Session {
        let s = makeSession()
        run(s, "seed 1", "data reverse n=400 min=1 max=6", "net seq2seq in=auto out=auto hidden=32 encoder=gru \(extra)",
            "train epochs=10 batch=16 lr=0.01")
        return s
    }

    @Test("without in= and out=, the data's vocabulary sizes both, as for a cell's in=")
    func widthsDefaultToTheData() {
        let s = makeSession()
        run(s, "data reverse n=20 min=1 max=3")
        #expect(s.execute("net seq2seq hidden=4").error == nil)
        #expect(run(s, "net").last?.hasPrefix("net seq2seq in=13 out=13") == true)
    }

    @Test("train, eval, predict and plot attention on the reversal task")
    func reversal() throws {
        let s = trainedReversal()
        let eval = run(s, "eval")
        let record = String(decoding: RunRecord.json(notebook: "n.rnn", session: s, error: nil), as: UTF8.self)
        #expect(record.contains("\"bleu\"") && record.contains("\"exactMatch\""))
        #expect(eval.first?.hasPrefix("valid: 80 pairs") == true)
        let e = try #require(s.lastEvaluation)
        #expect(try #require(e.exactMatch) > 0.8)
        #expect(try #require(e.bleu) > 0.8)
        #expect(try #require(e.accuracy) > 0.9)
        let out = run(s, "predict 1 2 3 4 5")
        #expect(out.first?.hasPrefix("5 4 3 2 1    # greedy, log p") == true)
        #expect(s.lastPrediction == ["5", "4", "3", "2", "1"])
        let alignment = try #require(s.lastAlignment)
        #expect(alignment.output == ["5", "4", "3", "2", "1", "</s>"])
        #expect(alignment.weights.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-4 })
        // Reversal's anti-diagonal: output k looks at input 6 - k.
        for k in 0..<5 { #expect(alignment.weights[k].indices.max { alignment.weights[k][$0] < alignment.weights[k][$1] } == 4 - k) }
        let plot = run(s, "plot attention")
        #expect(plot.first?.contains("attention: 1 2 3 4 5 → 5 4 3 2 1 </s>") == true)
        #expect(s.execute("expect attended[1] == 5").error == nil)
        #expect(s.execute("expect token[1] == 5").error == nil)
        #expect(s.execute("expect token[1] == 4").error != nil)
        let long = (0..<1000).map { String($0 % 5) }.joined(separator: " ")
        #expect(s.execute("predict \(long) beam=64").error?.message.hasPrefix("beam=64 over 1000 tokens could take 128000000 attention steps") == true)
        let beam = run(s, "predict 1 2 3 4 5 beam=3")
        #expect(beam.first?.hasPrefix("5 4 3 2 1    # beam 3") == true)
    }

    @Test("run shows the encoder's steps, then the decoder's, and step says to use run")
    func runShowsBothHalves() throws {
        let s = trainedReversal()
        let table = run(s, "run 1 2 3")
        #expect(table.contains { $0.contains("enc.h  encoder hidden") } && table.contains { $0.contains("dec.h  decoder hidden") })
        // Three source steps, then 3 outputs and </s>.
        #expect(s.lastProbes.count == 7)
        let encoderH = s.lastProbes.map { $0.first { $0.name == "enc.h" }?.value.norm ?? -1 }
        let decoderH = s.lastProbes.map { $0.first { $0.name == "dec.h" }?.value.norm ?? -1 }
        #expect(encoderH.prefix(3).allSatisfy { $0 > 0 } && encoderH.dropFirst(3).allSatisfy { $0 == 0 })
        #expect(decoderH.prefix(3).allSatisfy { $0 == 0 } && decoderH.dropFirst(3).allSatisfy { $0 > 0 })
        #expect(run(s, "plot hidden").first?.contains("enc.h encoder hidden · dec.h decoder hidden") == true)
        #expect(s.execute("step 1").error?.message == "an encoder–decoder reads the whole input before it writes: use `run` instead of `step`")
        run(s, "reset")
    }

    @Test("every cell that keeps no state or a different one works as either half", arguments: [
        "encoder=feedforward", "encoder=mgu decoder=feedforward attention=dot", "encoder=lstm decoder=gru layers=2 bidirectional attention=additive",
        "encoder=elman decoder=lstm layers=3 bias=off",
    ])
    func anyCells(_ options: String) throws {
        let s = makeSession()
        run(s, "seed 1", "data sort n=60 max=4", "net seq2seq in=auto out=auto hidden=5 \(options)", "train epochs=1", "eval", "predict 3 1 2 beam=2", "run 1 2")
        #expect(s.lastEvaluation?.bleu != nil)
    }

    @Test("beam search never finds a less probable output than greedy decoding")
    func beamIsAtLeastGreedy() throws {
        let s = makeSession()
        run(s, "seed 2", "data sort n=300 min=2 max=7", "net seq2seq in=auto out=auto hidden=16", "train epochs=3 lr=0.01")
        let model = try #require(s.model as? any SequenceTransducer)
        guard case .pairs(_, let split, let vocabulary)? = s.data else { Issue.record("no pairs"); return }
        let encoding = PairEncoding(vocabulary)
        for pair in split.validation.prefix(20) {
            let source = encoding.source(pair.source)
            let greedy = try model.decode(source, start: TokenVocabulary.start, end: TokenVocabulary.end, maxLength: 20, beam: 1)
            let beam = try model.decode(source, start: TokenVocabulary.start, end: TokenVocabulary.end, maxLength: 20, beam: 4)
            if greedy.ended && beam.ended { #expect(beam.logProbability >= greedy.logProbability - 1e-9) }
        }
    }

    @Test("save model, then load model in a fresh session decodes the same")
    func saveAndLoad() throws {
        let folder = try scratchFolder("seq2seq-model")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("reverse.safetensors").path
        let s = trainedReversal("attention=additive bidirectional decoder=lstm")
        let before = run(s, "predict 3 1 4 1 5")
        run(s, "save model \(file)")
        let fresh = makeSession()
        let loaded = run(fresh, "load model \(file)")
        #expect(loaded.first == "rebuilt: net seq2seq in=13 out=13 hidden=32 bidirectional encoder=gru decoder=lstm attention=additive")
        #expect(run(fresh, "predict 3 1 4 1 5") == before)
        #expect(fresh.model?.namedParameters.map(\.name) == s.model?.namedParameters.map(\.name))
        #expect(s.model?.namedParameters.contains { $0.name == "bridge.weight" } == true)
    }

    @Test("load model says when it keeps the session's tokens, and refuses a token list that does not fit the net")
    func loadModelTokens() throws {
        let folder = try scratchFolder("seq2seq-tokens")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("copy.safetensors").path
        let s = makeSession()
        run(s, "data copy n=20 min=1 max=3 symbols=5", "net seq2seq in=auto out=auto hidden=4", "save model \(file)")
        let other = makeSession()
        run(other, "data reverse n=20 min=1 max=3")
        let loaded = run(other, "load model \(file)")
        #expect(loaded.contains("kept the session's data: the words or classes saved in \(file) differ from it (load the model in a fresh session to use the file's)"), "\(loaded)")
        // The same file with two tokens fewer than its net's classes.
        var contents = try SafeTensors.decode(Data(contentsOf: URL(fileURLWithPath: file)))
        contents.metadata["tokens"] = "[\"0\", \"1\", \"2\"]"
        let edited = folder.appendingPathComponent("edited.safetensors").path
        try SafeTensors.encode(contents).write(to: URL(fileURLWithPath: edited))
        let fresh = makeSession()
        #expect(fresh.execute("load model \(edited)").error?.message
                == "cannot load \(edited): its token list makes 6 classes with </s> <s> <unk>, but the net reads 8 and writes 8")
        #expect(fresh.model == nil && fresh.data == nil)
        // The original file brings its tokens, so predict decodes; eval has no pairs to score.
        run(fresh, "load model \(file)")
        #expect(fresh.execute("eval").error?.message
                == "there is nothing to evaluate: the session has no sequences (a model file brings its words, not its data): load some with `data …`")
    }

    @Test("save state, then load state in a fresh session resumes the encoder–decoder")
    func stateFile() throws {
        let folder = try scratchFolder("seq2seq-state")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("state.safetensors").path
        let s = trainedReversal()
        let before = run(s, "predict 2 4 6")
        run(s, "save state \(file)")
        let fresh = makeSession()
        let loaded = run(fresh, "load state \(file)")
        #expect(loaded.contains("  net: seq2seq(gru 13 => 32 => gru => 13, general attention)  # 12525 parameters"))
        #expect(run(fresh, "predict 2 4 6") == before)
        #expect(run(fresh, "data") == [try #require(s.data).summary])
    }

    @Test("parameters are named by half, and params, set and plot weights reach them")
    func parameters() throws {
        let s = makeSession()
        run(s, "seed 1", "data copy n=20", "net seq2seq in=auto out=auto hidden=4 encoder=lstm attention=general")
        let names = try #require(s.model).namedParameters.map(\.name)
        #expect(names.prefix(4) == ["encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0"])
        #expect(names.contains("decoder.weight_hh_l0") && names.contains("attention.weight") && names.contains("attention.combine.weight"))
        #expect(!names.contains("bridge.weight"))
        run(s, "set attention.weight[0,1] = 0.25")
        #expect(s.model?.parameter(named: "attention.weight")?.value[0, 1] == 0.25)
        #expect(run(s, "plot weights out.weight").first?.contains("out.weight [13, 4]") == true)
        #expect(run(s, "help net seq2seq").contains { $0.contains("attention=none|dot|general|additive") })
        #expect(run(s, "plugins").contains { $0.contains("seq2seq") })
    }

    @Test("scheduled sampling trains differently; eval's loss stays teacher-forced")
    func scheduledSampling() throws {
        func trainLoss(_ teacher: String) -> Session {
            let s = makeSession()
            run(s, "seed 3", "data copy n=200 max=5", "net seq2seq in=auto out=auto hidden=8 encoder=gru \(teacher)", "train epochs=2 lr=0.01")
            return s
        }
        let forced = trainLoss(""), sampled = trainLoss("teacher=0.5")
        #expect(forced.lossHistory.last?.trainLoss != sampled.lossHistory.last?.trainLoss)
        #expect(sampled.model?.summaryLine.contains("teacher 0.5") == true)
        run(sampled, "eval")
        let first = sampled.lastEvaluation?.loss
        run(sampled, "eval")
        #expect(sampled.lastEvaluation?.loss == first)
    }

    @Test("pairs from a file, characters, <unk>, and the autoencoder view of sentences")
    func pairsData() throws {
        let folder = try scratchFolder("seq2seq-pairs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pairs.tsv")
        try "ab\tba\nabc\tcba\n\ncab\tbac\nbca\tacb\n".write(to: file, atomically: true, encoding: .utf8)
        let s = makeSession()
        let out = run(s, "data pairs \(file.path) tokens=chars valid=0")
        #expect(out.first?.contains("4 training / 0 validation pairs, sources of 2–3 tokens, 6 tokens (3 + </s> <s> <unk>)") == true)
        run(s, "seed 1", "net seq2seq in=auto out=auto hidden=4", "train epochs=1")
        #expect(run(s, "predict \"abz\"").last == "  read as <unk> (not in the training tokens): z")
        run(s, "data slots n=30 autoencode")
        guard case .pairs(_, let split, _)? = s.data else { Issue.record("not pairs"); return }
        #expect(split.train.allSatisfy { $0.source == $0.target } && !split.train.isEmpty)
        let saved = folder.appendingPathComponent("saved.tsv").path
        run(s, "data save \(saved)")
        let written = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(written.split(separator: "\n").allSatisfy { $0.split(separator: "\t").count == 2 })
    }

    @Test("refusals are one line, and leave the session as it was", arguments: [
        ("data pairs BAD", "BAD:2: expected source<TAB>target, found no tab"),
        ("data pairs EMPTY", "EMPTY:1: the target (after the tab) is empty"),
        ("data copy min=5 max=3", "data copy: min=5 is longer than max=3"),
        ("data copy n=100000 max=1000", "data copy n=100000 max=1000 could make 100000000 source tokens (n × max), over the limit of 5000000: make n or max smaller"),
        ("net seq2seq in=5", "seq2seq needs the number of target classes: add out=N (or out=auto after `data …`)"),
        ("net seq2seq in=5 out=5 bidirectional attention=dot", "attention=dot needs the encoder's outputs (32 wide) as wide as the decoder's state (16): use attention=general or additive (a bidirectional encoder's outputs are twice as wide)"),
        ("net seq2seq in=5 out=5 hidden=100000", "this seq2seq would need about 140006800010 parameters, over the limit of 50000000: make it smaller"),
        ("net seq2seq in=5 out=5 decoder=jordan", "the decoder cannot be jordan: jordan needs out=N: its output is what it feeds back"),
        ("net seq2seq in=5 out=5 encoder=lstn", "option 'encoder' must be one of elman, lstm, gru, jordan, mgu, feedforward, not 'lstn'"),
    ])
    func refusals(_ line: String, _ message: String) throws {
        let folder = try scratchFolder("seq2seq-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "1 2\t2 1\n1 2 3\n".write(to: folder.appendingPathComponent("BAD"), atomically: true, encoding: .utf8)
        try "1 2\t\n".write(to: folder.appendingPathComponent("EMPTY"), atomically: true, encoding: .utf8)
        let s = makeSession()
        let typed = line.replacingOccurrences(of: "BAD", with: folder.appendingPathComponent("BAD").path)
            .replacingOccurrences(of: "EMPTY", with: folder.appendingPathComponent("EMPTY").path)
        let error = try #require(s.execute(typed).error)
        let shown = error.message.replacingOccurrences(of: folder.path + "/", with: "")
        #expect(shown.hasPrefix(message) || shown.contains(message), "\(shown)")
        #expect(s.model == nil && s.data == nil)
    }

    @Test("commands that need data, attention or another kind of model say so")
    func needsTheRightThings() throws {
        let s = makeSession()
        run(s, "seed 1", "net seq2seq in=13 out=13 hidden=4")
        #expect(s.execute("predict 1 2").error?.message.hasPrefix("an encoder–decoder decodes tokens of source–target pairs") == true)
        #expect(s.execute("plot attention").error?.message == "this encoder–decoder has no attention: build it with attention=dot|general|additive")
        #expect(s.execute("train epochs=1").error != nil)
        run(s, "data slots n=20")
        #expect(s.execute("train epochs=1").error != nil)
        #expect(s.execute("step [1]").error?.message.hasPrefix("the net takes 13 inputs, this vector has 1") == true)
        run(s, "data copy n=20 symbols=5")
        #expect(s.execute("eval").error?.message.hasPrefix("the net takes 13 inputs but the data's vectors have 8") == true)
        #expect(s.execute("predict").error != nil)
        let tiny = makeSession()
        run(tiny, "seed 1", "net seq2seq in=1 out=1 hidden=2")
        #expect(tiny.execute("run [1]").error?.message.hasPrefix("the decoder writes 1 class, too few for </s> and <s>") == true)
        let other = makeSession()
        run(other, "seed 1", "data reverse n=20", "net elman in=auto hidden=4 out=auto")
        #expect(other.execute("plot attention").error?.message.hasPrefix("plot attention needs an encoder–decoder") == true)
    }
}

@Suite("seq2seq metrics")
struct DecodingScoreTests {
    @Test("exact decodes score 1; a missing token costs accuracy, exact match and BLEU")
    func scores() {
        var perfect = DecodingScore()
        perfect.add(decoded: [3, 4, 5, 6, 7], ended: true, gold: [3, 4, 5, 6, 7])
        #expect(perfect.tokenAccuracy == 1 && perfect.exactMatch == 1 && abs(perfect.bleu - 1) < 1e-12)
        var short = DecodingScore()
        short.add(decoded: [3, 4, 5, 6], ended: true, gold: [3, 4, 5, 6, 7])
        #expect(short.exactMatch == 0)
        #expect(abs(short.tokenAccuracy - 4.0 / 6.0) < 1e-12)
        // Unigram 4/4, bigrams (3+1)/(3+1), … all 1; brevity exp(1 - 5/4).
        #expect(abs(short.bleu - exp(1 - 5.0 / 4.0)) < 1e-12)
        var unfinished = DecodingScore()
        unfinished.add(decoded: [3, 4, 5, 6, 7], ended: false, gold: [3, 4, 5, 6, 7])
        #expect(unfinished.exactMatch == 0 && abs(unfinished.tokenAccuracy - 5.0 / 6.0) < 1e-12)
        var none = DecodingScore()
        none.add(decoded: [], ended: true, gold: [3])
        #expect(none.bleu == 0)
    }
}
