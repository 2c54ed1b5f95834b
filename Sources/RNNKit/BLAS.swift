import CBLAS
import Synchronization

/// OpenBLAS's thread count for the last GEMM (0: not set yet). Small
/// products run on one thread: for an RNN step's GEMMs the pool's hand-off
/// and spinning cost more than the second core gains (a profile of LSTM
/// training spent a third of its time in `sched_yield`). Large products use
/// every core.
private let blasThreads = Atomic<Int>(0)
private let blasMaxThreads = Int(openblas_get_num_threads())

/// Multiply-adds above which a product is split across threads.
private let threadedWork = 1 << 24

private func useThreads(for work: Int) {
    setBLASThreads(work >= threadedWork ? blasMaxThreads : 1)
}

private func setBLASThreads(_ wanted: Int) {
    if blasThreads.exchange(wanted, ordering: .relaxed) != wanted { openblas_set_num_threads(Int32(wanted)) }
}

/// Raw-pointer GEMM for the fused kernels, which work on sub-blocks of larger
/// buffers (one time step's rows, half a batch): row-major
/// `C[m×n] = alpha·op(A)·op(B) + beta·C` with leading dimensions given.
enum BLAS {
    /// Cores OpenBLAS may use.
    static var maxThreads: Int { blasMaxThreads }

    /// One GEMM. `threaded: false` keeps it on the calling thread (the
    /// recurrence on two halves of a batch runs two of them at once).
    static func sgemm(
        m: Int, n: Int, k: Int, alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int, threaded: Bool = true
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for r in 0..<m { for j in 0..<n { c[r * ldc + j] = beta == 0 ? 0 : beta * c[r * ldc + j] } }
            return
        }
        if threaded { useThreads(for: m * n * k) }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Makes every following GEMM single-threaded until a threaded one asks
    /// again: called before two threads each run their own GEMMs.
    static func useOneThread() { setBLASThreads(1) }
}

extension Matrix {
    /// `C = alpha * op(A) * op(B) + beta * C` through OpenBLAS's `cblas_sgemm`,
    /// where `op` transposes when asked. `c` must already have the result shape.
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0, into c: inout Matrix
    ) {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
        precondition(c.rows == m && c.cols == n, "gemm: result is \(c.rows)x\(c.cols), needs \(m)x\(n)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { c.data = [Float](repeating: 0, count: c.count) } else { c = c * beta }
            return
        }
        useThreads(for: m * n * k)
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                c.data.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(
                        CblasRowMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha,
                        pa.baseAddress, Int32(a.cols),
                        pb.baseAddress, Int32(b.cols),
                        beta, pc.baseAddress, Int32(n))
                }
            }
        }
    }

    /// `op(A) * op(B)` as a new matrix.
    public static func matmul(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false) -> Matrix {
        var c = Matrix(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }
}
