#!/usr/bin/env python3
"""Reference trajectories of `torch.optim.LBFGS` (float64), with and without its strong-Wolfe
line search, for optiscape's `lbfgs`.

Regenerate (from the repository root; needs only `pip install torch`):

    python3 Tests/OptiscapeCoreTests/Reference/torch_lbfgs.py \
        > Tests/OptiscapeCoreTests/TorchLBFGSReference.swift

What is computed
----------------
Each case takes STEPS calls of `opt.step(closure)` and records the parameters after each.
The closure sets `p.grad` directly to the gradient optiscape computes, operation for
operation, and returns the loss optiscape computes (plain IEEE doubles in Python), so that
the comparison is of L-BFGS's own arithmetic (its dots, `add_`, two-loop recursion,
`_strong_wolfe`, `_cubic_interpolate`) and nothing else:

* 2-D: Rosenbrock (1 − x)² + 100(y − x²)² through optiscape's dual numbers (`Dual` of
  torch_reference.py), and the rotated quadratic ½(u² + κv²) of `quadratic` (κ = 10, θ = 30°);
* multi-tensor: a [3, 2] matrix and a [3] vector, f = Σ pᵢ⁴ − aᵢpᵢ²/2 + bᵢpᵢ summed in index
  order, g = 4p³ − a·p + b.

As torch_reference.py, this runs in a child process with ATEN_CPU_CAPABILITY=default (the
portable kernels, no FMA contraction). L-BFGS uses no sqrt except in `_cubic_interpolate`,
which takes it of a 0-d tensor (correctly rounded).

Stock PyTorch (its AVX2 kernels, which fuse `a + s*b` into an FMA) agrees with these numbers
only approximately, and L-BFGS amplifies a last-bit difference over its 20 inner iterations
per step: measured on 2026-12-02 (torch 2.13, x86-64), the largest relative difference over
the 6 steps was 1.7e-4 (plain L-BFGS on Rosenbrock), 3.1e-7 (history 3 with strong Wolfe),
≤ 6.2e-13 for the others.

On multi-tensor parameters (9 elements) PyTorch's `dot` of 3 or more elements is MKL's
`ddot` and `abs().sum()` is vectorised; their summation orders are not the in-order sums
optiscape uses, so those cases agree to within an ulp (the Swift test allows two), not bit
for bit. On 2-D points every sum has one order, and they agree bit for bit.
"""
import json
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_reference import Dual, rosenbrock_gradient  # noqa: E402

STEPS = 6


def rosenbrock(p):
    x, y = p
    u = 1.0 - x
    v = y - x * x
    return u * u + v * v * 100.0, list(rosenbrock_gradient(x, y))


def quadratic(p, kappa=10.0, angle=30.0):
    """optiscape's `Quadratic.f` in dual numbers."""
    t = angle * math.pi / 180
    c, s = math.cos(t), math.sin(t)
    dx, dy = Dual(p[0], 1.0, 0.0), Dual(p[1], 0.0, 1.0)
    u = dx * c + dy * s
    v = dy * c - dx * s
    r = (u * u + v * v * kappa) * 0.5
    return r.value, [r.dx, r.dy]


A = [1.3, 0.7, 1.9, 0.55, 1.1, 1.6, 0.9, 1.45, 0.8]
B = [0.2, -0.35, 0.1, 0.45, -0.05, 0.3, -0.25, 0.15, -0.4]
SHAPES = [("0.weight", [3, 2]), ("0.bias", [3])]


def quartic(p):
    f = 0.0
    for x, a, b in zip(p, A, B):
        f += x * x * x * x - a * x * x / 2 + b * x
    return f, [4.0 * x * x * x - a * x + b for x, a, b in zip(p, A, B)]


