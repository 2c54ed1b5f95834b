import Foundation
import Testing
@testable import Notebook

/// Ctrl-C stops `eval` between batches (issue 16): nothing is shown or kept
/// for `expect`, and the next `eval` measures as before.
@Test func anInterruptedEvalMeasuresNothing() throws {
    let session = makeSession()
    run(session, "data slots n=200 seed=1", "net elman hidden=4 in=auto out=auto", "eval")
    let before = session.state.lastEvaluation
    let polled = Counter()
    session.isCancelled = { polled.next() > 2 }
    let outcome = session.execute("eval train")
    #expect(outcome.error?.message == "eval interrupted (Ctrl-C): nothing was measured")
    #expect(polled.value > 2)
    #expect(session.state.lastEvaluation == before)
    session.isCancelled = { false }
    #expect(session.execute("eval").output.first?.hasPrefix("valid: 40 sentences") == true)
}

/// Counts the times it is asked.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
    var value: Int { lock.withLock { count } }
}
