"""Measures optiscape's peers on optiscape's own problems, for benchmarks/compare.sh.

Reads `optiscape bench --format json` output (argv[1]) and the optiscape binary (argv[2]),
measures torch.optim, a plain numpy loop and matplotlib on the same problems, and prints
one table with the ratios (optiscape speed / peer speed: above 1 means optiscape is faster).

- Optimizer steps: Rosenbrock (1 - x)^2 + 100 (y - x^2)^2 from (-1.5, 2), float64, one
  2-element parameter, each optimizer's PyTorch defaults (the same as optiscape's). torch:
  zero_grad, loss, loss.backward(), opt.step(); numpy: the analytic gradient and the
  update rule written out on 2-element arrays. optiscape: Runner.advance (figure
  steps.rosenbrock.<kind>).
- Frame: a 200x60-cell plot in optiscape is 400x240 contour samples; matplotlib gets the
  same 400x240 grid (numpy-evaluated), 10 log-spaced levels as filled bands plus iso-lines,
  and the 8 trajectories of optiscape's frame figures (taken from `optiscape trace`, so they
  are the same points), drawn with the Agg backend into a buffer. "first" redraws everything
  (optiscape: a fresh renderer computes the field and draws every point); "steady" moves
  each line by one point and redraws (optiscape: one step per runner, then render).
"""
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import torch

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

torch.set_num_threads(1)
REPEATS = 5
SECONDS = 0.3
START = (-1.5, 2.0)

# name -> (torch constructor, optiscape kind)
TORCH = {
    "sgd": lambda p: torch.optim.SGD(p, lr=1e-3),
    "momentum": lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9),
    "nesterov": lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9, nesterov=True),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=1e-2),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=1e-2),
    "adadelta": lambda p: torch.optim.Adadelta(p, lr=1.0),
    "adam": lambda p: torch.optim.Adam(p, lr=1e-3),
    "adamw": lambda p: torch.optim.AdamW(p, lr=1e-3),
}


def rate(run):
    """Median steps/s of `run(n)` over REPEATS runs of about SECONDS each."""
    n = 200
    while True:  # calibrate
        t = time.perf_counter(); run(n); dt = time.perf_counter() - t
        if dt > 0.05:
            break
        n *= 2
    n = max(1, int(n * SECONDS / dt))
    rates = []
    for _ in range(REPEATS):
        t = time.perf_counter(); run(n); rates.append(n / (time.perf_counter() - t))
    return statistics.median(rates)


def torch_rate(kind):
    def run(n):
        x = torch.tensor(START, dtype=torch.float64, requires_grad=True)
        opt = TORCH[kind]([x])
        for _ in range(n):
            opt.zero_grad()
            loss = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
            loss.backward()
            opt.step()
    return rate(run)


def grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def numpy_rate(kind):
    def run(n):
        p = np.array(START)
        if kind == "sgd":
            for _ in range(n):
                p -= 1e-3 * grad(p)
        elif kind in ("momentum", "nesterov"):
            b = None
            for _ in range(n):
                g = grad(p)
                b = g.copy() if b is None else 0.9 * b + g
                p -= 1e-3 * (g + 0.9 * b if kind == "nesterov" else b)
        elif kind == "adagrad":
            s = np.zeros(2)
            for _ in range(n):
                g = grad(p); s += g * g
                p -= 1e-2 * g / (np.sqrt(s) + 1e-10)
        elif kind == "rmsprop":
            v = np.zeros(2)
            for _ in range(n):
                g = grad(p); v = 0.99 * v + 0.01 * g * g
                p -= 1e-2 * g / (np.sqrt(v) + 1e-8)
        elif kind == "adadelta":
            v = np.zeros(2); u = np.zeros(2)
            for _ in range(n):
                g = grad(p); v = 0.9 * v + 0.1 * g * g
                d = np.sqrt(u + 1e-6) / np.sqrt(v + 1e-6) * g
                u = 0.9 * u + 0.1 * d * d
                p -= d
        else:  # adam, adamw
            m = np.zeros(2); v = np.zeros(2)
            for t in range(1, n + 1):
                if kind == "adamw":
                    p *= 1 - 1e-3 * 1e-2
                g = grad(p)
                m = 0.9 * m + 0.1 * g; v = 0.999 * v + 0.001 * g * g
                p -= 1e-3 / (1 - 0.9 ** t) * m / (np.sqrt(v) / np.sqrt(1 - 0.999 ** t) + 1e-8)
    return rate(run)


