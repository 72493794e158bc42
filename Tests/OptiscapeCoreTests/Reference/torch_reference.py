#!/usr/bin/env python3
"""Reference numbers for optiscape's optimizer tests, computed with PyTorch (float64).

Regenerate (from the repository root; needs only `pip install torch`):

    python3 Tests/OptiscapeCoreTests/Reference/torch_reference.py \
        > Tests/OptiscapeCoreTests/TorchReference.swift

The tests themselves never run Python: this script prints a Swift file with the numbers.

What is computed
----------------
For every optimizer configuration below, one 2-element float64 parameter `p` starts at
START and takes STEPS updates of `torch.optim.<Optimizer>(..., foreach=False)` on the
Rosenbrock loss (1 - x)^2 + 100 (y - x^2)^2 (`loss.backward(); opt.step()`), recording
the point and the optimizer state after every step. Also `torch.nn.utils.clip_grad_norm_`
on a few gradients, and the element-wise kernels the optimizers are built from (`add` with
alpha, `addcmul`, `addcdiv`, `lerp`, ...) on random inputs: a last-bit difference in a step
is often absorbed when it is added to x, so these pin the arithmetic down directly.

Two runs, in two child processes:

* "strict": PyTorch's portable reference kernels (`ATEN_CPU_CAPABILITY=default`, so the
  compiler has not fused `a + s*b` into one FMA as the AVX2 kernels do) and a correctly
  rounded (IEEE 754) `sqrt`: x86 builds of PyTorch take tensor `sqrt` from Intel MKL's
  `vdSqrt`, which is off by one unit in the last place for about 1 in 75 inputs; builds
  without MKL (ARM, macOS) use the IEEE square root. This is PyTorch's algorithm,
  operation by operation, in plain IEEE double arithmetic -- what optiscape implements --
  and the Swift tests require bit-for-bit equality with it.
* "stock": PyTorch exactly as installed (AVX2 kernels with FMA, MKL sqrt). The tests
  compare with a small relative tolerance, printed below from the observed deviation.

The gradient. optiscape differentiates the Rosenbrock formula in forward mode (dual
numbers), reverse-mode autograd multiplies the same factors in another order, so the two
gradients can differ in the last bit (checked below: a few ulps at most). To compare
optimizer arithmetic and not differentiation order, the loss is a custom autograd
Function whose forward is the Rosenbrock formula in torch and whose backward returns the
gradient computed with exactly the operations of optiscape's `Dual2` (mirrored by `Dual`
below).
"""
import json
import math
import os
import random
import subprocess
import sys

START = (-1.5, 2.0)
STEPS = 10

# name, optiscape kind, Swift `Hyperparameters(...)` arguments, torch constructor.
# Written out twice on purpose: the Swift side reads like the user's options.
CONFIGS = [
    ("sgd", "sgd", "lr: 0.001", "SGD(ps, lr=0.001)"),
    ("sgd+weightDecay", "sgd", "lr: 0.001, weightDecay: 0.1", "SGD(ps, lr=0.001, weight_decay=0.1)"),
    ("momentum", "momentum", "lr: 0.0005", "SGD(ps, lr=0.0005, momentum=0.9)"),
    ("momentum+dampening", "momentum", "lr: 0.0005, momentum: 0.8, dampening: 0.5",
     "SGD(ps, lr=0.0005, momentum=0.8, dampening=0.5)"),
    ("nesterov", "nesterov", "lr: 0.0005", "SGD(ps, lr=0.0005, momentum=0.9, nesterov=True)"),
    ("sgd+nesterov+weightDecay", "sgd", "lr: 0.0005, momentum: 0.7, nesterov: true, weightDecay: 0.05",
     "SGD(ps, lr=0.0005, momentum=0.7, nesterov=True, weight_decay=0.05)"),
    ("adagrad", "adagrad", "lr: 0.1", "Adagrad(ps, lr=0.1)"),
    ("adagrad+initialAccumulator", "adagrad", "lr: 0.1, initialAccumulator: 0.5",
     "Adagrad(ps, lr=0.1, initial_accumulator_value=0.5)"),
    ("adagrad+lrDecay+weightDecay", "adagrad", "lr: 0.1, weightDecay: 0.1, lrDecay: 0.1",
     "Adagrad(ps, lr=0.1, lr_decay=0.1, weight_decay=0.1)"),
    ("rmsprop", "rmsprop", "lr: 0.01", "RMSprop(ps, lr=0.01)"),
    ("rmsprop+centered", "rmsprop", "lr: 0.01, centered: true", "RMSprop(ps, lr=0.01, centered=True)"),
    ("rmsprop+momentum", "rmsprop", "lr: 0.01, momentum: 0.5", "RMSprop(ps, lr=0.01, momentum=0.5)"),
    ("rmsprop+centered+momentum+weightDecay+alpha", "rmsprop",
     "lr: 0.005, momentum: 0.9, alpha: 0.9, weightDecay: 0.1, centered: true",
     "RMSprop(ps, lr=0.005, alpha=0.9, momentum=0.9, centered=True, weight_decay=0.1)"),
    ("adadelta", "adadelta", "lr: 1", "Adadelta(ps, lr=1.0)"),
    ("adadelta+rho+eps+weightDecay", "adadelta", "lr: 2, eps: 1e-4, rho: 0.5, weightDecay: 0.1",
     "Adadelta(ps, lr=2.0, rho=0.5, eps=1e-4, weight_decay=0.1)"),
    ("adam", "adam", "lr: 0.05", "Adam(ps, lr=0.05)"),
    ("adam+betas+eps", "adam", "lr: 0.05, beta1: 0.5, beta2: 0.9, eps: 0.001",
     "Adam(ps, lr=0.05, betas=(0.5, 0.9), eps=1e-3)"),
    # beta2 = 0.6 so that the second moment falls below its running maximum within STEPS.
    ("adam+amsgrad", "adam", "lr: 0.05, beta2: 0.6, amsgrad: true", "Adam(ps, lr=0.05, betas=(0.9, 0.6), amsgrad=True)"),
    ("adam+weightDecay", "adam", "lr: 0.05, weightDecay: 0.1", "Adam(ps, lr=0.05, weight_decay=0.1)"),
    ("adamw", "adamw", "lr: 0.05", "AdamW(ps, lr=0.05)"),
    ("adamw+weightDecay+amsgrad", "adamw", "lr: 0.05, beta2: 0.6, weightDecay: 0.5, amsgrad: true",
     "AdamW(ps, lr=0.05, betas=(0.9, 0.6), weight_decay=0.5, amsgrad=True)"),
]

