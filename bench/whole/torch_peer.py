"""PyTorch as the bench's peer (float64, one thread), one measurement per process so that the
peak memory is its own. Prints one JSON line.
  python3 torch_peer.py grad N        loss.backward() for L = ½‖σ(Wx + b) − t‖², W N×N
  python3 torch_peer.py jacobian N    torch.autograd.functional.jacobian(vectorize=True) of σ(Wx + b)
                                      by (W, b): the full N × (N² + N) Jacobian
  python3 torch_peer.py agree         reads {W, x, b, t} (row-major lists) on stdin, prints the gradient
"""
import json
import resource
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def loss(W, x, b, t):
    return ((torch.sigmoid(W @ x + b) - t) ** 2).sum() / 2


def timed(fn, budget_s=2.0, min_runs=3, max_runs=31):
    """Median wall and CPU milliseconds per call (CPU: this process, as the node side measures)."""
    fn()  # warm-up
    times, cpu = [], []
    start = time.perf_counter()
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - start < budget_s):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), statistics.median(cpu), len(times)


def inputs(n):
    g = torch.Generator().manual_seed(n)
    return [torch.rand(*s, generator=g) * 2 - 1 for s in ((n, n), (n,), (n,), (n,))]


def grad(n):
    W, x, b, t = inputs(n)
    W.requires_grad_(True)
    b.requires_grad_(True)

    def step():
        W.grad = None
        b.grad = None
        loss(W, x, b, t).backward()

    return timed(step)


def jacobian(n):
    W, x, b, _ = inputs(n)
    f = lambda W, b: torch.sigmoid(W @ x + b)
    J = None

    def step():
        nonlocal J
        J = torch.autograd.functional.jacobian(f, (W, b), vectorize=True)

    ms, cpu, runs = timed(step, budget_s=1.0, min_runs=1, max_runs=5)
    return ms, cpu, runs, sum(j.numel() for j in J) * 8


def agree():
    d = json.load(sys.stdin)
    W, x, b, t = (torch.tensor(d[k]) for k in ("W", "x", "b", "t"))
    W.requires_grad_(True)
    b.requires_grad_(True)
    L = loss(W, x, b, t)
    L.backward()
    return {"loss": L.item(), "gradW": W.grad.flatten().tolist(), "gradB": b.grad.tolist()}


def main():
    task = sys.argv[1]
    base = peak_mb()
    if task == "agree":
        out = agree()
    elif task == "grad":
        ms, cpu, runs = grad(int(sys.argv[2]))
        out = {"ms": ms, "cpuMs": cpu, "runs": runs}
    elif task == "jacobian":
        ms, cpu, runs, jbytes = jacobian(int(sys.argv[2]))
        out = {"ms": ms, "cpuMs": cpu, "runs": runs, "jacobianBytes": jbytes}
    else:
        raise SystemExit(f"unknown task {task}")
    out.update({"torch": torch.__version__, "baseRssMB": base, "peakRssMB": peak_mb()})
    print(json.dumps(out))


main()
