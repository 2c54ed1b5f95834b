import CSmallGemm
import Foundation

/// One time step's matrix product on the fused path, `C[m×n] += A[m×k]·B[k×n]`
/// (row-major, leading dimensions fixed for the whole sequence), planned once
/// per layer pass and run at every step.
///
/// libxsmm's JIT kernels read B in place; OpenBLAS packs B on every call,
/// which for a step's 16×256·256×1024 product is most of its time (libxsmm
/// ran it at 111 GFLOP/s on one core here, OpenBLAS at 61). Where libxsmm has
/// no kernel (an old CPU, a shape it refuses), OpenBLAS does the product.
struct StepProduct {
    let m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int
    private var plan = rnnbook_gemm_plan()
    private let planned: Bool

    /// `RNNBOOK_SMALL_GEMM=blas` in the environment uses OpenBLAS for every step (to measure what libxsmm gives).
    private static let libxsmmEnabled = ProcessInfo.processInfo.environment["RNNBOOK_SMALL_GEMM"] != "blas"

    init(m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int) {
        self.m = m; self.n = n; self.k = k; self.lda = lda; self.ldb = ldb; self.ldc = ldc
        planned = Self.libxsmmEnabled && m > 0 && n > 0 && k > 0
            && rnnbook_gemm_plan_make(&plan, Int32(m), Int32(n), Int32(k), Int32(lda), Int32(ldb), Int32(ldc), 1) == 1
    }

    /// `c += a · b`, on the calling thread.
    func run(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>) {
        if planned {
            withUnsafePointer(to: plan) { rnnbook_gemm_plan_run($0, a, b, c) }
        } else {
            BLAS.sgemm(m: m, n: n, k: k, a, lda: lda, b, ldb: ldb, beta: 1, c, ldc: ldc, threaded: false)
        }
    }
}
