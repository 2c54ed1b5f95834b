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
