#!/usr/bin/python3
"""One training epoch of the lab's default model in PyTorch CPU, 1 thread (`npm run bench`, issue #11).

Reads a JSON case written by scripts/bench/trainEpoch.ts (initial weights in nn.Linear layout, the
training rows, one visiting order per epoch, lr, batch size), trains the same 64 -> 128 -> 10 ReLU MLP
with torch.optim.SGD in float32 and in float64, and prints one JSON line per dtype: the median time
of one epoch over the repetitions (after a warm-up) and the last epoch's mean loss, so the TS row can
be checked against it.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def run(case, dtype):
    torch.set_num_threads(1)
    ws, bs = case["weights"], case["biases"]
    layers = []
    for i, (w, b) in enumerate(zip(ws, bs)):
        lin = nn.Linear(len(w[0]), len(w)).to(dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(w, dtype=dtype))
            lin.bias.copy_(torch.tensor(b, dtype=dtype))
        layers.append(lin)
        if i < len(ws) - 1:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    x = torch.tensor(case["x"], dtype=dtype)
    y = torch.tensor(case["y"], dtype=torch.long)
    opt = torch.optim.SGD(model.parameters(), lr=case["lr"])
    bsz = case["batchSize"]
    times, loss_sum = [], 0.0
    for e, order in enumerate(case["orders"]):
        idx = torch.tensor(order, dtype=torch.long)
        t0 = time.perf_counter()
        loss_sum = 0.0
        for s in range(0, len(order), bsz):
            b = idx[s:s + bsz]
            opt.zero_grad()
            loss = F.cross_entropy(model(x[b]), y[b])
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(b)
        if e > 0:  # epoch 0 is the warm-up
            times.append((time.perf_counter() - t0) * 1000)
    return {"engine": f"PyTorch {torch.__version__} CPU {str(dtype).replace('torch.', '')}, 1 thread",
            "medianMs": statistics.median(times), "lastLoss": loss_sum / len(case["orders"][-1])}


def main():
    case = json.load(open(sys.argv[1]))
    for dtype in (torch.float32, torch.float64):
        print(json.dumps(run(case, dtype)))


if __name__ == "__main__":
    main()
