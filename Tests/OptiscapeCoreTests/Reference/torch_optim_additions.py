#!/usr/bin/env python3
"""Reference numbers for the torch.optim additions: NAdam, RAdam, Adamax, ASGD, Rprop, Adafactor.

Regenerate (from the repository root; needs only `pip install torch`, 2.5 or later for Adafactor):

    python3 Tests/OptiscapeCoreTests/Reference/torch_optim_additions.py \
        > Tests/OptiscapeCoreTests/TorchAdditionsReference.swift

The tests themselves never run Python: this script prints a Swift file with the numbers.

What is computed
----------------
As torch_reference.py and torch_parameter_vectors.py do (this script imports their helpers),
in a child process running PyTorch's portable kernels (ATEN_CPU_CAPABILITY=default: no FMA
contraction) with a correctly rounded sqrt in place of MKL's (`rsqrt`, which Adafactor uses,
is checked to be 1/sqrt correctly rounded and passes through):

* `planar`: one float64 parameter of shape [2] from START on Rosenbrock, STEPS steps of
  `torch.optim.<Optimizer>(..., foreach=False)` with the gradient of optiscape's forward-mode
  `Dual2` (see torch_reference.py), recording the point and the optimizer's state tensors
  after every step (scalars such as ASGD's eta and NAdam's mu_product as one-element lists).
* `averaging`: `torch.optim.swa_utils.AveragedModel` of a one-parameter module, created at the
  first of AVERAGED_POINTS and updated after setting the parameter to each (the first update
  copies it): with its default averaging (Polyak's running mean; on the CPU, which has no
  foreach kernels, `get_swa_avg_fn`: x̄ + (x − x̄)/(n + 1)) and with
  `avg_fn=get_ema_avg_fn(0.9)` (β·x̄ + (1 − β)·x).
* `tensors`: several float64 tensors (a [3, 2] weight and a [3] bias; for Adafactor also a
  [5, 12] matrix, a [2, 3, 4] tensor and a scalar, which exercise its row/column factors, the
  four-lane norms from 8 elements on and the batched factors of a rank-3 tensor), TENSOR_STEPS
  steps with p.grad = 4p³ − a·p + b set directly, the points recorded.
"""
import json
import math
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_reference import rosenbrock_gradient  # noqa: E402
from torch_parameter_vectors import gradient, numel  # noqa: E402

START = (-1.5, 2.0)
STEPS = 12
TENSOR_STEPS = 8
SMALL = [("0.weight", [3, 2]), ("0.bias", [3])]
LARGE = [("0.weight", [5, 12]), ("0.bias", [5]), ("t", [2, 3, 4]), ("s", [])]

