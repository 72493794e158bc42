#!/usr/bin/env python3
"""Reference numbers for the optimizer rules on multi-tensor parameters (networks' θ).

Regenerate (from the repository root; needs only `pip install torch`):

    python3 Tests/OptiscapeCoreTests/Reference/torch_parameter_vectors.py \
        > Tests/OptiscapeCoreTests/TorchParameterVectorReference.swift

What is computed
----------------
`torch.optim` applies its rules per parameter tensor. Here the parameters are several
float64 tensors (a [3, 2] matrix and a [3] vector, as a tiny `nn.Linear`'s weight and bias);
each case takes STEPS steps of `torch.optim.<Optimizer>(..., foreach=False)`. The gradient is
set directly (`p.grad = ...`), element by element g = 4p³ − a·p + b with fixed a, b (plain
IEEE products and sums, so Swift computes the same doubles), so that the test compares the
optimizers' arithmetic and nothing else. The Swift test runs the same rule on a `FlatVector`
holding the tensors back to back with their layout, and requires the same bits.

Also `torch.nn.utils.clip_grad_norm_` over several tensors (total norm = norm of the tensors'
norms; PyTorch's vectorised summation order matters from 8 elements per tensor on), including
the shapes of a 2-16-16-2 MLP (354 parameters).

As torch_reference.py does, this runs PyTorch's portable kernels (ATEN_CPU_CAPABILITY=default,
no FMA contraction) with a correctly rounded sqrt in place of MKL's (see that script's
docstring), in a child process.
"""
import json
import math
import os
import random
import subprocess
import sys

STEPS = 8
SHAPES = [("0.weight", [3, 2]), ("0.bias", [3])]

# name, optiscape kind, Swift `Hyperparameters(...)` arguments, torch constructor.
CONFIGS = [
    ("adam+weightDecay", "adam", "lr: 0.05, weightDecay: 0.1", "Adam(ps, lr=0.05, weight_decay=0.1)"),
    ("adamw+amsgrad", "adamw", "lr: 0.05, beta2: 0.6, weightDecay: 0.5, amsgrad: true",
     "AdamW(ps, lr=0.05, betas=(0.9, 0.6), weight_decay=0.5, amsgrad=True)"),
    ("sgd+nesterov+weightDecay", "sgd", "lr: 0.01, momentum: 0.7, nesterov: true, weightDecay: 0.05",
     "SGD(ps, lr=0.01, momentum=0.7, nesterov=True, weight_decay=0.05)"),
    ("momentum+dampening", "momentum", "lr: 0.01, momentum: 0.8, dampening: 0.5",
     "SGD(ps, lr=0.01, momentum=0.8, dampening=0.5)"),
    ("rmsprop+centered+momentum", "rmsprop", "lr: 0.005, momentum: 0.9, alpha: 0.9, weightDecay: 0.1, centered: true",
     "RMSprop(ps, lr=0.005, alpha=0.9, momentum=0.9, centered=True, weight_decay=0.1)"),
    ("adagrad+lrDecay", "adagrad", "lr: 0.1, weightDecay: 0.1, initialAccumulator: 0.5, lrDecay: 0.1",
     "Adagrad(ps, lr=0.1, lr_decay=0.1, weight_decay=0.1, initial_accumulator_value=0.5)"),
    ("adadelta", "adadelta", "lr: 2, eps: 1e-4, rho: 0.5, weightDecay: 0.1",
     "Adadelta(ps, lr=2.0, rho=0.5, eps=1e-4, weight_decay=0.1)"),
]

MLP_SHAPES = [("0.weight", [16, 2]), ("0.bias", [16]), ("2.weight", [16, 16]), ("2.bias", [16]),
              ("4.weight", [2, 16]), ("4.bias", [2])]
CLIP_CASES = [  # (shapes, max_norm, seed)
    (SHAPES, 1.0, 1), (SHAPES, 100.0, 2), ([("a", [9]), ("b", [2, 4]), ("c", [1])], 0.5, 3),
    (MLP_SHAPES, 1.0, 4), (MLP_SHAPES, 1e6, 5),
]


def gradient(p, a, b):
    """g = 4p³ − a·p + b element-wise, evaluated left to right (as the Swift test does)."""
    return [4.0 * x * x * x - y * x + z for x, y, z in zip(p, a, b)]


def numel(shape):
    return math.prod(shape)


