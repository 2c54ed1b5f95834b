#include "CKernels.h"
#include <stdint.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// One version per instruction set, chosen when the library loads (an ifunc).
#if defined(__x86_64__) && defined(__clang__)
#define VECTOR_VERSIONS __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define VECTOR_VERSIONS
#endif

static inline float clampf(float x, float low, float high) { return x < low ? low : (x > high ? high : x); }

static inline float expf_poly(float x) {
    x = clampf(x, -87.3f, 88.3f);
    // Rounds x·log2(e) to an integer n by adding 1.5·2^23: n then sits in the low mantissa bits.
    float shifted = x * 1.44269504088896341f + 12582912.0f;
    float n = shifted - 12582912.0f;
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    uint32_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    uint32_t exponent = (bits - 0x4B400000u + 127u) << 23;
    float scale;
    memcpy(&scale, &exponent, sizeof scale);
    return p * scale;
}

VECTOR_VERSIONS void rnnbook_exp(float *x, long count) {
    for (long i = 0; i < count; i++) x[i] = expf_poly(x[i]);
}

VECTOR_VERSIONS void rnnbook_sigmoid(float *x, long count) {
    for (long i = 0; i < count; i++) x[i] = 1.0f / (1.0f + expf_poly(-x[i]));
}

VECTOR_VERSIONS void rnnbook_tanh(float *x, long count) {
    for (long i = 0; i < count; i++) {
        float v = x[i];
        float e = expf_poly(2.0f * clampf(v, -9.0f, 9.0f));
        float far = 1.0f - 2.0f / (e + 1.0f);
        float z = v * v;
        float p = -5.70498872745e-3f;
        p = p * z + 2.06390887954e-2f;
        p = p * z - 5.37397155531e-2f;
        p = p * z + 1.33314422036e-1f;
        p = p * z - 3.33332819422e-1f;
        float near = v + v * z * p;
        float magnitude = v < 0 ? -v : v;
        x[i] = magnitude >= 0.625f ? far : near;
    }
}

void rnnbook_keep_large_buffers_in_heap(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