# (gradient, max_norm) pairs for clip_grad_norm_.
CLIP_CASES = [
    ((3.0, 4.0), 1.0), ((3.0, 4.0), 5.0), ((3.0, 4.0), 4.9999999), ((3.0, 4.0), 10.0),
    ((-155.0, -50.0), 1.0), ((0.1, -0.2), 0.2), ((1e-3, 2e-3), 1e-3), ((-7.25, 0.0), 0.5),
    ((1.2345678901234567, -9.876543210987654), 3.3),
]

# Optimizer state tensor names -> the name the Swift test uses.
STATE_NAMES = {
    "momentum_buffer": "momentumBuffer", "sum": "sum", "square_avg": "squareAverage",
    "grad_avg": "gradientAverage", "acc_delta": "accumulatedDelta", "exp_avg": "expAvg",
    "exp_avg_sq": "expAvgSq", "max_exp_avg_sq": "maxExpAvgSq",
}


class Dual:
    """optiscape's `Dual2` (Sources/OptiscapeCore/Math/AutoDiffScalar.swift), operation for operation."""

    def __init__(self, value, dx, dy):
        self.value, self.dx, self.dy = value, dx, dy

    def __add__(self, r):
        if isinstance(r, Dual):
            return Dual(self.value + r.value, self.dx + r.dx, self.dy + r.dy)
        return Dual(self.value + r, self.dx, self.dy)

    def __sub__(self, r):
        if isinstance(r, Dual):
            return Dual(self.value - r.value, self.dx - r.dx, self.dy - r.dy)
        return Dual(self.value - r, self.dx, self.dy)

    def __rsub__(self, l):  # Double - Dual2 is defined as -r + l
        return Dual(-self.value, -self.dx, -self.dy) + l

    def __mul__(self, r):
        if isinstance(r, Dual):
            return Dual(self.value * r.value, self.dx * r.value + self.value * r.dx,
                        self.dy * r.value + self.value * r.dy)
        return Dual(self.value * r, self.dx * r, self.dy * r)


def rosenbrock_gradient(x, y, a=1.0, b=100.0):
    """`Rosenbrock.f` of optiscape: u = a - x; v = y - x*x; u*u + v*v*b, in dual numbers."""
    dx, dy = Dual(x, 1.0, 0.0), Dual(y, 0.0, 1.0)
    u = a - dx
    v = dy - dx * dx
    r = u * u + v * v * b
    return r.dx, r.dy


