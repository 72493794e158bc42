// The loops of network_tanh.h, each compiled three times for x86-64 — baseline (SSE2), AVX2 and
// AVX-512 — and picked by the CPU at run time (`__builtin_cpu_supports`, which also checks that
// the OS saves the wide registers). Only the vector width differs: contraction is off, so no
// width fuses a multiply-add, and every width gives the scalar function's bits.
#include "network_tanh.h"

#include <stdlib.h>

#pragma STDC FP_CONTRACT OFF

/* Four vectors in flight: the dependency chain of one tanh is ~40 operations long. */
#define OPTISCAPE_LOOP _Pragma("clang loop interleave_count(4)") for (long e = 0; e < count; e++)

#define OPTISCAPE_KERNELS(suffix, attribute)                                                          \
    attribute static void values_##suffix(const double *z, double *a, long count) { \
        OPTISCAPE_LOOP a[e] = optiscape_tanh(z[e]);                                                   \
    }                                                                                                 \
    attribute static void first_##suffix(const double *z, double *a,               \
                                         double *d1, long count) {                           \
        OPTISCAPE_LOOP {                                                                              \
            double t = optiscape_tanh(z[e]);                                                          \
            a[e] = t;                                                                                 \
            d1[e] = 1.0 - t * t;                                                                      \
        }                                                                                             \
    }                                                                                                 \
    attribute static void second_##suffix(const double *z, double *a,              \
                                          double *d1, double *d2, long count) {     \
        OPTISCAPE_LOOP {                                                                              \
            double t = optiscape_tanh(z[e]), d = 1.0 - t * t;                                         \
            a[e] = t;                                                                                 \
            d1[e] = d;                                                                                \
            d2[e] = -2.0 * t * d;                                                                     \
        }                                                                                             \
    }

OPTISCAPE_KERNELS(w2, )
#if defined(__x86_64__)
OPTISCAPE_KERNELS(w4, __attribute__((target("avx2"))))
OPTISCAPE_KERNELS(w8, __attribute__((target("avx512f"))))
#endif

static int cpu_width(void) {
#if defined(__x86_64__)
    __builtin_cpu_init(); /* idempotent; needed only if called before the constructors ran */
    if (__builtin_cpu_supports("avx512f")) return 8;
    if (__builtin_cpu_supports("avx2")) return 4;
#endif
    return 2;
}

/* The CPU's width, narrowed by OPTISCAPE_TANH_WIDTH=2|4 if set (to measure the narrower loops);
   worked out once. */
int optiscape_tanh_width(void) {
    static int cached = 0;
    int w = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (w) return w;
    w = cpu_width();
    const char *env = getenv("OPTISCAPE_TANH_WIDTH");
    if (env) {
        int asked = atoi(env);
        if (asked >= 2 && asked < w) w = asked >= 4 ? 4 : 2;
    }
    __atomic_store_n(&cached, w, __ATOMIC_RELAXED);
    return w;
}

int optiscape_tanh_values_at_width(int width, const double *z, double *a, long count) {
    int best = cpu_width();
    int w = width < best ? width : best;
#if defined(__x86_64__)
    if (w >= 8) { values_w8(z, a, count); return 8; }
    if (w >= 4) { values_w4(z, a, count); return 4; }
#endif
    values_w2(z, a, count);
    return 2;
}

void optiscape_tanh_values(const double *z, double *a, long count) {
#if defined(__x86_64__)
    int w = optiscape_tanh_width();
    if (w == 8) { values_w8(z, a, count); return; }
    if (w == 4) { values_w4(z, a, count); return; }
#endif
    values_w2(z, a, count);
}

void optiscape_tanh_values_first(const double *z, double *a, double *d1, long count) {
#if defined(__x86_64__)
    int w = optiscape_tanh_width();
    if (w == 8) { first_w8(z, a, d1, count); return; }
    if (w == 4) { first_w4(z, a, d1, count); return; }
#endif
    first_w2(z, a, d1, count);
}

void optiscape_tanh_values_second(const double *z, double *a, double *d1, double *d2, long count) {
#if defined(__x86_64__)
    int w = optiscape_tanh_width();
    if (w == 8) { second_w8(z, a, d1, d2, count); return; }
    if (w == 4) { second_w4(z, a, d1, d2, count); return; }
#endif
    second_w2(z, a, d1, d2, count);
}
