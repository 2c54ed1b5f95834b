import Foundation
import Notebook
import RNNKit
import Testing

/// `save state` / `load state`: resuming gives exactly what an uninterrupted run gives.
@Suite struct StateFileTests {
    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-state-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The weights, as bits.
    func weights(_ s: Session) -> [[UInt32]] { s.model?.namedParameters.map { $0.parameter.value.data.map(\.bitPattern) } ?? [] }

    /// 2 epochs, save, load into a fresh session, 2 more — against 4 straight, bit for bit.
    func resumeMatches(setup: [String], train: String) throws {
        let straight = makeSession()
        for line in setup { run(straight, line) }
        run(straight, train)
        let last = run(straight, train)

        let first = makeSession()
        for line in setup { run(first, line) }
        run(first, train)
        let file = path("run.state")
        run(first, "save state \(file)")

        let resumed = makeSession()
        run(resumed, "load state \(file)")
        #expect(weights(resumed) == weights(first))
        let resumedLast = run(resumed, train)
        #expect(resumedLast == last)
        #expect(weights(resumed) == weights(straight))
        #expect(resumed.lossHistory.map(\.trainLoss) == straight.lossHistory.map(\.trainLoss))
        #expect(resumed.rng.stateWords == straight.rng.stateWords)
    }

    @Test func aTaggingRunResumesBitForBit() throws {
        try resumeMatches(setup: ["seed 3", "data slots n=80 late=0.3", "net lstm hidden=6 out=auto", "optimizer adam lr=0.02"],
                          train: "train epochs=2 batch=8 clip=5")
    }

    /// Scheduled sampling draws from the model's own generator, which the state file keeps.
    @Test func aSeq2SeqRunWithScheduledSamplingResumesBitForBit() throws {
        try resumeMatches(setup: ["seed 4", "data reverse n=60 min=2 max=5",
                                  "net seq2seq in=auto out=auto hidden=6 attention=additive teacher=0.7"],
                          train: "train epochs=2 batch=8")
    }

    @Test func aTextRunWithTruncatedBPTTResumesBitForBit() throws {
        let text = String(repeating: "a recurrent net reads text one character at a time. ", count: 20)
        let file = path("notes.txt")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try resumeMatches(setup: ["seed 2", "data text \(file) valid=0.1", "net gru hidden=8 out=auto"],
                          train: "train epochs=2 batch=4 bptt=16 opt=momentum lr=0.05")
    }

    @Test func theMemoryTheTranscriptAndTheSettingsComeBack() throws {
        let a = makeSession()
        run(a, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1", "step [1, 1]", "set precision 6")
        let file = path("memory.state")
        run(a, "save state \(file)")
        let b = makeSession()
        run(b, "load state \(file)")
        #expect(b.memory == a.memory)
        #expect(b.transcript.map(\.input) == a.transcript.map(\.input))
        #expect(b.format == a.format)
        #expect(run(b, "step [1, 1]") == run(a, "step [1, 1]"))
    }

    @Test func aChangedDataFileIsSaidAndNothingIsLoaded() throws {
        let data = path("tagged.txt")
        try "leave/O Taipei/depart\narrive/O Taipei/dest\n".write(toFile: data, atomically: true, encoding: .utf8)
        let a = makeSession()
        run(a, "data tagged \(data) valid=0", "net elman hidden=2 out=auto")
        let file = path("tagged.state")
        run(a, "save state \(file)")
        try "leave/O Taipei/dest\n".write(toFile: data, atomically: true, encoding: .utf8)
        let b = makeSession()
        run(b, "net gru in=3 hidden=2")
        let outcome = b.execute("load state \(file)")
        #expect(outcome.error?.message == "cannot load state \(file): its data file \(data) changed since the state was saved (SHA-256 differs); put the saved file back to resume")
        #expect(b.network?.config.cell == "gru")
        try FileManager.default.removeItem(atPath: data)
        #expect(b.execute("load state \(file)").error?.message == "cannot load state \(file): its data file \(data) is gone")
    }

    /// A state file written by hand with `contents`'s metadata changed.
    func crafted(_ name: String, _ change: (inout [String: String]) -> Void) throws -> String {
        let a = makeSession()
        run(a, "net elman in=2 hidden=2")
        run(a, "save state \(path("base.state"))")
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path("base.state")))
        let data = file.readDataToEndOfFile()
        var contents = try SafeTensors.decode(data)
        change(&contents.metadata)
        let out = path(name)
        try SafeTensors.encode(contents).write(to: URL(fileURLWithPath: out))
        return out
    }

    @Test func foreignNewerAndDamagedFilesAreRefusedWithOneLine() throws {
        let newer = try crafted("newer.state") { $0["version"] = "7" }
        let model = try crafted("model.state") { $0["format"] = nil }
        let damaged = try crafted("damaged.state") { $0["state"] = "{\"net\": 3" }
        let hostile = try crafted("hostile.state") {
            $0["state"] = $0["state"]?.replacingOccurrences(of: "net elman in=2 hidden=2", with: "save session \(path("pwned.rnn"))")
        }
        let s = makeSession()
        #expect(s.execute("load state \(newer)").error?.message == "cannot load state \(newer): it is state format '7', this rnnbook reads format 1: update rnnbook")
        #expect(s.execute("load state \(model)").error?.message == "cannot load state \(model): not an rnnbook state file (a model file loads with `load model`)")
        #expect(s.execute("load state \(damaged)").error?.message == "cannot load state \(damaged): its state record is missing or damaged")
        #expect(s.execute("load state \(hostile)").error?.message.contains("is not a net command") == true)
        #expect(!FileManager.default.fileExists(atPath: path("pwned.rnn")))
        #expect(s.model == nil && s.transcript.isEmpty)
        // The other way round: a state file given to `load model` says what it is.
        let state = path("base.state")
        #expect(s.execute("load model \(state)").error?.message == "\(state) is a state file (the whole session): `load state \(state)` resumes it")
    }

    /// The record's numbers are checked as their commands check them: a hand-edited
    /// state with a step count near `Int.max` or a zero batch trapped later (`run`, `eval`, `train`).
    @Test func numbersOutsideWhatTheirCommandsTakeAreRefused() throws {
        func edited(_ name: String, _ key: String, _ value: String) throws -> String {
            try crafted(name) { metadata in
                guard let json = metadata["state"], var record = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
                record[key] = key == "optimizerSteps" ? ["weight_ih_l0": Int.max] : Int(value)
                metadata["state"] = String(decoding: (try? JSONSerialization.data(withJSONObject: record)) ?? Data(), as: UTF8.self)
            }
        }
        let cases: [(String, String, String)] = [
            ("memoryTime", "\(Int.max)", "its step count \(Int.max) is out of range"),
            ("evaluationBatch", "0", "its evaluation batch 0 is not one `train batch=` takes"),
            ("evaluationBPTT", "-3", "its evaluation BPTT -3 is not one `train bptt=` takes"),
            ("precision", "-3", "its precision -3 is not one `set precision` takes"),
            ("units", "0", "its units 0 is not a number `set units` takes"),
            ("optimizerSteps", "", "its optimizer step count of weight_ih_l0 (\(Int.max)) is out of range"),
        ]
        let s = makeSession()
        run(s, "net elman in=3 hidden=3")
        for (key, value, why) in cases {
            let file = try edited("\(key).state", key, value)
            #expect(s.execute("load state \(file)").error?.message == "cannot load state \(file): \(why)", "\(key)")
            #expect(s.model?.summaryLine.contains("elman(3 => 3") == true)
        }
    }
}