def run(mode):
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode

    torch.set_default_dtype(torch.float64)
    if mode == "strict":
        assert torch.backends.cpu.get_cpu_capability() == "DEFAULT", "ATEN_CPU_CAPABILITY=default was not honoured"
    sqrt_calls = [0]

    def ieee_sqrt(t):
        flat = [math.sqrt(v) if v >= 0 else math.nan for v in t.reshape(-1).tolist()]
        return torch.tensor(flat, dtype=t.dtype).reshape(t.shape)

    class IEEESqrt(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            if func is torch.ops.aten.sqrt.default:
                sqrt_calls[0] += 1
                return ieee_sqrt(args[0])
            if func is torch.ops.aten.sqrt_.default:
                sqrt_calls[0] += 1
                return args[0].copy_(ieee_sqrt(args[0]))
            if "sqrt" in str(func):
                raise RuntimeError(f"unexpected {func}")
            return func(*args, **kwargs)

    class RosenbrockLoss(torch.autograd.Function):
        @staticmethod
        def forward(ctx, p):
            ctx.save_for_backward(p)
            x, y = p[0], p[1]
            return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2

        @staticmethod
        def backward(ctx, grad_output):
            (p,) = ctx.saved_tensors
            gx, gy = rosenbrock_gradient(*p.tolist())
            return grad_output * torch.tensor([gx, gy])

    # Cross-check: autograd on the plain formula agrees with the forward-mode gradient.
    worst, differing, checked = 0.0, 0, 0

    def autograd_check(point):
        nonlocal worst, differing, checked
        q = torch.tensor(point, requires_grad=True)
        ((1 - q[0]) ** 2 + 100 * (q[1] - q[0] ** 2) ** 2).backward()
        for ga, gf in zip(q.grad.tolist(), rosenbrock_gradient(*point)):
            checked += 1
            if ga != gf:
                differing += 1
                worst = max(worst, abs(ga - gf) / abs(gf))

    optim = torch.optim
    cases = []
    for name, kind, swift_hyper, ctor in CONFIGS:
        p = torch.tensor(START, requires_grad=True)
        ps = [p]
        kw = ctor[:-1] + ", foreach=False)"
        opt = eval("optim." + kw, {"optim": optim, "ps": ps})
        points, states = [], []
        calls_before = sqrt_calls[0]
        for _ in range(STEPS):
            autograd_check(p.tolist())
            opt.zero_grad()
            loss = RosenbrockLoss.apply(p)
            loss.backward()
            if mode == "strict":
                with IEEESqrt():
                    opt.step()
            else:
                opt.step()
            points.append(p.tolist())
            states.append({STATE_NAMES[k]: v.tolist() for k, v in opt.state[p].items() if k != "step"})
            assert all(math.isfinite(v) for v in points[-1]), name
        if mode == "strict" and kind not in ("sgd", "momentum", "nesterov"):
            assert sqrt_calls[0] > calls_before, f"{name}: the IEEE sqrt override was not used"
        if "maxExpAvgSq" in states[-1]:  # the running maximum must have mattered
            assert states[-1]["maxExpAvgSq"] != states[-1]["expAvgSq"], f"{name}: AMSGrad's maximum never used"
        cases.append(dict(name=name, kind=kind, hyper=swift_hyper, torch=ctor, points=points, states=states))

    clips = []
    for g, max_norm in CLIP_CASES:
        q = torch.zeros(2, requires_grad=True)
        q.grad = torch.tensor(g)
        total = torch.nn.utils.clip_grad_norm_([q], max_norm, foreach=False)
        clips.append(dict(gradient=g, maxNorm=max_norm, norm=total.item(), clipped=q.grad.tolist()))

    # The element-wise kernels, on 2-element tensors (as the optimizers use them).
    rng = random.Random(20260101)

    def rnd():
        return rng.uniform(-3, 3) * 10.0 ** rng.randint(-3, 3)

    kernels = {
        "add": lambda a, b, c, s: a.add(b, alpha=s),
        "addcmul": lambda a, b, c, s: a.addcmul(b, c, value=s),
        "addcdiv": lambda a, b, c, s: a.addcdiv(b, c, value=s),
        "lerp": lambda a, b, c, s: a.lerp(b, s),
        "rdiv": lambda a, b, c, s: s / a,  # Python's scalar / tensor, used by clip_grad_norm_
    }
    ops = []
    for op, fn in kernels.items():
        for i in range(12):
            a, b, c = ([rnd(), rnd()] for _ in range(3))
            # lerp's two branches: |weight| < 0.5 and not.
            s = (rng.uniform(0, 0.5) if i % 2 else rng.uniform(0.5, 1)) if op == "lerp" else rnd()
            r = fn(torch.tensor(a), torch.tensor(b), torch.tensor(c), s).tolist()
            ops.append(dict(op=op, a=a, b=b, c=c, s=s, result=r))

    return dict(torch=torch.__version__, capability=torch.backends.cpu.get_cpu_capability(),
                mkl=torch.backends.mkl.is_available(), cases=cases, clips=clips, ops=ops,
                autograd=dict(checked=checked, differing=differing, worst=worst))


def child(mode):
    env = dict(os.environ)
    env.pop("ATEN_CPU_CAPABILITY", None)
    if mode == "strict":
        env["ATEN_CPU_CAPABILITY"] = "default"
    out = subprocess.run([sys.executable, __file__, "--run", mode], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def swift_vec(v):
    return f"Vec2({float(v[0])!r}, {float(v[1])!r})"


def max_relative_deviation(a, b):
    worst = 0.0
    for ca, cb in zip(a["cases"], b["cases"]):
        for pa, pb in zip(ca["points"], cb["points"]):
            for va, vb in zip(pa, pb):
                if va != vb:
                    worst = max(worst, abs(va - vb) / max(abs(va), abs(vb)))
    return worst


def emit(strict, stock):
    dev = max_relative_deviation(strict, stock)
    out = []
    w = out.append
    w("// Generated by Tests/OptiscapeCoreTests/Reference/torch_reference.py -- do not edit by hand;")
    w("// rerun the script to regenerate (see its docstring).")
    w("//")
    w(f"// PyTorch {strict['torch']}, float64, {STEPS} steps from {START} on Rosenbrock (a = 1, b = 100).")
    w("// strict: ATEN_CPU_CAPABILITY=default (no FMA contraction) and IEEE sqrt instead of MKL's vdSqrt.")
    w(f"// stock:  capability {stock['capability']}, MKL {stock['mkl']}; largest relative deviation of a")
    w(f"//         stock coordinate from the strict one over all cases: {dev!r}.")
    a = strict["autograd"]
    w(f"// Autograd vs forward-mode gradient at the {a['checked'] // 2} points visited: {a['differing']} of")
    w(f"// {a['checked']} components differ, by at most {a['worst']!r} relative (differentiation order).")
    w("")
    w("@testable import OptiscapeCore")
    w("")
    w("enum TorchReference {")
    w("    struct Case: Sendable {")
    w("        var name: String")
    w("        var spec: OptimizerSpec")
    w("        /// The `torch.optim` call that produced `points`.")
    w("        var torch: String")
    w("        /// The point after each step.")
    w("        var points: [Vec2]")
    w("        /// Optimizer state after each step, by tensor (names as in the script's `STATE_NAMES`).")
    w("        var states: [[String: Vec2]]")
    w("    }")
    w("    /// One element-wise kernel call: `op` on tensors a, b, c and scalar s (see the script).")
    w("    struct Op: Sendable {")
    w("        var op: String, a: Vec2, b: Vec2, c: Vec2, s: Double, result: Vec2")
    w("    }")
    w("    struct Clip: Sendable {")
    w("        var gradient: Vec2, maxNorm: Double, norm: Double, clipped: Vec2")
    w("    }")
    w("")
    w(f"    static let start = {swift_vec(START)}")
    w(f"    static let stockRelativeDeviation = {dev!r}")
    w("")
    for label, data in (("strict", strict), ("stock", stock)):
        w(f"    static let {label}: [Case] = [")
        for c in data["cases"]:
            w(f"        Case(name: {json.dumps(c['name'])}, spec: OptimizerSpec(.{c['kind']}, Hyperparameters({c['hyper']})),")
            w(f"             torch: {json.dumps(c['torch'])},")
            w("             points: [")
            for pt in c["points"]:
                w(f"                {swift_vec(pt)},")
            w("             ],")
            w("             states: [")
            for state in c["states"]:
                st = ", ".join(f"{json.dumps(k)}: {swift_vec(v)}" for k, v in sorted(state.items())) or ":"
                w(f"                [{st}],")
            w("             ]),")
        w("    ]")
        w("")
    for label, data in (("strictClips", strict), ("stockClips", stock)):
        w(f"    static let {label}: [Clip] = [")
        for c in data["clips"]:
            w(f"        Clip(gradient: {swift_vec(c['gradient'])}, maxNorm: {float(c['maxNorm'])!r}, "
              f"norm: {c['norm']!r}, clipped: {swift_vec(c['clipped'])}),")
        w("    ]")
    for label, data in (("strictOps", strict), ("stockOps", stock)):
        w(f"    static let {label}: [Op] = [")
        for o in data["ops"]:
            w(f"        Op(op: {json.dumps(o['op'])}, a: {swift_vec(o['a'])}, b: {swift_vec(o['b'])}, "
              f"c: {swift_vec(o['c'])}, s: {float(o['s'])!r}, result: {swift_vec(o['result'])}),")
        w("    ]")
    w("}")
    print("\n".join(out))
    print(f"max stock/strict relative deviation: {dev!r}; autograd check: {a}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        print(json.dumps(run(sys.argv[2])))
    else:
        emit(child("strict"), child("stock"))
