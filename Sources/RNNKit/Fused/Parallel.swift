import Dispatch

/// Splits elementwise work that is large enough across the two cores (the
/// fused path's gather, scatter, bias sums and loss, which otherwise run on
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

extension Matrix {
    /// Sum over rows (as `sumRows`), the columns split across the cores when large.
    func columnSums() -> Matrix {
        var out = Matrix(rows: 1, cols: cols)
        let rows = self.rows, cols = self.cols
        data.withUnsafeBufferPointer { d in
            out.data.withUnsafeMutableBufferPointer { o in
                let source = SharedPointer(UnsafeMutablePointer(mutating: d.baseAddress!)), target = SharedPointer(o.baseAddress!)
                Parallel.ranges(cols, work: rows * cols) { range in
                    for r in 0..<rows {
                        let row = source.base + r * cols
                        for c in range { target.base[c] += row[c] }
                    }
                }
            }
        }
        return out
    }
}
