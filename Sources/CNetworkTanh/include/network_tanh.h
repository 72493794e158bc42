#ifndef OPTISCAPE_NETWORK_TANH_H
#define OPTISCAPE_NETWORK_TANH_H

#include <stdint.h>
#include <string.h>

/// The network engine's tanh (issue #15): within one ulp of the exact value (glibc's `tanh`, which
/// torch calls, is up to about 2 off), branch-free so that the loops over a layer vectorise, and
/// in plain double arithmetic — no fused multiply-add (contraction is off for this header), no
/// fast-math — so that every loop below, whatever vector width the CPU runs it at, and the scalar
/// function give the same bits. `OptiscapeCore.NetworkTanh` is its Swift face.
///
/// Method, for a = |x| (clamped to 20, where tanh is 1 in double):
///
///     tanh a = M / D,   M = 1 − e^{−2a},   D = 1 + e^{−2a} = 2 − M,
///
/// with e^{−2a} = 2^k·(1 + p), k = round(−2a / ln 2), ρ = −2a − k·ln 2 (a two-part ln 2, so ρ
/// carries its rounding error as ρ_lo), |ρ| ≤ ln 2 / 2, and p = e^ρ − 1 = ρ + ρ²/2 + ρ³·R(ρ) with
/// R a degree-9 polynomial (Chebyshev fit, relative error 2^−58.5 of p; evaluated by Estrin's
/// scheme, which shortens the dependency chain). p is a double-double (ρ + ρ²/2 by a fast two-sum;
/// the rounding of ρ² itself, ≤ 2^−56 of p, is left), M = (1 − 2^k) − 2^k·p by exact two-sums, and
/// the quotient is corrected by its residual M − t·D, computed exactly against D's 26-bit high
/// part, times 1/D = (1 + t)/2 (no second division). No branch is needed for small a: there k = 0
/// and M = −p is exact to the last bits without cancellation against 1, so tiny a gives back a
/// exactly. The sign is x's (±0 kept); ±∞ give ±1, NaN NaN.
///
/// Accuracy (2026-12-03, `Tests/OptiscapeCoreTests/Reference/tanh_accuracy.py`, its default 3·10⁷
/// points: uniform on [−20, 20], log-uniform |x| from the least subnormal, and beside the switch
/// points of k; x87 long double at all, mpmath at the worst): at most 0.64 ulp (0.5 would be
/// correctly rounded; 0.04 % of the uniform sample is over it), the worst for a ≤ ln 2 / 4, where k = 0,
/// and just past it; glibc's tanh 2.12 ulp.

#pragma STDC FP_CONTRACT OFF

/// Veltkamp's split: the high 26 bits of v (|v| ≤ 4 here); v minus it is exact.
static inline double optiscape_tanh_high(double v) {
    double c = 134217729.0 * v; /* 2^27 + 1 */
    return c - (c - v);
}

