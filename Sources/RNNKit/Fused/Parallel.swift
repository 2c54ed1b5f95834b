import Dispatch

/// Splits elementwise work that is large enough across the two cores (the
/// fused path's gather, scatter, bias sums (`Matrix.sumRows`) and loss, which otherwise run on
/// one core between the parallel recurrences). Parts are fixed halves, so
/// results do not depend on timing.
enum Parallel {
    /// Work (multiply-adds, roughly) below which one thread does it all.
    static let minimumWork = 1 << 18

    /// Calls `body` on one or two consecutive ranges covering `0..<count`,
    /// concurrently when there are two and `work` is large enough.
    static func ranges(_ count: Int, work: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard BLAS.maxThreads >= 2, count >= 2, work >= minimumWork else {
            if count > 0 { body(0..<count) }
            return
        }
        let half = count / 2
        DispatchQueue.concurrentPerform(iterations: 2) { body($0 == 0 ? 0..<half : half..<count) }
    }
}
