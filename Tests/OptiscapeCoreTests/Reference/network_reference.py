"""Reference numbers and files for the network tests, computed with PyTorch (float64).

Run from the repository root:
    /work/venv/bin/python Tests/OptiscapeCoreTests/Reference/network_reference.py

It writes
  Tests/OptiscapeCoreTests/Networks/NetworkTorchReference.swift   (pasted numbers; do not edit)
  Tests/OptiscapeCoreTests/Networks/NetworkTrainingReference.swift (training traces; do not edit)
  Tests/OptiscapeCoreTests/Reference/networks/*.safetensors       (files written by the Python package)

For each case: a torch.nn.Sequential(Linear, Act, Linear, Act, Linear) in float64 with weights
from torch.manual_seed, a small data set, and the mean loss (CrossEntropyLoss or MSELoss), its
gradient by autograd, a Hessian-vector product by double backward, and every eigenvalue of the
Hessian (torch.autograd.functional.hessian + torch.linalg.eigvalsh), descending.

Training traces (train_case): the same kind of model and data, trained by a torch.optim optimizer
for a few steps exactly as `optiscape trace --network` trains (zero_grad, loss on the batch,
backward, optional clip_grad_norm_, step), recording before each step and after the last the
full-set mean loss and the 2-norm of the full-set gradient (torch.linalg.vector_norm of the
concatenated gradients), and the final flat θ. Minibatches are taken in file order
(DataLoader(shuffle=False, drop_last=False): batches of B rows, the last of an epoch partial).

Muon (`muon_adamw`) is used as its documentation says: torch.optim.Muon on the weight matrices,
torch.optim.AdamW on the biases, both stepped. Its Newton–Schulz runs in float64 as optiscape's
does: `grad.bfloat16()` in `_zeropower_via_newtonschulz` is replaced by `grad.clone()` (see
torch_muon.py, which patches the same one expression).
"""
import inspect
import os
import torch
from safetensors.torch import save_file
from torch.func import functional_call

torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.abspath(__file__))
OUT_SWIFT = os.path.join(ROOT, "..", "Networks", "NetworkTorchReference.swift")
OUT_TRAIN = os.path.join(ROOT, "..", "Networks", "NetworkTrainingReference.swift")
OUT_FILES = os.path.join(ROOT, "networks")

ACTS = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid,
        "softplus": torch.nn.Softplus, "linear": torch.nn.Identity}


def build(sizes, act):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(ACTS[act]())
    return torch.nn.Sequential(*layers)


def flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.state_dict().values()])


def case(name, sizes, act, loss, seed, n=12):
    torch.manual_seed(seed)
    model = build(sizes, act)
    x = torch.randn(n, sizes[0])
    if loss == "cross-entropy":
        y = torch.randint(0, sizes[-1], (n,))
        crit = torch.nn.CrossEntropyLoss()
    else:
        y = torch.randn(n, sizes[-1])
        crit = torch.nn.MSELoss()
    names = list(model.state_dict().keys())
    shapes = [model.state_dict()[k].shape for k in names]
    theta = flat(model)
    v = torch.randn(theta.numel())

    def unflatten(t):
        out, o = {}, 0
        for k, s in zip(names, shapes):
            m = s.numel()
            out[k] = t[o:o + m].reshape(s)
            o += m
        return out

    def f(t):
        return crit(functional_call(model, unflatten(t), (x,)), y)

    t = theta.clone().requires_grad_(True)
    value = f(t)
    (g,) = torch.autograd.grad(value, t, create_graph=True)
    (hv,) = torch.autograd.grad(g @ v, t)
    h = torch.autograd.functional.hessian(f, theta)
    eig = torch.linalg.eigvalsh(h).flip(0)
    return dict(name=name, sizes=sizes, act=act, loss=loss, x=x.reshape(-1), y=y.reshape(-1), theta=theta,
                v=v, value=value.item(), grad=g.detach(), hv=hv, eig=eig, model=model)


def lit(t):
    return "[" + ", ".join(repr(float(a)) for a in t.tolist()) + "]"


class MuonAdamW:
    """torch.optim.Muon(matrices, **muon) and torch.optim.AdamW(others, **adamw), stepped together."""

    patched = False

    def __init__(self, params, muon, adamw):
        import torch.optim._muon as muon_module
        if not MuonAdamW.patched:
            source = inspect.getsource(muon_module._zeropower_via_newtonschulz)
            assert source.count("grad.bfloat16()") == 1, "torch's Newton–Schulz changed: revisit the patch"
            namespace = dict(muon_module.__dict__)
            exec(source.replace("grad.bfloat16()", "grad.clone()"), namespace)
            muon_module._zeropower_via_newtonschulz = namespace["_zeropower_via_newtonschulz"]
            MuonAdamW.patched = True
        params = list(params)
        self.optimizers = [torch.optim.Muon([p for p in params if p.ndim == 2], **muon),
                           torch.optim.AdamW([p for p in params if p.ndim != 2], **adamw)]

    def zero_grad(self):
        for o in self.optimizers:
            o.zero_grad()

    def step(self):
        for o in self.optimizers:
            o.step()


