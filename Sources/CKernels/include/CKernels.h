#ifndef RNNBOOK_CKERNELS_H
#define RNNBOOK_CKERNELS_H

/// Elementwise functions for the fused path, in place over `count` floats:
/// Cephes' expf (range reduction by ln 2, a degree-6 polynomial), the
/// sigmoid from it, and tanh (an odd polynomial below 0.625, 1 − 2/(e²ˣ+1)
/// above). Written in C so the compiler can build AVX-512, AVX2 and baseline
/// versions and pick one at load time for the CPU it runs on (Swift's SIMD
/// types compile for the baseline's 4-wide SSE only). Accurate to a few ulp.
void rnnbook_exp(float *x, long count);
void rnnbook_sigmoid(float *x, long count);
void rnnbook_tanh(float *x, long count);

/// Keeps large allocations in the heap (glibc's mallopt thresholds raised to
/// 1 GB) so buffers freed and allocated again every batch are not unmapped,
/// faulted in and zeroed each time. Does nothing without glibc.
void rnnbook_keep_large_buffers_in_heap(void);

#endif
