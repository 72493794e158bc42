#!/usr/bin/env python3
"""Reference numbers for Muon (torch.optim.Muon on the matrices, torch.optim.AdamW on the rest).

Regenerate (from the repository root; needs PyTorch 2.9 or later for torch.optim.Muon):

    python3 Tests/OptiscapeCoreTests/Reference/torch_muon.py \
        > Tests/OptiscapeCoreTests/TorchMuonReference.swift

The tests themselves never run Python: this script prints a Swift file with the numbers.

What is patched
---------------
torch's `_zeropower_via_newtonschulz` starts with `ortho_grad = grad.bfloat16()`: the Newton–Schulz
iterations run in bfloat16. optiscape runs them in float64, so this script replaces exactly that
one expression by `grad.clone()` (the function's source is read with `inspect`, the replacement is
asserted to happen once, and the result is installed as `torch.optim._muon._zeropower_via_newtonschulz`,
which `_single_tensor_muon` calls). Nothing else in torch.optim.Muon or AdamW is changed.

As the other reference scripts, this runs in a child process with PyTorch's portable kernels
(ATEN_CPU_CAPABILITY=default: no FMA contraction in lerp, mul, add) and a correctly rounded sqrt
in place of MKL's (AdamW's `exp_avg_sq.sqrt()`).

What is computed
----------------
`cases`: float64 tensors in a network's layout (weights [out, in], biases [out]), TENSOR_STEPS
steps with p.grad = 4p³ − a·p + b set directly (torch_parameter_vectors.gradient); the matrices
are stepped by `torch.optim.Muon(matrices, ...)`, the other tensors by
`torch.optim.AdamW(others, ..., foreach=False)`, the points recorded after each step. Each case
says whether its matrices are small enough for torch's `addmm` to sum as optiscape does
(`exact`): larger ones go to MKL's blocked FMA kernels and agree to rounding.
"""
import inspect
import json
import math
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_parameter_vectors import gradient, numel  # noqa: E402

TENSOR_STEPS = 8
NET = [("0.weight", [8, 2]), ("0.bias", [8]), ("2.weight", [2, 8]), ("2.bias", [2])]
WIDE = [("0.weight", [3, 5]), ("0.bias", [3]), ("1.weight", [7, 3]), ("1.bias", [7]), ("2.weight", [1, 7])]
LARGE = [("0.weight", [16, 2]), ("0.bias", [16]), ("2.weight", [16, 16]), ("2.bias", [16]), ("4.weight", [3, 16])]

# name, Swift `Hyperparameters(...)` arguments, Muon kwargs, AdamW kwargs, layout, exact.
CASES = [
    ("muon defaults", "", {}, {}, NET, True),
    ("muon lr + weight decay", "lr: 0.02, weightDecay: 0.05, adamwLr: 0.01",
     dict(lr=0.02, weight_decay=0.05), dict(lr=0.01), NET, True),
    ("muon without nesterov, match-rms-adamw, own coefficients",
     "lr: 0.05, momentum: 0.8, nesterov: false, beta1: 0.8, beta2: 0.99, eps: 1e-5, weightDecay: 0.01, "
     "nsA: 3, nsB: -3.2, nsC: 1.2, nsSteps: 3, adjustLrFn: true, adamwLr: 0.02, adamwWeightDecay: 0.1, adamwEps: 1e-6",
     dict(lr=0.05, momentum=0.8, nesterov=False, eps=1e-5, weight_decay=0.01, ns_coefficients=(3.0, -3.2, 1.2),
          ns_steps=3, adjust_lr_fn="match_rms_adamw"),
     dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1), WIDE, True),
    ("muon momentum 0, nesterov", "lr: 0.03, momentum: 0", dict(lr=0.03, momentum=0.0), {}, WIDE, True),
    ("muon 16x16", "lr: 0.02", dict(lr=0.02), {}, LARGE, False),
]


