#ifndef OPTISCAPE_COPENBLAS_SHIM_H
#define OPTISCAPE_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface (cblas_dgemm, cblas_ddot, …) and its thread control
// (openblas_set_num_threads). pkg-config "openblas" points at Debian's pthread build:
// /usr/include/x86_64-linux-gnu/openblas-pthread/cblas.h.
#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

// A DYNAMIC_ARCH OpenBLAS (Debian's) picks its kernels for the CPU when it loads. A CPU newer
// than the library (OpenBLAS 0.3.21 on a 2023 Xeon) is not recognised, and it falls back to
// its SSE3 "Prescott" kernels, at half the speed or less. These two functions re-run that
// choice; they exist only in DYNAMIC_ARCH builds, hence weak (null elsewhere).
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

// The kernel family this CPU and its OS can run, by OpenBLAS's core names: "SkylakeX" for
// AVX-512 (F, CD, BW, DQ, VL with the OS saving the zmm state), "Haswell" for AVX2 and FMA
// (ymm state saved), NULL otherwise or off x86-64.
static inline const char *optiscape_cpu_kernel(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return NULL;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!(fma && osxsave && avx)) return NULL;
    unsigned xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 0x6) != 0x6) return NULL;              // xmm and ymm state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return NULL;
    int avx2 = (b >> 5) & 1;
    int avx512 = ((b >> 16) & 1) && ((b >> 17) & 1) && ((b >> 28) & 1) && ((b >> 30) & 1) && ((b >> 31) & 1);
    if (avx512 && (xcr0_lo & 0xe0) == 0xe0) return "SkylakeX";   // opmask, zmm 0-15 high, zmm 16-31
    return avx2 ? "Haswell" : NULL;
#else
    return NULL;
#endif
}

// When OpenBLAS fell back to its generic Prescott kernels although the CPU can run a better
// family, switch to that family (as OPENBLAS_CORETYPE would at start-up) and return its name;
// otherwise change nothing and return NULL. A user's own OPENBLAS_CORETYPE is left alone. Call
// before the first BLAS call of the process, from one thread.
static inline const char *optiscape_blas_choose_kernel(void) {
    if (getenv("OPENBLAS_CORETYPE") || !gotoblas_dynamic_init || !gotoblas_dynamic_quit) return NULL;
    const char *now = openblas_get_corename();
    const char *better = optiscape_cpu_kernel();
    if (!now || !better || strcasecmp(now, "prescott") != 0) return NULL;
    setenv("OPENBLAS_CORETYPE", better, 1);
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
    unsetenv("OPENBLAS_CORETYPE");
    return better;
}
#endif