def train_case(name, sizes, act, loss, seed, optimizer, kwargs, swift, steps=6, n=12, batch=None, clip=None):
    torch.manual_seed(seed)
    model = build(sizes, act)
    x = torch.randn(n, sizes[0])
    if loss == "cross-entropy":
        y = torch.randint(0, sizes[-1], (n,))
        crit = torch.nn.CrossEntropyLoss()
    else:
        y = torch.randn(n, sizes[-1])
        crit = torch.nn.MSELoss()
    theta0 = flat(model)
    opt = (MuonAdamW(model.parameters(), **kwargs) if optimizer == "MuonAdamW"
           else getattr(torch.optim, optimizer)(model.parameters(), **kwargs))
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=batch or n, shuffle=False)

    def batches():
        while True:
            for b in loader:
                yield b

    def full():
        model.zero_grad()
        value = crit(model(x), y)
        value.backward()
        g = torch.cat([p.grad.reshape(-1) for p in model.parameters()])
        return value.item(), torch.linalg.vector_norm(g).item()

    losses, norms = [], []
    it = batches()
    for _ in range(steps):
        v, gn = full()
        losses.append(v); norms.append(gn)
        bx, by = next(it)
        opt.zero_grad()
        crit(model(bx), by).backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        opt.step()
    v, gn = full()
    losses.append(v); norms.append(gn)
    return dict(name=name, sizes=sizes, act=act, loss=loss, x=x.reshape(-1), y=y.reshape(-1), theta=theta0,
                swift=swift, batch=batch, clip=clip, losses=losses, norms=norms, final=flat(model),
                torch=(f"torch.optim.Muon(matrices, {kwargs['muon']}) + torch.optim.AdamW(biases, {kwargs['adamw']})"
                       if optimizer == "MuonAdamW" else
                       f"torch.optim.{optimizer}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"))


def write_training():
    cases = [
        train_case("sgd-momentum-tanh-ce", [2, 4, 3, 3], "tanh", "cross-entropy", 11, "SGD", dict(lr=0.1, momentum=0.9), "momentum:lr=0.1"),
        train_case("nesterov-relu-ce", [2, 6, 3], "relu", "cross-entropy", 12, "SGD", dict(lr=0.2, momentum=0.8, nesterov=True), "nesterov:lr=0.2,momentum=0.8"),
        train_case("adam-relu-ce", [2, 5, 4, 3], "relu", "cross-entropy", 13, "Adam", dict(lr=0.01), "adam:lr=0.01"),
        train_case("adamw-sigmoid-mse", [2, 4, 2], "sigmoid", "mse", 14, "AdamW", dict(lr=0.02, weight_decay=0.1), "adamw:lr=0.02,weight-decay=0.1"),
        train_case("rmsprop-centered-softplus-mse", [3, 4, 2], "softplus", "mse", 15, "RMSprop", dict(lr=0.01, centered=True, momentum=0.5), "rmsprop:lr=0.01,centered,momentum=0.5"),
        train_case("sgd-clip-linear-mse", [2, 3, 2], "linear", "mse", 16, "SGD", dict(lr=0.05), "sgd:lr=0.05", clip=0.1),
        train_case("adam-batch5-tanh-ce", [2, 4, 3], "tanh", "cross-entropy", 17, "Adam", dict(lr=0.05), "adam:lr=0.05", steps=7, batch=5),
        train_case("adagrad-batch4-sigmoid-ce", [2, 3, 2], "sigmoid", "cross-entropy", 18, "Adagrad", dict(lr=0.1, weight_decay=0.01), "adagrad:lr=0.1,weight-decay=0.01", steps=5, batch=4, clip=0.3),
        train_case("muon-tanh-ce", [2, 8, 2], "tanh", "cross-entropy", 19, "MuonAdamW",
                   dict(muon=dict(lr=0.02), adamw=dict(lr=0.01)), "muon:lr=0.02,adamw-lr=0.01", steps=20),
        train_case("muon-batch4-relu-mse", [3, 6, 4, 2], "relu", "mse", 20, "MuonAdamW",
                   dict(muon=dict(lr=0.05, momentum=0.9, nesterov=False, adjust_lr_fn="match_rms_adamw"),
                        adamw=dict(lr=0.02, weight_decay=0.0)),
                   "muon:lr=0.05,momentum=0.9,nesterov=false,adjust-lr-fn=match-rms-adamw,adamw-lr=0.02,adamw-weight-decay=0",
                   steps=8, batch=4),
    ]
    lines = [
        "// Generated by Tests/OptiscapeCoreTests/Reference/network_reference.py -- do not edit by hand.",
        f"// PyTorch {torch.__version__}, float64: training traces (full-set loss and gradient norm before",
        "// each step and after the last; the final flat θ). Minibatches in file order.",
        "",
        "enum NetworkTrainingReference {",
        "    struct Case: Sendable {",
        "        var name: String, sizes: [Int], activation: String, loss: String",
        "        /// The optimizer as optiscape spells it, and as torch was called.",
        "        var optimizer: String, torch: String",
        "        var batch: Int?, clipNorm: Double?",
        "        var x: [Double], y: [Double], theta: [Double]",
        "        var losses: [Double], gradientNorms: [Double], final: [Double]",
        "    }",
        "    static let cases: [Case] = [",
    ]
    opt = lambda v: "nil" if v is None else repr(v)
    for c in cases:
        lines.append(f"        Case(name: \"{c['name']}\", sizes: {c['sizes']}, activation: \"{c['act']}\", loss: \"{c['loss']}\",")
        lines.append(f"             optimizer: \"{c['swift']}\", torch: \"{c['torch']}\", batch: {opt(c['batch'])}, clipNorm: {opt(c['clip'])},")
        lines.append(f"             x: {lit(c['x'])},")
        lines.append(f"             y: {lit(c['y'])},")
        lines.append(f"             theta: {lit(c['theta'])},")
        lines.append(f"             losses: {lit(torch.tensor(c['losses']))},")
        lines.append(f"             gradientNorms: {lit(torch.tensor(c['norms']))},")
        lines.append(f"             final: {lit(c['final'])}),")
    lines += ["    ]", "}", ""]
    with open(OUT_TRAIN, "w") as fh:
        fh.write("\n".join(lines))