# name, optiscape kind, Swift `Hyperparameters(...)` arguments, torch constructor.
PLANAR = [
    ("nadam defaults", "nadam", "", "NAdam(ps)"),
    ("nadam", "nadam", "lr: 0.05", "NAdam(ps, lr=0.05)"),
    ("nadam+betas+eps+momentumDecay+weightDecay", "nadam",
     "lr: 0.05, beta1: 0.8, beta2: 0.9, eps: 1e-3, weightDecay: 0.1, momentumDecay: 0.1",
     "NAdam(ps, lr=0.05, betas=(0.8, 0.9), eps=1e-3, weight_decay=0.1, momentum_decay=0.1)"),
    ("nadam+decoupledWeightDecay", "nadam", "lr: 0.05, weightDecay: 0.5, decoupledWeightDecay: true",
     "NAdam(ps, lr=0.05, weight_decay=0.5, decoupled_weight_decay=True)"),
    ("radam defaults", "radam", "", "RAdam(ps)"),
    # RAdam's first steps (rho_t <= 5) are momentum SGD: a small lr, or Rosenbrock diverges.
    ("radam+betas+eps+weightDecay", "radam", "lr: 0.0005, beta1: 0.5, beta2: 0.9, eps: 1e-3, weightDecay: 0.1",
     "RAdam(ps, lr=0.0005, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.1)"),
    ("radam+decoupledWeightDecay", "radam", "lr: 0.0005, weightDecay: 0.5, decoupledWeightDecay: true",
     "RAdam(ps, lr=0.0005, weight_decay=0.5, decoupled_weight_decay=True)"),
    ("adamax defaults", "adamax", "", "Adamax(ps)"),
    ("adamax+betas+eps+weightDecay", "adamax", "lr: 0.05, beta1: 0.5, beta2: 0.9, eps: 1e-3, weightDecay: 0.1",
     "Adamax(ps, lr=0.05, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.1)"),
    # ASGD's default lr 1e-2 diverges on Rosenbrock from START; its other defaults are kept.
    ("asgd", "asgd", "lr: 0.001", "ASGD(ps, lr=0.001)"),
    ("asgd+lambd+alpha+t0+weightDecay", "asgd", "lr: 0.001, alpha: 0.5, weightDecay: 0.1, lambd: 10, t0: 3",
     "ASGD(ps, lr=0.001, lambd=10.0, alpha=0.5, t0=3.0, weight_decay=0.1)"),
    ("rprop defaults", "rprop", "", "Rprop(ps)"),
    ("rprop+etas+stepSizes", "rprop", "lr: 0.1, etaMinus: 0.3, etaPlus: 1.5, stepSizeMin: 0.01, stepSizeMax: 0.2",
     "Rprop(ps, lr=0.1, etas=(0.3, 1.5), step_sizes=(0.01, 0.2))"),
    ("adafactor defaults", "adafactor", "", "Adafactor(ps)"),
    ("adafactor+beta2Decay+d+eps+weightDecay", "adafactor",
     "lr: 0.05, weightDecay: 0.1, beta2Decay: -0.5, d: 2, eps1: 1e-3, eps2: 1e-2",
     "Adafactor(ps, lr=0.05, beta2_decay=-0.5, d=2.0, eps=(1e-3, 1e-2), weight_decay=0.1)"),
]

# name, kind, Swift arguments, torch constructor, layout.
TENSORS = [
    ("nadam+decoupledWeightDecay", "nadam", "lr: 0.05, weightDecay: 0.5, momentumDecay: 0.1, decoupledWeightDecay: true",
     "NAdam(ps, lr=0.05, weight_decay=0.5, momentum_decay=0.1, decoupled_weight_decay=True)", SMALL),
    ("radam+betas+weightDecay", "radam", "lr: 0.05, beta2: 0.9, weightDecay: 0.1",
     "RAdam(ps, lr=0.05, betas=(0.9, 0.9), weight_decay=0.1)", SMALL),
    ("adamax+weightDecay", "adamax", "lr: 0.05, weightDecay: 0.1", "Adamax(ps, lr=0.05, weight_decay=0.1)", SMALL),
    ("asgd+t0", "asgd", "lr: 0.01, alpha: 0.5, weightDecay: 0.1, lambd: 1, t0: 2",
     "ASGD(ps, lr=0.01, lambd=1.0, alpha=0.5, t0=2.0, weight_decay=0.1)", SMALL),
    ("rprop", "rprop", "lr: 0.05, etaMinus: 0.4, stepSizeMax: 0.1",
     "Rprop(ps, lr=0.05, etas=(0.4, 1.2), step_sizes=(1e-6, 0.1))", SMALL),
    ("adafactor defaults", "adafactor", "", "Adafactor(ps)", SMALL),
    ("adafactor+weightDecay", "adafactor", "lr: 0.05, weightDecay: 0.1, beta2Decay: -0.5, d: 2, eps2: 1e-2",
     "Adafactor(ps, lr=0.05, beta2_decay=-0.5, d=2.0, eps=(None, 1e-2), weight_decay=0.1)", SMALL),
    ("adafactor large tensors", "adafactor", "lr: 0.05, eps1: 1e-30",
     "Adafactor(ps, lr=0.05, eps=(1e-30, 1e-3))", LARGE),
]

# Optimizer state names -> the name the Swift test uses.
STATE_NAMES = {
    "exp_avg": "firstMoment", "exp_avg_sq": "secondMoment", "mu_product": "muProduct",
    "exp_inf": "infinityNorm", "eta": "eta", "mu": "mu", "ax": "average",
    "prev": "previousGradient", "step_size": "stepSize", "variance": "variance",
}


