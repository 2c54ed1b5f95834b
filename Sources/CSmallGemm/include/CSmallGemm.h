#ifndef RNNBOOK_CSMALLGEMM_H
#define RNNBOOK_CSMALLGEMM_H

/// A row-major product `C[m×n] = A[m×k]·B[k×n] + beta·C` (leading dimensions
/// lda, ldb, ldc) run as libxsmm JIT kernels over column tiles of C: no
/// packing of B on every call, which is what OpenBLAS spends most of a small
/// product's time on (an RNN step multiplies the same weights 64 times).
typedef struct {
    void *tile;       ///< kernel for a full tile of columns
    void *rest;       ///< kernel for the last, narrower tile (or NULL)
    int tileWidth;
    int n;
} rnnbook_gemm_plan;

/// Fills `plan`; returns 0 when libxsmm has no kernel for this shape or this
/// CPU (the caller then uses BLAS), 1 when the plan is ready.
int rnnbook_gemm_plan_make(rnnbook_gemm_plan *plan, int m, int n, int k, int lda, int ldb, int ldc, float beta);

/// Runs a plan made by `rnnbook_gemm_plan_make`.
void rnnbook_gemm_plan_run(const rnnbook_gemm_plan *plan, const float *a, const float *b, float *c);

#endif