def run():
    import torch
    import torch.optim._muon as muon_module
    from torch.utils._python_dispatch import TorchDispatchMode

    torch.set_default_dtype(torch.float64)
    assert torch.backends.cpu.get_cpu_capability() == "DEFAULT", "ATEN_CPU_CAPABILITY=default was not honoured"

    source = inspect.getsource(muon_module._zeropower_via_newtonschulz)
    assert source.count("grad.bfloat16()") == 1, "torch's Newton–Schulz changed: revisit the patch"
    namespace = dict(muon_module.__dict__)
    exec(source.replace("grad.bfloat16()", "grad.clone()"), namespace)
    muon_module._zeropower_via_newtonschulz = namespace["_zeropower_via_newtonschulz"]

    counts = {"sqrt": 0}

    def ieee_sqrt(t):
        flat = [math.sqrt(v) if v >= 0 else math.nan for v in t.reshape(-1).tolist()]
        return torch.tensor(flat, dtype=t.dtype).reshape(t.shape)

    class IEEESqrt(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            if func is torch.ops.aten.sqrt.default:
                counts["sqrt"] += 1
                return ieee_sqrt(args[0])
            if func is torch.ops.aten.sqrt_.default:
                counts["sqrt"] += 1
                return args[0].copy_(ieee_sqrt(args[0]))
            if "sqrt" in str(func):
                raise RuntimeError(f"unexpected {func}")
            return func(*args, **kwargs)

    cases = []
    for index, (name, swift_hyper, muon_kwargs, adamw_kwargs, shapes, exact) in enumerate(CASES):
        rng = random.Random(20261202 + index)
        n = sum(numel(s) for _, s in shapes)
        start = [rng.uniform(-1, 1) for _ in range(n)]
        a = [rng.uniform(0.5, 2) for _ in range(n)]
        b = [rng.uniform(-0.5, 0.5) for _ in range(n)]
        ps, i = [], 0
        for _, s in shapes:
            k = numel(s)
            ps.append(torch.tensor(start[i:i + k]).reshape(s).requires_grad_())
            i += k
        matrices = [p for p in ps if p.ndim == 2]
        others = [p for p in ps if p.ndim != 2]
        muon = torch.optim.Muon(matrices, **muon_kwargs)
        adamw = torch.optim.AdamW(others, **adamw_kwargs, foreach=False) if others else None
        points = []
        for _ in range(TENSOR_STEPS):
            flat = [v for p in ps for v in p.detach().reshape(-1).tolist()]
            g, i = gradient(flat, a, b), 0
            for p in ps:
                k = p.numel()
                p.grad = torch.tensor(g[i:i + k]).reshape(p.shape)
                i += k
            with IEEESqrt():
                muon.step()
                if adamw:
                    adamw.step()
            points.append([v for p in ps for v in p.detach().reshape(-1).tolist()])
            assert all(math.isfinite(v) for v in points[-1]), name
        def call(ctor, group, kwargs):
            return f"{ctor}({', '.join([group] + [f'{k}={v!r}' for k, v in kwargs.items()])})"
        torch_call = call("Muon", "matrices", muon_kwargs) + " + " + call("AdamW", "others", adamw_kwargs)
        cases.append(dict(name=name, hyper=swift_hyper, torch=torch_call, shapes=shapes, exact=exact,
                          start=start, a=a, b=b, points=points))
    assert counts["sqrt"] > 0, counts
    return dict(torch=torch.__version__, cases=cases, counts=counts)


def doubles(v, indent):
    rows = [", ".join(repr(float(x)) for x in v[i:i + 4]) for i in range(0, len(v), 4)]
    return "[\n" + ",\n".join(" " * (indent + 4) + r for r in rows) + ",\n" + " " * indent + "]"


def layout(shapes):
    return "TensorLayout([" + ", ".join(f"({json.dumps(nm)}, {list(s)})" for nm, s in shapes) + "])"


def emit(data):
    w = print
    w("// Generated by Tests/OptiscapeCoreTests/Reference/torch_muon.py -- do not edit by hand;")
    w("// rerun the script to regenerate (see its docstring).")
    w("//")
    w(f"// PyTorch {data['torch']}, float64, portable kernels (ATEN_CPU_CAPABILITY=default), IEEE sqrt")
    w(f"// ({data['counts']['sqrt']} sqrt calls replaced); Newton–Schulz in float64 (`grad.bfloat16()` → `grad.clone()`).")
    w(f"// {TENSOR_STEPS} steps with g = 4p³ − a·p + b: Muon on the matrices, AdamW on the other tensors.")
    w("")
    w("@testable import OptiscapeCore")
    w("")
    w("enum TorchMuonReference {")
    w("    struct Case: Sendable {")
    w("        var name: String")
    w("        var spec: OptimizerSpec")
    w("        /// The `torch.optim` calls that produced `points`.")
    w("        var torch: String")
    w("        var layout: TensorLayout")
    w("        /// Whether every matrix product is small enough for torch to sum it as optiscape does.")
    w("        var exact: Bool")
    w("        var start: [Double], a: [Double], b: [Double]")
    w("        /// All tensors' elements, back to back, after each step.")
    w("        var points: [[Double]]")
    w("    }")
    w("")
    w("    static let cases: [Case] = [")
    for c in data["cases"]:
        w(f"        Case(name: {json.dumps(c['name'])}, spec: OptimizerSpec(.muon, Hyperparameters({c['hyper']})),")
        w(f"             torch: {json.dumps(c['torch'])},")
        w(f"             layout: {layout(c['shapes'])}, exact: {'true' if c['exact'] else 'false'},")
        w(f"             start: {doubles(c['start'], 13)},")
        w(f"             a: {doubles(c['a'], 13)},")
        w(f"             b: {doubles(c['b'], 13)},")
        w("             points: [")
        for pt in c["points"]:
            w(f"                 {doubles(pt, 17)},")
        w("             ]),")
    w("    ]")
    w("}")


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--run":
        print(json.dumps(run()))
    else:
        env = dict(os.environ, ATEN_CPU_CAPABILITY="default")
        out = subprocess.run([sys.executable, __file__, "--run"], env=env, check=True,
                             capture_output=True, text=True).stdout
        emit(json.loads(out))