def run():
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode

    torch.set_default_dtype(torch.float64)
    assert torch.backends.cpu.get_cpu_capability() == "DEFAULT", "ATEN_CPU_CAPABILITY=default was not honoured"
    counts = {"sqrt": 0, "rsqrt": 0}

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
            if func in (torch.ops.aten.rsqrt.default, torch.ops.aten.rsqrt_.default):
                counts["rsqrt"] += 1
                before = args[0].reshape(-1).tolist()
                out = func(*args, **kwargs)
                for v, r in zip(before, out.reshape(-1).tolist()):
                    assert v < 0 or r == 1 / math.sqrt(v), f"rsqrt({v!r}) = {r!r} is not 1/sqrt"
                return out
            if "sqrt" in str(func):
                raise RuntimeError(f"unexpected {func}")
            return func(*args, **kwargs)

    def make(ctor, ps):
        return eval("torch.optim." + ctor[:-1] + (", " if ctor[-2] != "(" else "") + "foreach=False)",
                    {"torch": torch, "ps": ps})

    def state_of(opt, ps):
        out = {}
        for p in ps:
            for k, v in opt.state[p].items():
                if k == "step":
                    continue
                out.setdefault(STATE_NAMES[k], []).extend(v.reshape(-1).tolist())
        return out

    planar = []
    for name, kind, swift_hyper, ctor in PLANAR:
        p = torch.tensor(START, requires_grad=True)
        opt = make(ctor, [p])
        points, states, rhos = [], [], []
        for step in range(1, STEPS + 1):
            p.grad = torch.tensor(rosenbrock_gradient(*p.tolist()))
            with IEEESqrt():
                opt.step()
            points.append(p.tolist())
            states.append(state_of(opt, [p]))
            assert all(math.isfinite(v) for v in points[-1]), name
            if kind == "radam":
                b2 = opt.param_groups[0]["betas"][1]
                rhos.append(2 / (1 - b2) - 1 - 2 * step * b2 ** step / (1 - b2 ** step) > 5)
        if kind == "radam":  # the run must cross the rectification switch
            assert not rhos[0] and rhos[-1], f"{name}: rho_t > 5 {rhos}"
        if kind == "asgd" and "t0" in swift_hyper:  # the average must have left the iterate
            assert states[-1]["average"] != points[-1], name
        if kind == "rprop":  # a sign change must have zeroed a gradient
            assert any(0.0 in s["previousGradient"] for s in states), name
        planar.append(dict(name=name, kind=kind, hyper=swift_hyper, torch=ctor, points=points, states=states))

    tensors = []
    for index, (name, kind, swift_hyper, ctor, shapes) in enumerate(TENSORS):
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
        opt = make(ctor, ps)
        points = []
        for _ in range(TENSOR_STEPS):
            flat = [v for p in ps for v in p.detach().reshape(-1).tolist()]
            g, i = gradient(flat, a, b), 0
            for p in ps:
                k = p.numel()
                p.grad = torch.tensor(g[i:i + k]).reshape(p.shape)
                i += k
            with IEEESqrt():
                opt.step()
            points.append([v for p in ps for v in p.detach().reshape(-1).tolist()])
            assert all(math.isfinite(v) for v in points[-1]), name
        if kind == "adafactor":
            assert any("row_var" in opt.state[p] for p in ps), f"{name}: no factored tensor"
        tensors.append(dict(name=name, kind=kind, hyper=swift_hyper, torch=ctor, shapes=shapes,
                            start=start, a=a, b=b, points=points))
    assert counts["rsqrt"] > 0 and counts["sqrt"] > 0, counts

    from torch.optim.swa_utils import AveragedModel, get_ema_avg_fn
    rng = random.Random(8)
    averaged_points = [[rng.uniform(-3, 3), rng.uniform(-3, 3)] for _ in range(12)]
    module = torch.nn.Module()
    module.p = torch.nn.Parameter(torch.tensor(averaged_points[0]))
    polyak_model, ema_model = AveragedModel(module), AveragedModel(module, avg_fn=get_ema_avg_fn(0.9))
    polyak, ema = [], []
    for q in averaged_points:
        with torch.no_grad():
            module.p.copy_(torch.tensor(q))
        polyak_model.update_parameters(module)
        ema_model.update_parameters(module)
        polyak.append(polyak_model.module.p.tolist())
        ema.append(ema_model.module.p.tolist())
    averaging = dict(points=averaged_points, polyak=polyak, ema=ema)
    return dict(torch=torch.__version__, planar=planar, tensors=tensors, counts=counts, averaging=averaging)