def main():
    cases = [
        case("tanh-ce", [2, 4, 3, 3], "tanh", "cross-entropy", 1),
        case("relu-ce", [2, 4, 3, 3], "relu", "cross-entropy", 2),
        case("sigmoid-mse", [2, 4, 3, 2], "sigmoid", "mse", 3),
        case("softplus-mse", [3, 4, 2], "softplus", "mse", 4),
        case("linear-mse", [2, 3, 3, 2], "linear", "mse", 5),
        case("softplus-ce", [2, 5, 4], "softplus", "cross-entropy", 6),
    ]
    os.makedirs(OUT_FILES, exist_ok=True)
    m = cases[0]["model"]
    save_file(m.state_dict(), os.path.join(OUT_FILES, "tanh-2-4-3-3-f64.safetensors"))
    save_file({k: v.float() for k, v in m.state_dict().items()}, os.path.join(OUT_FILES, "tanh-2-4-3-3-f32.safetensors"))
    lines = [
        "// Generated by Tests/OptiscapeCoreTests/Reference/network_reference.py -- do not edit by hand.",
        f"// PyTorch {torch.__version__}, float64. Files in Reference/networks/: the first case's state_dict,",
        "// saved by safetensors.torch.save_file in float64 and float32.",
        "",
        "enum NetworkTorchReference {",
        "    struct Case: Sendable {",
        "        var name: String, sizes: [Int], activation: String, loss: String",
        "        var x: [Double], y: [Double], theta: [Double], v: [Double]",
        "        var value: Double, gradient: [Double], hv: [Double], eigenvalues: [Double]",
        "    }",
        "    static let cases: [Case] = [",
    ]
    for c in cases:
        lines.append(f"        Case(name: \"{c['name']}\", sizes: {c['sizes']}, activation: \"{c['act']}\", loss: \"{c['loss']}\",")
        lines.append(f"             x: {lit(c['x'])},")
        lines.append(f"             y: {lit(c['y'])},")
        lines.append(f"             theta: {lit(c['theta'])},")
        lines.append(f"             v: {lit(c['v'])},")
        lines.append(f"             value: {c['value']!r},")
        lines.append(f"             gradient: {lit(c['grad'])},")
        lines.append(f"             hv: {lit(c['hv'])},")
        lines.append(f"             eigenvalues: {lit(c['eig'])}),")
    lines += ["    ]", "}", ""]
    with open(OUT_SWIFT, "w") as fh:
        fh.write("\n".join(lines))
    write_training()


if __name__ == "__main__":
    main()