def run():
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode

    torch.set_default_dtype(torch.float64)
    assert torch.backends.cpu.get_cpu_capability() == "DEFAULT", "ATEN_CPU_CAPABILITY=default was not honoured"

    def ieee_sqrt(t):
        flat = [math.sqrt(v) if v >= 0 else math.nan for v in t.reshape(-1).tolist()]
        return torch.tensor(flat, dtype=t.dtype).reshape(t.shape)

    class IEEESqrt(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            if func is torch.ops.aten.sqrt.default:
                return ieee_sqrt(args[0])
            if func is torch.ops.aten.sqrt_.default:
                return args[0].copy_(ieee_sqrt(args[0]))
            if "sqrt" in str(func):
                raise RuntimeError(f"unexpected {func}")
            return func(*args, **kwargs)

    rng = random.Random(20261202)
    n = sum(numel(s) for _, s in SHAPES)
    start = [rng.uniform(-1, 1) for _ in range(n)]
    a = [rng.uniform(0.5, 2) for _ in range(n)]
    b = [rng.uniform(-0.5, 0.5) for _ in range(n)]

    def split(flat, shapes):
        out, i = [], 0
        for _, s in shapes:
            k = numel(s)
            out.append(torch.tensor(flat[i:i + k]).reshape(s))
            i += k
        return out

    cases = []
    for name, kind, swift_hyper, ctor in CONFIGS:
        ps = [t.requires_grad_() for t in split(start, SHAPES)]
        opt = eval("torch.optim." + ctor[:-1] + ", foreach=False)", {"torch": torch, "ps": ps})
        points = []
        for _ in range(STEPS):
            flat = [v for p in ps for v in p.detach().reshape(-1).tolist()]
            for p, g in zip(ps, split(gradient(flat, a, b), SHAPES)):
                p.grad = g
            with IEEESqrt():
                opt.step()
            points.append([v for p in ps for v in p.detach().reshape(-1).tolist()])
            assert all(math.isfinite(v) for v in points[-1]), name
        cases.append(dict(name=name, kind=kind, hyper=swift_hyper, torch=ctor, points=points))

    clips = []
    for shapes, max_norm, seed in CLIP_CASES:
        r = random.Random(seed)
        flat = [r.uniform(-3, 3) * 10.0 ** r.randint(-2, 2) for _ in range(sum(numel(s) for _, s in shapes))]
        ps = [torch.zeros(s, requires_grad=True) for _, s in shapes]
        for p, g in zip(ps, split(flat, shapes)):
            p.grad = g
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm, foreach=False)
        clips.append(dict(shapes=shapes, maxNorm=max_norm, gradient=flat, norm=total.item(),
                          clipped=[v for p in ps for v in p.grad.reshape(-1).tolist()]))
    return dict(torch=torch.__version__, start=start, a=a, b=b, cases=cases, clips=clips)


def swift_doubles(v, indent):
    rows = [", ".join(repr(float(x)) for x in v[i:i + 4]) for i in range(0, len(v), 4)]
    return "[\n" + ",\n".join(" " * (indent + 4) + r for r in rows) + ",\n" + " " * indent + "]"


def swift_layout(shapes):
    return "TensorLayout([" + ", ".join(f"({json.dumps(nm)}, {list(s)})" for nm, s in shapes) + "])"


def emit(data):
    w = print
    w("// Generated by Tests/OptiscapeCoreTests/Reference/torch_parameter_vectors.py -- do not edit by")
    w("// hand; rerun the script to regenerate (see its docstring).")
    w("//")
    w(f"// PyTorch {data['torch']}, float64, portable kernels (ATEN_CPU_CAPABILITY=default), IEEE sqrt.")
    w(f"// Parameters: tensors {SHAPES}; {STEPS} steps with g = 4p³ − a·p + b.")
    w("")
    w("@testable import OptiscapeCore")
    w("")
    w("enum TorchParameterVectorReference {")
    w("    struct Case: Sendable {")
    w("        var name: String")
    w("        var spec: OptimizerSpec")
    w("        /// The `torch.optim` call that produced `points`.")
    w("        var torch: String")
    w("        /// All tensors' elements, back to back, after each step.")
    w("        var points: [[Double]]")
    w("    }")
    w("    struct Clip: Sendable {")
    w("        var layout: TensorLayout, maxNorm: Double, gradient: [Double], norm: Double, clipped: [Double]")
    w("    }")
    w("")
    w(f"    static let layout = {swift_layout(SHAPES)}")
    w(f"    static let start: [Double] = {swift_doubles(data['start'], 4)}")
    w(f"    static let a: [Double] = {swift_doubles(data['a'], 4)}")
    w(f"    static let b: [Double] = {swift_doubles(data['b'], 4)}")
    w("")
    w("    static let cases: [Case] = [")
    for c in data["cases"]:
        w(f"        Case(name: {json.dumps(c['name'])}, spec: OptimizerSpec(.{c['kind']}, Hyperparameters({c['hyper']})),")
        w(f"             torch: {json.dumps(c['torch'])},")
        w("             points: [")
        for pt in c["points"]:
            w(f"                {swift_doubles(pt, 16)},")
        w("             ]),")
    w("    ]")
    w("")
    w("    static let clips: [Clip] = [")
    for c in data["clips"]:
        w(f"        Clip(layout: {swift_layout(c['shapes'])}, maxNorm: {float(c['maxNorm'])!r},")
        w(f"             gradient: {swift_doubles(c['gradient'], 13)},")
        w(f"             norm: {c['norm']!r},")
        w(f"             clipped: {swift_doubles(c['clipped'], 13)}),")
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