def trajectories(binary, points):
    kinds = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"]
    args = [binary, "trace", "--landscape", "rosenbrock", "--start=-1.5,2", "--tol", "0", "--steps", str(points - 1)]
    for k in kinds:
        args += ["--optimizer", k]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout.splitlines()[1:]
    paths = {k: ([], []) for k in kinds}
    for line in out:
        f = line.split(",")
        paths[f[0]][0].append(float(f[2]))
        paths[f[0]][1].append(float(f[3]))
    return [(np.array(xs), np.array(ys)) for xs, ys in paths.values()]


def frame_times(binary, points):
    """(first, steady) median seconds for one matplotlib frame."""
    paths = trajectories(binary, points + 1)
    xmin, xmax, ymin, ymax = -2.5, 2.5, -1.0, 4.0  # rosenbrock's view box
    fig = plt.figure(figsize=(10, 6), dpi=100)
    ax = fig.add_axes((0.05, 0.05, 0.9, 0.9))

    def first():
        ax.clear()
        xs = xmin + (np.arange(400) + 0.5) * (xmax - xmin) / 400
        ys = ymax - (np.arange(240) + 0.5) * (ymax - ymin) / 240
        X, Y = np.meshgrid(xs, ys)
        Z = (1 - X) ** 2 + 100 * (Y - X * X) ** 2
        lo, hi = Z.min(), Z.max()
        levels = lo + (hi - lo) * 10.0 ** (-3 * (11 - np.arange(1, 11)) / 10)
        ax.contourf(X, Y, Z, levels=np.concatenate([[lo], levels, [hi]]))
        ax.contour(X, Y, Z, levels=levels, colors="k", linewidths=0.5)
        lines = [ax.plot(px[:points], py[:points], lw=1)[0] for px, py in paths]
        fig.canvas.draw()
        fig.canvas.buffer_rgba()
        return lines

    lines = first()
    firsts = []
    for _ in range(REPEATS):
        t = time.perf_counter(); first(); firsts.append(time.perf_counter() - t)
    lines = first()
    steadies = []
    for k in range(REPEATS * 4):
        t = time.perf_counter()
        n = points + 1 if k % 2 == 0 else points
        for line, (px, py) in zip(lines, paths):
            line.set_data(px[:n], py[:n])
        fig.canvas.draw()
        fig.canvas.buffer_rgba()
        steadies.append(time.perf_counter() - t)
    plt.close(fig)
    return statistics.median(firsts), statistics.median(steadies)


def human(v):
    for scale, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= scale:
            return f"{v / scale:.3g}{suffix}"
    return f"{v:.3g}"


def main():
    ours = {f["name"]: f["value"] for f in json.load(open(sys.argv[1]))}
    binary = sys.argv[2]
    print(f"peers: torch {torch.__version__} (1 thread), numpy {np.__version__}, matplotlib {matplotlib.__version__}, "
          f"Python {sys.version.split()[0]}")
    print()
    print("Optimizer steps per second on rosenbrock (float64, 2 parameters, PyTorch defaults), median of 5")
    print(f"{'optimizer':<10}{'optiscape':>12}{'torch.optim':>14}{'numpy loop':>13}{'× torch':>10}{'× numpy':>10}")
    for kind in TORCH:
        o = ours[f"steps.rosenbrock.{kind}"]
        t = torch_rate(kind)
        n = numpy_rate(kind)
        print(f"{kind:<10}{human(o):>12}{human(t):>14}{human(n):>13}{o / t:>9.0f}×{o / n:>9.0f}×")
    print()
    print("Frame: rosenbrock, 400×240 contour samples, 10 levels (bands + iso-lines), 8 trajectories")
    print("(optiscape: a 200×60-cell frame; matplotlib: a 1000×600-pixel Agg canvas), median ms")
    print(f"{'frame':<28}{'optiscape':>11}{'matplotlib':>12}{'×':>8}")
    for label, points in (("small", 100), ("medium", 10_000)):
        first, steady = frame_times(binary, points)
        for what, ms_mpl in (("first", first * 1e3), ("steady", steady * 1e3)):
            o = ours[f"frame.{what}.{label}"]
            print(f"{what + ', ' + format(points, ',') + ' points each':<28}{o:>9.3f}ms{ms_mpl:>10.1f}ms{ms_mpl / o:>7.0f}×")


if __name__ == "__main__":
    main()
