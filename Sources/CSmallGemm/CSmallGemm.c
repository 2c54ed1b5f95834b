#include "CSmallGemm.h"
#include <libxsmm.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// libxsmm is column-major: row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ, where
// the row-major B read column-major is Bᵀ. So each kernel computes a tile of
// `width` columns of C for all m rows: kernel(m = width, n = m, k), its "A"
// the tile of B (leading dimension ldb), its "B" our A (lda), C by ldc.
static void *dispatch(int width, int m, int k, int lda, int ldb, int ldc, float beta) {
    libxsmm_blasint mm = width, nn = m, kk = k, la = ldb, lb = lda, lc = ldc;
    float alpha = 1;
    int flags = LIBXSMM_GEMM_FLAG_NONE;
    return (void *)libxsmm_smmdispatch(mm, nn, kk, &la, &lb, &lc, &alpha, &beta, &flags, NULL);
}

int rnnbook_gemm_plan_make(rnnbook_gemm_plan *plan, int m, int n, int k, int lda, int ldb, int ldc, float beta) {
    if (m <= 0 || n <= 0 || k <= 0) return 0;
    int width = n < 64 ? n : 64;
    plan->tileWidth = width;
    plan->n = n;
    plan->tile = dispatch(width, m, k, lda, ldb, ldc, beta);
    plan->rest = n % width ? dispatch(n % width, m, k, lda, ldb, ldc, beta) : NULL;
    return plan->tile != NULL && (n % width == 0 || plan->rest != NULL);
}

void rnnbook_gemm_plan_run(const rnnbook_gemm_plan *plan, const float *a, const float *b, float *c) {
    libxsmm_smmfunction tile = (libxsmm_smmfunction)plan->tile, rest = (libxsmm_smmfunction)plan->rest;
    int j = 0;
    for (; j + plan->tileWidth <= plan->n; j += plan->tileWidth) tile(b + j, a, c + j);
    if (j < plan->n) rest(b + j, a, c + j);
}

