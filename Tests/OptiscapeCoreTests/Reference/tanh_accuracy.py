"""The accuracy of the network engine's tanh (Sources/OptiscapeCore/Networks/NetworkTanh.swift).

Run from the repository root:
    /work/venv/bin/python Tests/OptiscapeCoreTests/Reference/tanh_accuracy.py [--count N]   # N points per sample (default 10^7: ~2 GB of memory, a few minutes)
    /work/venv/bin/python Tests/OptiscapeCoreTests/Reference/tanh_accuracy.py --coefficients

It compiles Sources/CNetworkTanh with tanh_dump.swift (clang -O2, swiftc -O), which compares optiscape_tanh
with glibc's tanh on N points of each sample (uniform on [-20, 20]; |x| log-uniform from the
smallest subnormal to 20; within 2^-20 relative of the points (j + 1/2)·ln2/2 where the
exponent k of the range reduction changes) and that the array loops at every vector width give
the scalar function's bits. Every point is then checked against tanh in x87 long double (numpy),
and the 20 worst of each function again to 40 digits (mpmath): the error in ulps of the exact
value (ulp = 2^(e-53) for |exact| in [2^(e-1), 2^e)).

--coefficients prints R(ρ) ≈ (e^ρ − 1 − ρ − ρ²/2)/ρ³ on |ρ| ≤ ln2/2 (Chebyshev fit, mpmath) as
Swift hex literals, and the fit's error relative to e^ρ − 1 on a grid.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

import mpmath as mp
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
mp.mp.dps = 40


def coefficients(degree=9):
    half = mp.log(2) / 2 * (1 + mp.mpf(2) ** -20)

    def R(r):
        if abs(r) < mp.mpf(10) ** -12:
            return mp.mpf(1) / 6 + r / 24 + r ** 2 / 120
        return (mp.exp(r) - 1 - r - r * r / 2) / r ** 3

    poly = mp.chebyfit(R, [-half, half], degree + 1)
    c = [float(x) for x in poly][::-1]
    for i, x in enumerate(c):
        print(f"    c{i} = {x.hex()}")
    worst = 0
    for i in range(4001):
        r = -half + 2 * half * i / 4000
        if r == 0:
            continue
        v = mp.mpf(0)
        for ci in reversed(c):
            v = v * r + mp.mpf(ci)
        worst = max(worst, abs(r ** 3 * (v - R(r)) / mp.expm1(r)))
    print(f"fit error relative to e^ρ − 1: 2^{float(mp.log(worst, 2)):.1f}")


def ulp_error(y, exact):
    """(y − exact) in ulps of exact."""
    if exact == 0:
        return 0.0 if y == 0 else float("inf")
    _, e = mp.frexp(exact)  # |exact| = m·2^e, m in [1/2, 1)
    return float((mp.mpf(y) - exact) / mp.ldexp(1, max(e - 53, -1074)))


def ulp_errors_long(y, x):
    """(y − tanh x) in ulps of tanh x, tanh in x87 long double (64-bit significand: its own
    error is ~2^-11 of a double's ulp), for whole arrays."""
    exact = np.tanh(x.astype(np.longdouble))
    _, e = np.frexp(exact)
    ulp = np.ldexp(np.longdouble(1), np.maximum(e - 53, -1074))
    err = (y.astype(np.longdouble) - exact) / ulp
    return np.where(exact == 0, np.where(y == 0, 0, np.inf), err).astype(np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000_000)
    ap.add_argument("--coefficients", action="store_true")
    args = ap.parse_args()
    if args.coefficients:
        coefficients()
        return
    tmp = tempfile.mkdtemp()
    exe = os.path.join(tmp, "tanh_dump")
    c = os.path.join(ROOT, "Sources/CNetworkTanh")
    obj = os.path.join(tmp, "network_tanh.o")
    subprocess.run(["clang", "-O2", "-I", os.path.join(c, "include"), "-c", os.path.join(c, "network_tanh.c"),
                    "-o", obj], check=True)
    subprocess.run(["swiftc", "-O", "-parse-as-library", "-import-objc-header",
                    os.path.join(c, "include", "network_tanh.h"), os.path.join(HERE, "tanh_dump.swift"), obj,
                    "-o", exe], check=True)
    overall = {"ours": 0.0, "glibc": 0.0}
    for sample, seed in [("uniform", 1), ("log", 2), ("switch", 3)]:
        out = os.path.join(tmp, sample + ".bin")
        run = subprocess.run([exe, sample, str(args.count), str(seed), "1", out],
                             check=True, capture_output=True, text=True)
        print(run.stdout.strip())
        triples = np.fromfile(out, dtype="<f8").reshape(-1, 3)
        os.remove(out)
        x = triples[:, 0]
        for col, name in ((1, "ours"), (2, "glibc")):
            err = np.abs(ulp_errors_long(triples[:, col], x))
            # The 20 worst by long double, checked again to 40 digits.
            worst = max((abs(ulp_error(float(triples[i, col]), mp.tanh(mp.mpf(float(x[i]))))), float(x[i]))
                        for i in np.argsort(err)[-20:])
            print(f"  {name}: max error {err.max():.4f} ulp (long double, all {len(x)} points), "
                  f"{worst[0]:.4f} ulp to mpmath at the 20 worst (x = {worst[1]!r}); "
                  f"over 0.5 ulp at {int((err > 0.5).sum())} points")
            overall[name] = max(overall[name], worst[0])
    print(f"max error: ours {overall['ours']:.4f} ulp, glibc {overall['glibc']:.4f} ulp")
    return 0


if __name__ == "__main__":
    sys.exit(main())
