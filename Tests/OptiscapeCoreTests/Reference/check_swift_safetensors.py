"""Python reads what optiscape writes: `trace --network --save-weights` and `--save-trajectory`.

    swift build && /work/venv/bin/python Tests/OptiscapeCoreTests/Reference/check_swift_safetensors.py

Writes a small CSV data set, trains on it with optiscape (Adam, 25 steps), then with the Python
safetensors package and PyTorch: loads the weights into torch.nn.Sequential(Linear, Tanh, Linear)
with load_state_dict(strict=True), recomputes the mean cross-entropy on the CSV, and compares it
with the last row of optiscape's trace; checks the trajectory's last row is the weights; and
compares the JSON headers with safetensors.torch.save_file's for the same tensors (the files are
not byte-identical by design: the Python package orders tensors by dtype then name, 0.bias before
0.weight, where optiscape keeps the state_dict's order; names, dtypes, shapes and values agree).
Result (2026-12-02, PyTorch 2.13.0+cpu, safetensors as in /work/venv):

    dtypes/shapes: {'0.weight': (torch.float64, (5, 2)), '0.bias': (torch.float64, (5,)), '2.weight': (torch.float64, (3, 5)), '2.bias': (torch.float64, (3,))}
    torch loss at the saved weights 0.38502198751459865, optiscape's last row 0.3850219875145986, relative difference 1.4417657440707344e-16
    trajectory (26, 33), last row == weights: True; steps 0..25
    same header entries and file size as safetensors.torch.save_file: True
"""
import json
import os
import struct
import subprocess
import tempfile

import numpy as np
import torch
from safetensors.torch import load_file, save_file

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BIN = os.path.join(ROOT, ".build", "debug", "optiscape")


def main():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(30, 2))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int)
    with tempfile.TemporaryDirectory() as d:
        csv = os.path.join(d, "data.csv")
        with open(csv, "w") as f:
            f.write("a,b,label\n")
            for (p, q), c in zip(x, y):
                f.write(f"{float(p)!r},{float(q)!r},{int(c)}\n")
        w, t = os.path.join(d, "w.safetensors"), os.path.join(d, "t.safetensors")
        out = subprocess.run([BIN, "trace", "--network", "2-5-3", "--data", csv, "--optimizer", "adam:lr=0.05",
                              "--steps", "25", "--save-weights", w, "--save-trajectory", t],
                             check=True, capture_output=True, text=True).stdout
        last = float(out.strip().split("\n")[-1].split(",")[2])
        sd = load_file(w)
        print("dtypes/shapes:", {k: (v.dtype, tuple(v.shape)) for k, v in sd.items()})
        model = torch.nn.Sequential(torch.nn.Linear(2, 5), torch.nn.Tanh(), torch.nn.Linear(5, 3)).double()
        model.load_state_dict(sd, strict=True)
        with torch.no_grad():
            loss = torch.nn.CrossEntropyLoss()(model(torch.tensor(x)), torch.tensor(y)).item()
        print(f"torch loss at the saved weights {loss!r}, optiscape's last row {last!r}, relative difference {abs(loss - last) / last!r}")
        tr = load_file(t)
        flat = torch.cat([v.reshape(-1) for v in sd.values()])
        steps = tr["steps"].tolist()
        print(f"trajectory {tuple(tr['trajectory'].shape)}, last row == weights: {torch.equal(tr['trajectory'][-1], flat)}; steps {int(steps[0])}..{int(steps[-1])}")
        again = os.path.join(d, "again.safetensors")
        save_file(sd, again, metadata={"format": "pt", "network": "2-5-3 tanh cross-entropy"})

        def header(path):
            b = open(path, "rb").read()
            h = json.loads(b[8:8 + struct.unpack("<Q", b[:8])[0]])
            return {k: (v if k == "__metadata__" else (v["dtype"], v["shape"])) for k, v in h.items()}, len(b)
        print("same header entries and file size as safetensors.torch.save_file:", header(w) == header(again))


if __name__ == "__main__":
    main()
