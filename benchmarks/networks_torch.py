"""PyTorch CPU float64 side of the network figures (issue #14), for comparison with optiscape.

    /work/venv/bin/python benchmarks/networks_torch.py [optiscape.json]

With the JSON of `optiscape bench --only network --format json` (taken just before, on the same
machine), also prints optiscape's figure beside each and the ratio (how many times faster).

Prints, for a 2-16-16-2 ReLU MLP on 200 points (moons-like data), cross-entropy, full batch:
  adam_step     one torch.optim.Adam step with the full-set loss read each step (.item())
  slice_51x51   a 51x51 grid evaluated point by point (vector_to_parameters + forward), as loss-landscape does
  hessian_full  torch.autograd.functional.hessian (354x354) + numpy.linalg.eigvalsh
Each is the median of several repetitions; OPENBLAS/MKL threads as the machine sets them.
"""
import json
import statistics
import sys
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def model():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16), torch.nn.ReLU(),
                               torch.nn.Linear(16, 2))


def data(n=200):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(n, 2, generator=g)
    y = (x[:, 0] * x[:, 1] > 0).long()
    return x, y


def median_time(fn, reps):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    x, y = data()
    crit = torch.nn.CrossEntropyLoss()
    m = model()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)

    def steps(k=200):
        for _ in range(k):
            opt.zero_grad()
            loss = crit(m(x), y)
            loss.backward()
            opt.step()
            loss.item()

    steps(20)
    t = median_time(steps, 7) / 200
    print(f"adam_step      {t * 1e6:10.1f} us/step")
    results = {"adam_step": t}

    m = model()
    theta = torch.nn.utils.parameters_to_vector(m.parameters()).detach()
    g = torch.Generator().manual_seed(2)
    dx, dy = torch.randn(theta.numel(), generator=g), torch.randn(theta.numel(), generator=g)
    grid = torch.linspace(-1, 1, 51)

    def slice_grid():
        with torch.no_grad():
            for b in grid:
                for a in grid:
                    torch.nn.utils.vector_to_parameters(theta + a * dx + b * dy, m.parameters())
                    crit(m(x), y).item()

    t = median_time(slice_grid, 3)
    print(f"slice_51x51    {t * 1e3:10.1f} ms")
    results["slice_51x51"] = t

    names = [k for k, _ in m.named_parameters()]
    shapes = [p.shape for p in m.parameters()]

    def f(t):
        params, o = {}, 0
        for k, s in zip(names, shapes):
            params[k] = t[o:o + s.numel()].reshape(s)
            o += s.numel()
        return crit(torch.func.functional_call(m, params, (x,)), y)

    def spectrum():
        h = torch.autograd.functional.hessian(f, theta)
        np.linalg.eigvalsh(h.numpy())

    t = median_time(spectrum, 3)
    print(f"hessian_full   {t * 1e3:10.1f} ms  ({theta.numel()} parameters)")
    results["hessian_full"] = t
    if len(sys.argv) > 1:
        compare(results, sys.argv[1])


def compare(results, path):
    """optiscape's figures (µs or ms) beside PyTorch's, and the ratio torch / optiscape."""
    figures = {f["name"]: f for f in json.load(open(path))}
    targets = {"adam_step": 20, "slice_51x51": 10, "hessian_full": 5}
    print()
    print(f"{'figure':<14} {'optiscape':>12} {'PyTorch':>12} {'ratio':>8}  target")
    for name, torch_seconds in results.items():
        f = figures.get("network." + name)
        if f is None:
            continue
        seconds = f["value"] * (1e-6 if f["unit"] == "µs" else 1e-3)
        ratio = torch_seconds / seconds
        print(f"{name:<14} {seconds * 1e3:10.3f}ms {torch_seconds * 1e3:10.3f}ms {ratio:7.1f}×  ≥ {targets[name]}× {'ok' if ratio >= targets[name] else 'MISS'}")


if __name__ == "__main__":
    main()