# name, loss, start, Swift `Hyperparameters(...)` arguments, torch keyword arguments.
CASES = [
    ("rosenbrock", rosenbrock, [-1.5, 2.0], "", {}),
    ("rosenbrock+strongWolfe", rosenbrock, [-1.5, 2.0], "lineSearch: true", dict(line_search_fn="strong_wolfe")),
    ("rosenbrock+strongWolfe+history3", rosenbrock, [-1.5, 2.0], "maxIter: 7, historySize: 3, lineSearch: true",
     dict(max_iter=7, history_size=3, line_search_fn="strong_wolfe")),
    ("rosenbrock+lr+maxEval", rosenbrock, [0.5, -0.5], "lr: 0.1, maxEval: 9, toleranceChange: 1e-6",
     dict(lr=0.1, max_eval=9, tolerance_change=1e-6)),
    ("quadratic", quadratic, [2.0, 1.0], "lr: 0.5", dict(lr=0.5)),
    ("quadratic+strongWolfe", quadratic, [2.0, 1.0], "lineSearch: true", dict(line_search_fn="strong_wolfe")),
    ("multiTensor", quartic, [0.9, -0.8, 0.3, 1.1, -1.2, 0.6, 0.05, -0.4, 1.0], "lr: 0.2", dict(lr=0.2)),
    ("multiTensor+strongWolfe", quartic, [0.9, -0.8, 0.3, 1.1, -1.2, 0.6, 0.05, -0.4, 1.0], "lineSearch: true",
     dict(line_search_fn="strong_wolfe")),
]


def run():
    import torch

    torch.set_default_dtype(torch.float64)
    assert torch.backends.cpu.get_cpu_capability() == "DEFAULT", "ATEN_CPU_CAPABILITY=default was not honoured"
    out = []
    for name, loss, start, swift_hyper, kw in CASES:
        shapes = SHAPES if len(start) == 9 else [("p", [2])]
        ps, i = [], 0
        for _, s in shapes:
            k = math.prod(s)
            ps.append(torch.tensor(start[i:i + k]).reshape(s))
            i += k
        opt = torch.optim.LBFGS(ps, **kw)
        evals = [0]

        def closure():
            flat = [v for p in ps for v in p.reshape(-1).tolist()]
            f, g = loss(flat)
            j = 0
            for p in ps:
                k = p.numel()
                p.grad = torch.tensor(g[j:j + k]).reshape(p.shape)
                j += k
            evals[0] += 1
            return torch.tensor(f)

        points = []
        for _ in range(STEPS):
            opt.step(closure)
            points.append([v for p in ps for v in p.reshape(-1).tolist()])
        state = opt.state[ps[0]]
        out.append(dict(name=name, loss=loss.__name__, start=start, hyper=swift_hyper, torch=repr(kw), points=points,
                        funcEvals=state["func_evals"], nIter=state["n_iter"]))
    return dict(torch=torch.__version__, cases=out)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(run()))
        return
    env = dict(os.environ, ATEN_CPU_CAPABILITY="default")
    r = json.loads(subprocess.run([sys.executable, __file__, "--child"], env=env, check=True,
                                  capture_output=True, text=True).stdout)
    print("// Generated by Tests/OptiscapeCoreTests/Reference/torch_lbfgs.py with PyTorch " + r["torch"] + ".")
    print("// Do not edit: regenerate with the script.")
    print("@testable import OptiscapeCore")
    print("")
    print("enum TorchLBFGSReference {")
    print("    struct Case: Sendable {")
    print("        var name: String, loss: String, start: [Double], hyper: Hyperparameters")
    print("        /// The parameters after each `step(closure)`.")
    print("        var points: [[Double]]")
    print("        /// PyTorch's `state[\"func_evals\"]` and `state[\"n_iter\"]` after the last step.")
    print("        var funcEvals: Int, nIter: Int")
    print("    }")
    print("    static let cases: [Case] = [")
    for c in r["cases"]:
        print(f"        // torch.optim.LBFGS(params, {c['torch']})")
        print(f"        Case(name: \"{c['name']}\", loss: \"{c['loss']}\", start: {[float(v) for v in c['start']]!r},")
        print(f"             hyper: Hyperparameters({c['hyper']}),")
        print("             points: [")
        for p in c["points"]:
            print("                 [" + ", ".join(repr(float(v)) for v in p) + "],")
        print(f"             ], funcEvals: {c['funcEvals']}, nIter: {c['nIter']}),")
    print("    ]")
    print("}")


if __name__ == "__main__":
    main()
