import Foundation
import Testing
import RNNKit
@testable import Notebook

/// Stops training at a chosen batch, as Ctrl-C would, and records what the progress line was told.
final class InterruptAt: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [TrainingProgress] = []
    private var fire = false
    /// The (epoch, batch) of the progress report after which `cancelled` turns true (session-wide epoch).
    let at: (epoch: Int, batch: Int)

    init(epoch: Int, batch: Int) { at = (epoch, batch) }

    func wire(_ session: Session) {
        session.progress = { [self] p in
            lock.withLock {
                seen.append(p)
                if p.epoch == at.epoch && p.batch == at.batch { fire = true }
            }
        }
        session.isCancelled = { [self] in lock.withLock { fire } }
    }

    var reports: [TrainingProgress] { lock.withLock { seen } }
}

/// Issue 15, item 3: the progress line, the epoch lines and the Ctrl-C message count epochs the same way.
@Suite struct TrainEpochNumberTests {
    @Test func progressCountsEpochsOverTheSessionAsTheMessagesDo() {
        let session = makeSession()
        run(session, "data recall n=40 length=6 seed=1", "net elman hidden=4 in=auto out=auto", "train epochs=1 batch=8")
        let stop = InterruptAt(epoch: 3, batch: 2)
        stop.wire(session)
        let out = run(session, "train epochs=5 batch=8")
        let reports = stop.reports
        #expect(reports.first?.epoch == 2)
        #expect(reports.allSatisfy { $0.epochs == 6 })
        #expect(reports.last?.epoch == 3 && reports.last?.batch == 2)
        #expect(out.contains { $0.hasPrefix("epoch 2/6") })
        #expect(out.contains { $0.contains("interrupted (Ctrl-C) in epoch 3 after batch 2") })
    }
}

/// Issue 15, item 4: a notebook saved after Ctrl-C records what ran and replays to the same weights.
@Suite struct InterruptedTrainReplayTests {
    let setup = ["data recall n=40 length=6 seed=1", "net elman hidden=4 in=auto out=auto", "train epochs=1 batch=8"]

    @Test func transcriptRecordsTheEpochsAndBatchesThatRan() throws {
        let session = makeSession()
        for line in setup { run(session, line) }
        InterruptAt(epoch: 3, batch: 2).wire(session)
        let shown = run(session, "train epochs=5 batch=8 lr=0.02 # a comment")
        #expect(shown.contains("recorded as `train batch=8 lr=0.02 epochs=2 partial=2`, which replays to these weights"))
        let entry = try #require(session.state.transcript.last)
        #expect(entry.input == "train batch=8 lr=0.02 epochs=2 partial=2")
        #expect(entry.output.contains { $0.hasPrefix("epoch 2/3  loss") })
        #expect(entry.output.contains("stopped after batch 2 of epoch 3 (partial=2): the weights so far are kept"))
        #expect(!entry.output.contains { $0.contains("Ctrl-C") })
    }

    @Test func savedNotebookChecksAndReplaysToTheSameWeights() throws {
        try inScratchFolder { session, dir in
            for line in setup { run(session, line) }
            InterruptAt(epoch: 4, batch: 3).wire(session)
            run(session, "train epochs=20 batch=8;")
            session.isCancelled = { false }
            run(session, "save session n.rnn")
            let notebook = try String(contentsOf: dir.appendingPathComponent("n.rnn"), encoding: .utf8)
            #expect(notebook.contains("train batch=8 epochs=3 partial=3;"))
            let (code, out, err) = try rnnbook(["check", dir.appendingPathComponent("n.rnn").path])
            #expect(code == 0, "\(out)\(err)")
            let same = try replaysToTheSameModel(session, in: dir)
            #expect(same)
        }
    }

    @Test func ctrlCInTheMiddleOfATapeBatchReplaysToTheSameWeights() throws {
        try inScratchFolder { session, dir in
            // Peepholes: no fused kernel, so the batches run on the tape, which asks at every step.
            run(session, "data recall n=40 length=6 seed=1", "net lstm hidden=4 in=auto out=auto peephole")
            // Asked before each epoch's first batch, at each of a batch's 6 steps and after it; 4 batches an epoch:
            // the 40th question is in the middle of epoch 2's second batch.
            let asked = Counter()
            session.isCancelled = { asked.next() >= 40 }
            let shown = run(session, "train epochs=5 batch=8")
            #expect(shown.contains("recorded as `train batch=8 epochs=2 partial=1`, which replays to these weights"), "\(shown)")
            session.isCancelled = { false }
            let same = try replaysToTheSameModel(session, in: dir)
            #expect(same)
        }
    }

    @Test func partialZeroStopsBeforeTheLastEpochsFirstBatch() {
        let session = makeSession()
        for line in setup { run(session, line) }
        let before = session.network?.namedParameters.map(\.parameter.value)
        let out = run(session, "train epochs=1 batch=8 partial=0")
        #expect(out.contains("stopped before the first batch of epoch 2 (partial=0): the weights so far are kept"), "\(out)")
        #expect(session.network?.namedParameters.map(\.parameter.value) == before)
    }

    /// Runs `body` on a new session whose files go to a new scratch folder (removed afterwards).
    private func inScratchFolder(_ body: (Session, URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = makeSession()
        session.baseDirectory = dir.path
        try body(session, dir)
    }

    /// Saves the session's notebook and model in `dir`, replays the notebook in
    /// a new session, and says whether its model file is the same bytes.
    private func replaysToTheSameModel(_ session: Session, in dir: URL) throws -> Bool {
        run(session, "save session n.rnn", "save model a.safetensors")
        let replayed = makeSession()
        replayed.baseDirectory = dir.path
        run(replayed, "load session n.rnn", "save model b.safetensors")
        return try Data(contentsOf: dir.appendingPathComponent("a.safetensors")) == Data(contentsOf: dir.appendingPathComponent("b.safetensors"))
    }

    @Test func partialStopsTheLastEpochAtThatBatch() {
        let session = makeSession()
        for line in setup { run(session, line) }
        let out = run(session, "train epochs=2 batch=8 partial=3")
        #expect(out.contains("stopped after batch 3 of epoch 3 (partial=3): the weights so far are kept"))
        #expect(session.state.lossHistory.count == 2)
    }
}