def doubles(v, indent):
    rows = [", ".join(repr(float(x)) for x in v[i:i + 4]) for i in range(0, len(v), 4)]
    return "[\n" + ",\n".join(" " * (indent + 4) + r for r in rows) + ",\n" + " " * indent + "]"


def inline(v):
    return "[" + ", ".join(repr(float(x)) for x in v) + "]"


def layout(shapes):
    return "TensorLayout([" + ", ".join(f"({json.dumps(nm)}, {list(s)})" for nm, s in shapes) + "])"


def emit(data):
    w = print
    w("// Generated by Tests/OptiscapeCoreTests/Reference/torch_optim_additions.py -- do not edit by")
    w("// hand; rerun the script to regenerate (see its docstring).")
    w("//")
    w(f"// PyTorch {data['torch']}, float64, portable kernels (ATEN_CPU_CAPABILITY=default), IEEE sqrt")
    w(f"// ({data['counts']['sqrt']} sqrt calls replaced; {data['counts']['rsqrt']} rsqrt calls checked to be 1/sqrt).")
    w(f"// planar: {STEPS} steps from {START} on Rosenbrock (a = 1, b = 100).")
    w(f"// tensors: {TENSOR_STEPS} steps with g = 4p³ − a·p + b.")
    w("")
    w("@testable import OptiscapeCore")
    w("")
    w("enum TorchAdditionsReference {")
    w("    struct Planar: Sendable {")
    w("        var name: String")
    w("        var spec: OptimizerSpec")
    w("        /// The `torch.optim` call that produced `points`.")
    w("        var torch: String")
    w("        /// The point after each step.")
    w("        var points: [Vec2]")
    w("        /// The optimizer's state after each step, by the script's `STATE_NAMES`.")
    w("        var states: [[String: [Double]]]")
    w("    }")
    w("    struct Tensors: Sendable {")
    w("        var name: String")
    w("        var spec: OptimizerSpec")
    w("        var torch: String")
    w("        var layout: TensorLayout")
    w("        var start: [Double], a: [Double], b: [Double]")
    w("        /// All tensors' elements, back to back, after each step.")
    w("        var points: [[Double]]")
    w("    }")
    w("")
    w(f"    static let start = Vec2({START[0]!r}, {START[1]!r})")
    w("")
    w("    static let planar: [Planar] = [")
    for c in data["planar"]:
        w(f"        Planar(name: {json.dumps(c['name'])}, spec: OptimizerSpec(.{c['kind']}, Hyperparameters({c['hyper']})),")
        w(f"               torch: {json.dumps(c['torch'])},")
        w("               points: [")
        for pt in c["points"]:
            w(f"                   Vec2({pt[0]!r}, {pt[1]!r}),")
        w("               ],")
        w("               states: [")
        for st in c["states"]:
            w("                   [" + ", ".join(f"{json.dumps(k)}: {inline(v)}" for k, v in sorted(st.items())) + "],")
        w("               ]),")
    w("    ]")
    w("")
    av = data["averaging"]
    for key, doc in (("points", "The iterates x₀, x₁, … handed to `AveragedModel.update_parameters`."),
                     ("polyak", "`AveragedModel(module)` after each update: the running mean."),
                     ("ema", "`AveragedModel(module, avg_fn=get_ema_avg_fn(0.9))` after each update.")):
        w(f"    /// {doc}")
        w(f"    static let averaging{key[0].upper() + key[1:]}: [Vec2] = [")
        for pt in av[key]:
            w(f"        Vec2({pt[0]!r}, {pt[1]!r}),")
        w("    ]")
    w("")
    w("    static let tensors: [Tensors] = [")
    for c in data["tensors"]:
        w(f"        Tensors(name: {json.dumps(c['name'])}, spec: OptimizerSpec(.{c['kind']}, Hyperparameters({c['hyper']})),")
        w(f"                torch: {json.dumps(c['torch'])},")
        w(f"                layout: {layout(c['shapes'])},")
        w(f"                start: {doubles(c['start'], 16)},")
        w(f"                a: {doubles(c['a'], 16)},")
        w(f"                b: {doubles(c['b'], 16)},")
        w("                points: [")
        for pt in c["points"]:
            w(f"                    {doubles(pt, 20)},")
        w("                ]),")
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
