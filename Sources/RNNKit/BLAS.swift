import CBLAS
import Dispatch

/// OpenBLAS always runs on the calling thread; rnnbook splits a large product
/// across the cores itself. OpenBLAS's own pool spins in `sched_yield` for a
/// while after every threaded call, which stole a core from the fused path's
/// two threads (19% of an LSTM training profile), and before that a third of
/// the time of per-step GEMMs. One thread per call, and our own split for the
/// large products, keeps every core doing arithmetic.
private let cores: Int = {
    let available = Int(openblas_get_num_threads())
    openblas_set_num_threads(1)
    return max(1, available)
}()

/// Multiply-adds above which a product is split across the cores.
private let threadedWork = 1 << 22

/// Raw-pointer GEMM, for `Matrix.gemm` and for the fused kernels, which work
/// on sub-blocks of larger buffers (one time step's rows, half a batch):
/// row-major `C[m×n] = alpha·op(A)·op(B) + beta·C` with leading dimensions given.
enum BLAS {
    /// Cores the products may use (OpenBLAS's thread count at start-up, `OPENBLAS_NUM_THREADS`).
    static var maxThreads: Int { cores }

    /// One GEMM. A large one (`threaded`) is split by rows of C across the
    /// cores; `threaded: false` keeps it on the calling thread (the fused
    /// path's two halves of a batch each run their own).
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
        let parts = threaded && maxThreads > 1 && m >= 2 * 16 && m * n * k >= threadedWork ? min(maxThreads, 2) : 1
        if parts == 1 {
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        // Rows of C, and of op(A): rows of A, or its columns when transposed.
        let shared = Operands(a: a, b: b, c: c)
        let rowsPerPart = (m + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let r0 = part * rowsPerPart, rows = min(m, r0 + rowsPerPart) - r0
            guard rows > 0 else { return }
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(rows), Int32(n), Int32(k), alpha, shared.a + (transposeA ? r0 : r0 * lda), Int32(lda),
                        shared.b, Int32(ldb), beta, shared.c + r0 * ldc, Int32(ldc))
        }
    }

    /// Pointers the parts of one split product share (each writes its own rows of C).
    private struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Float>
        let b: UnsafePointer<Float>
        let c: UnsafeMutablePointer<Float>
    }
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
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                c.data.withUnsafeMutableBufferPointer { pc in
                    BLAS.sgemm(m: m, n: n, k: k, alpha: alpha, pa.baseAddress!, lda: a.cols, transposeA: transposeA,
                               pb.baseAddress!, ldb: b.cols, transposeB: transposeB, beta: beta, pc.baseAddress!, ldc: n)
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