/// tanh(x), within one ulp.
static inline double optiscape_tanh(double x) {
    const double log2e = 0x1.71547652b82fep+0, shifter = 0x1.8p52;
    /* ln 2 = ln2Hi + ln2Lo, ln2Hi with 32 trailing zero bits (fdlibm's split): k·ln2Hi is exact. */
    const double ln2Hi = 0x1.62e42fee00000p-1, ln2Lo = 0x1.a39ef35793c76p-33;
    /* R(ρ) ≈ (e^ρ − 1 − ρ − ρ²/2) / ρ³ on |ρ| ≤ ln 2 / 2 (`tanh_accuracy.py --coefficients`). */
    const double c0 = 0x1.5555555555556p-3, c1 = 0x1.5555555555555p-5, c2 = 0x1.11111111109b5p-7,
                 c3 = 0x1.6c16c16c167e2p-10, c4 = 0x1.a01a01a7c2f2cp-13, c5 = 0x1.a01a01a47a5abp-16,
                 c6 = 0x1.71de0db2eb873p-19, c7 = 0x1.27e4e1f71bcbbp-22, c8 = 0x1.af389eea54156p-26,
                 c9 = 0x1.1f66d957d0ef0p-29;

    double a = __builtin_fabs(x);
    double ac = a > 20.0 ? 20.0 : a; /* NaN stays NaN; ±∞ → 20, whose tanh rounds to 1 */
    double y = -2.0 * ac;

    /* k = round(y / ln 2) by the 1.5·2^52 shifter (k ends up in the low bits), 2^k from them. */
    double shifted = y * log2e + shifter;
    double kd = shifted - shifter;
    uint64_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + 1023) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);

    /* ρ = y − k·ln 2 as rh + rl: k·ln2Hi is exact and y − k·ln2Hi too (Sterbenz). */
    double r0 = y - kd * ln2Hi;
    double kl = kd * ln2Lo;
    double rh = r0 - kl;
    double rl = (r0 - rh) - kl;

    /* p = e^ρ − 1 as ph + pl. */
    double sq = rh * rh, s4 = sq * sq;
    double e01 = c0 + c1 * rh, e23 = c2 + c3 * rh, e45 = c4 + c5 * rh, e67 = c6 + c7 * rh, e89 = c8 + c9 * rh;
    double poly = (e01 + sq * e23) + s4 * ((e45 + sq * e67) + s4 * e89);
    double cubic = rh * sq * poly;
    double half = 0.5 * sq;
    double p0 = rh + half; /* |ρ²/2| ≤ |ρ|: a fast two-sum */
    double p1 = ((rh - p0) + half) + (cubic + rl * (1.0 + rh));
    /* Renormalised (|p1| ≤ 0.006 is more than an ulp of p0), so that M's and D's low parts stay
       below an ulp of their high parts and mh / dh is within an ulp of M / D. */
    double ph = p0 + p1;
    double pl = (p0 - ph) + p1;

    /* M = 1 − 2^k(1 + p) = (1 − 2^k) − 2^k·p; 1 − 2^k is a two-sum (2^k ≤ 1), and
       |2^k·p| ≤ 0.21 ≤ 1 − 2^k unless k = 0, where 1 − 2^k = 0: both fast two-sums exact. */
    double ch = 1.0 - scale;
    double cl = (1.0 - ch) - scale;
    double sph = scale * ph, spl = scale * pl;
    double mh = ch - sph;
    double ml = ((ch - mh) - sph) + (cl - spl);

    /* D = 2 − M (0 ≤ M ≤ 1). */
    double dh = 2.0 - mh;
    double dl = ((2.0 - dh) - mh) - ml;

    /* t = M / D: the rounded quotient th, then th + (M − th·D)/D. With D = dHi + tail (dHi the
       26-bit high part of dh), th·dHi = thHi·dHi + thLo·dHi exactly; M − thHi·dHi is exact
       (Sterbenz), and what is left is 2^−26 of M, so its roundings are 2^−79 of t. */
    double th = mh / dh;
    double dHi = optiscape_tanh_high(dh), tail = (dh - dHi) + dl;
    double thHi = optiscape_tanh_high(th), thLo = th - thHi;
    double residual = (((mh - thHi * dHi) - thLo * dHi) + ml) - th * tail;
    double t = th + residual * (0.5 + 0.5 * th); /* 1/D = (1 + M/D)/2 */
    return __builtin_copysign(t, x);
}

/// a[e] = tanh(z[e]) for e < count, at the widest vector width the CPU has (same bits at every width).
void optiscape_tanh_values(const double *z, double *a, long count);

/// a = tanh(z) and d1 = 1 − a² (σ').
void optiscape_tanh_values_first(const double *z, double *a, double *d1, long count);

/// a = tanh(z), d1 = 1 − a² (σ') and d2 = −2·a·d1 (σ'').
void optiscape_tanh_values_second(const double *z, double *a, double *d1, double *d2, long count);

/// The vector width (doubles) that the calls above run at on this CPU: 8 (AVX-512), 4 (AVX2) or
/// 2 (SSE2, every x86-64; also what other architectures report). Chosen at run time, so the
/// binary stays built for any x86-64; the environment variable OPTISCAPE_TANH_WIDTH=2 or 4 narrows
/// it (read once), to measure what a machine without the wider units gets. The bits are the same.
int optiscape_tanh_width(void);

/// `optiscape_tanh_values` at a given width (2, 4 or 8; one the CPU lacks falls back to a narrower
/// one), for the tests that check every width gives the same bits. Returns the width used.
int optiscape_tanh_values_at_width(int width, const double *z, double *a, long count);

#endif
