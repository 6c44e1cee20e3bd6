"""Time the chain-rule page's claims and write the tables and figures the Performance page quotes.

1. micrograd's demo (100 full-batch steps of an MLP(2, [16, 16, 1]) with ReLU on 100 two-moons points,
   hinge loss + 1e-4 L2, micrograd's learning-rate schedule), from the same initial weights, on:
   `concepts.network.MLP`, a plain numpy loop written out by hand, PyTorch on the CPU (float64, one
   thread), `concepts.chain_rule.ValueMLP` (scalar `Value`s) and micrograd itself. PyTorch and micrograd
   are optional: each is skipped with a printed note when it is not installed.
2. The garbage collector's share: one demo step of `Value` and of micrograd with the collector on and
   off, and how many objects `gc.collect()` finds after a step's graph is dropped.
3. The cost of a gradient on `MLP([2, w, w, 1])`, batch 100: forward, backward, and central
   differences (two forward passes per parameter), as the width grows.
4. A chain of a million `Value` nodes: build, backward, and what is left for the collector.

Timings are medians of repeated runs (numpy and PyTorch limited to one thread, as design/DESIGN.md asks);
the three fast engines are interleaved in this process, and each scalar-engine measurement runs in a
fresh Python process without PyTorch loaded (see `in_fresh_process`). Nothing is asserted, because
timings on a shared machine vary. Results go to
benchmarks/chain_rule.json and, as the tables docs/reference/performance.md includes, benchmarks/chain_rule.md;
the numbers that page's prose quotes from them go to benchmarks/bench_chain_rule.values.json.

    .venv/bin/python benchmarks/bench_chain_rule.py            # the full run, about five minutes
    .venv/bin/python benchmarks/bench_chain_rule.py --quick    # fewer repeats, micrograd for 5 steps, no files
    .venv/bin/python benchmarks/bench_chain_rule.py --rewrite-table   # the table and values from the json
"""

from __future__ import annotations

import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before numpy is imported: one BLAS thread, as PyTorch below
os.environ["OMP_NUM_THREADS"] = "1"

import argparse
import datetime as dt
import gc
import json
import math
import platform
import statistics
import subprocess
import sys
import time
from functools import partial
from importlib import metadata
from pathlib import Path

import numpy as np

from concepts.chain_rule import DEMO_ALPHA, Value, ValueMLP, demo_learning_rate, demo_problem, train_demo
from concepts.gradient_check import numerical_parameter_gradients
from concepts.network import MLP

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks"
STEPS = 100
WIDTHS = [16, 32, 64, 128, 256, 512, 1024]
FD_MAX_WIDTH = 128  # central differences beyond this take minutes (the table's note says so)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


# --- 1. the demo on five engines -----------------------------------------------------------------


def run_mlp(params, x, y):
    net = MLP([2, 16, 16, 1], activation="relu", rng=0)
    for mine, given in zip(net.parameters(), params):
        mine[...] = given
    history = train_demo(net, x, y, STEPS)
    return net.parameters(), history[-1]


def run_numpy(params, x, y):
    """The same 100 steps written out with numpy only: what `MLP` should cost."""
    w1, b1, w2, b2, w3, b3 = params = [p.copy() for p in params]
    n, target = len(y), y[:, None]
    positive, slope = target > 0, -target / n
    for k in range(STEPS):
        z1 = x @ w1 + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ w2 + b2
        h2 = np.maximum(z2, 0)
        scores = h2 @ w3 + b3
        margins = 1 - target * scores
        loss = float(np.maximum(margins, 0).sum()) / n + DEMO_ALPHA * sum(float(np.vdot(p, p)) for p in params)
        accuracy = np.count_nonzero((scores > 0) == positive) / n
        d3 = np.where(margins > 0, slope, 0.0)
        d2 = (d3 @ w3.T) * (z2 > 0)
        d1 = (d2 @ w2.T) * (z1 > 0)
        grads = [x.T @ d1, d1.sum(0), h1.T @ d2, d2.sum(0), h2.T @ d3, d3.sum(0)]
        lr = demo_learning_rate(k, STEPS)
        for p, g in zip(params, grads):
            g += 2 * DEMO_ALPHA * p
            p -= lr * g
    return params, (loss, accuracy)


def run_torch(torch, params, x, y):
    weights = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params]
    inputs, target = torch.tensor(x), torch.tensor(y)
    for k in range(STEPS):
        h = inputs
        for i in range(0, 6, 2):
            h = h @ weights[i] + weights[i + 1]
            if i < 4:
                h = torch.relu(h)
        scores = h[:, 0]
        loss = torch.relu(1 - target * scores).mean() + DEMO_ALPHA * sum((p * p).sum() for p in weights)
        accuracy = ((scores > 0) == (target > 0)).double().mean().item()
        for p in weights:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            lr = demo_learning_rate(k, STEPS)
            for p in weights:
                p -= lr * p.grad
    return [p.detach().numpy() for p in weights], (loss.item(), accuracy)


def run_value(params, x, y, steps=STEPS):
    model = ValueMLP(params, activation="relu")
    history = train_demo(model, x, y, steps)
    return model.arrays(), history[-1]


def micrograd_model(params):
    from micrograd import nn

    model = nn.MLP(2, [16, 16, 1])
    for layer, (w, b) in zip(model.layers, zip(params[::2], params[1::2])):
        for j, neuron in enumerate(layer.neurons):
            for i, wi in enumerate(neuron.w):
                wi.data = float(w[i, j])
            neuron.b.data = float(b[j])
    return model


def micrograd_step(model, rows, labels, k, steps):
    """micrograd's demo notebook, one step, as it is written there."""
    from micrograd.engine import Value as MicroValue

    inputs = [list(map(MicroValue, row)) for row in rows]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * si).relu() for yi, si in zip(labels, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    total = data_loss + DEMO_ALPHA * sum(p * p for p in model.parameters())
    accuracy = sum((yi > 0) == (si.data > 0) for yi, si in zip(labels, scores)) / len(labels)
    model.zero_grad()
    total.backward()
    lr = 1.0 - 0.9 * k / steps
    for p in model.parameters():
        p.data -= lr * p.grad
    return total.data, accuracy


def run_micrograd(params, x, y, steps=STEPS):
    model = micrograd_model(params)
    rows, labels = x.tolist(), y.tolist()
    for k in range(steps):
        last = micrograd_step(model, rows, labels, k, steps)
    arrays = []
    for layer in model.layers:
        arrays.append(np.array([[n.w[i].data for n in layer.neurons] for i in range(len(layer.neurons[0].w))]))
        arrays.append(np.array([n.b.data for n in layer.neurons]))
    return arrays, last


def in_fresh_process(part: str, quick: bool) -> dict:
    """Run one scalar-engine measurement in a new Python process, without PyTorch loaded.

    The cyclic garbage collector periodically scans every live object of the process; with PyTorch
    imported there are about eight times as many, and a scalar engine's step would pay for scanning
    them. Each scalar measurement gets a process of its own, as it has when the demo is run on its own.
    """
    command = [sys.executable, __file__, "--part", part] + (["--quick"] if quick else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout)


def scalar_demo(engine: str, quick: bool) -> dict:
    """The demo on `Value` or micrograd (run in its own process by `in_fresh_process`)."""
    net, x, y = demo_problem(rng=0)
    params = [p.copy() for p in net.parameters()]
    if engine == "Value":
        steps, repeats, run = STEPS, 1 if quick else 3, run_value
    else:
        steps, repeats, run = 5 if quick else STEPS, 1, run_micrograd
    samples = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        final, (loss, accuracy) = run(params, x, y, steps)
        samples.append(time.perf_counter() - start)
    return {
        "steps": steps,
        "runs": repeats,
        "median_s": statistics.median(samples) * STEPS / steps,
        "final_loss": float(loss),
        "final_accuracy": float(accuracy),
        "final": [p.tolist() for p in final],
    }


def bench_demo(quick: bool, torch) -> dict:
    net, x, y = demo_problem(rng=0)
    params = [p.copy() for p in net.parameters()]
    engines = {"MLP": run_mlp, "numpy loop": run_numpy}
    if torch is not None:
        engines["PyTorch"] = lambda p, a, b: run_torch(torch, p, a, b)
    times: dict[str, list[float]] = {name: [] for name in engines}
    results = {}
    for _ in range(5 if quick else 31):  # interleaved, so that a busy moment hits every engine alike
        for name, run in engines.items():
            start = time.perf_counter()
            results[name] = run(params, x, y)
            times[name].append(time.perf_counter() - start)
    out = {}
    for name, samples in times.items():
        final, (loss, accuracy) = results[name]
        out[name] = {
            "steps": STEPS,
            "runs": len(samples),
            "median_s": statistics.median(samples),
            "final_loss": float(loss),
            "final_accuracy": float(accuracy),
            "final": final,
        }
    for engine in ("Value", "micrograd"):
        if engine == "micrograd" and not version("micrograd"):
            print("micrograd is not installed (`pip install micrograd` into .venv): skipped")
            continue
        out[engine] = in_fresh_process(f"demo-{engine}", quick)
    for entry in out.values():
        final = [np.asarray(p) for p in entry.pop("final")]
        reference = results["MLP"][0]
        if entry["steps"] < STEPS:  # micrograd timed over fewer steps: compare with Value after as many
            reference = run_value(params, x, y, entry["steps"])[0]
        entry["max_abs_diff_from_MLP"] = max(float(np.abs(a - b).max()) for a, b in zip(final, reference))
    return out


# --- 2. the garbage collector's share ------------------------------------------------------------


def bench_gc(quick: bool) -> dict:
    net, x, y = demo_problem(rng=0)
    params = [p.copy() for p in net.parameters()]
    steps = 2 if quick else 5
    engines = {"Value": lambda: (ValueMLP(params), lambda m, k: train_demo(m, x, y, 1))}
    if version("micrograd"):
        rows, labels = x.tolist(), y.tolist()
        engines["micrograd"] = lambda: (micrograd_model(params), lambda m, k: micrograd_step(m, rows, labels, k, STEPS))
    out = {}
    for name, make in engines.items():
        entry = {}
        for collector in ("on", "off"):
            model, step = make()
            gc.collect()
            if collector == "off":
                gc.disable()
            try:
                entry[f"step_s_gc_{collector}"] = statistics.median(
                    timed(partial(step, model, k)) for k in range(steps)
                )
            finally:
                gc.enable()
        model, step = make()
        gc.collect()
        gc.disable()
        try:
            step(model, 0)  # one step's graph is built and dropped
            entry["objects_left_for_gc_per_step"] = gc.collect()
        finally:
            gc.enable()
        entry["gc_share"] = 1 - entry["step_s_gc_off"] / entry["step_s_gc_on"]
        out[name] = entry
    return out


# --- 3. forward, backward and finite differences as the width grows -------------------------------


def per_call(run, budget: float = 0.05, repeat: int = 7) -> float:
    """Median seconds per call of `run` over `repeat` batches of calls lasting about `budget` each."""
    number = max(1, int(budget / max(timed(run), 1e-7)))
    return statistics.median(timed(lambda: [run() for _ in range(number)]) / number for _ in range(repeat))


def output_dot(net: MLP, x: np.ndarray, upstream: np.ndarray) -> float:
    """sum(upstream * output): the loss whose gradient `net.backward(upstream)` computes."""
    return float(np.vdot(upstream, net.forward(x)))


def bench_cost(quick: bool) -> list[dict]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(100, 2))
    rows = []
    for width in WIDTHS[:4] if quick else WIDTHS:
        net = MLP([2, width, width, 1], activation="relu", rng=0)
        upstream = rng.normal(size=(100, 1))
        net.forward(x)
        row = {
            "width": width,
            "parameters": sum(p.size for p in net.parameters()),
            "forward_s": per_call(partial(net.forward, x)),
            "backward_s": per_call(partial(net.backward, upstream)),
            "finite_differences_s": None,
        }
        if width <= (32 if quick else FD_MAX_WIDTH):
            start = time.perf_counter()
            numeric = numerical_parameter_gradients(partial(output_dot, net, x, upstream), net.parameters())
            row["finite_differences_s"] = time.perf_counter() - start
            net.forward(x)
            worst = max(float(np.abs(a - n).max() / np.abs(a).max()) for a, n in zip(net.backward(upstream), numeric))
            row["finite_differences_max_error"] = worst
        rows.append(row)
    return rows


# --- 4. a million nodes ---------------------------------------------------------------------------


def bench_million(quick: bool) -> dict:
    n = 50_000 if quick else 500_000  # two nodes each: a chain of a million nodes and one leaf
    gc.collect()
    x = Value(0.5)
    start = time.perf_counter()
    v = x
    for _ in range(n):
        v = (v * 0.999999).tanh()
    build = time.perf_counter() - start
    start = time.perf_counter()
    v.backward()
    backward = time.perf_counter() - start
    nodes = 2 * n + 1
    start = time.perf_counter()
    del v
    free = time.perf_counter() - start
    out = {
        "nodes": nodes,
        "build_s": build,
        "backward_s": backward,
        "free_s": free,
        "objects_left_for_gc": gc.collect(),
        "grad": x.grad,
    }
    if version("micrograd"):
        from micrograd.engine import Value as MicroValue

        m = MicroValue(0.5)
        for _ in range(2000):
            m = m * 0.999999
        try:
            m.backward()
            out["micrograd_chain_of_2000"] = "ok"
        except RecursionError:
            out["micrograd_chain_of_2000"] = "RecursionError"
        del m
        gc.collect()
    return out


# --- report ---------------------------------------------------------------------------------------


def sig(value: float, digits: int = 3) -> str:
    """`value` to `digits` significant digits, with thousands separators and no exponent."""
    rounded = float(f"{value:.{digits}g}")
    if abs(rounded) >= 10 ** (digits - 1):
        return f"{rounded:,.0f}"
    return f"{rounded:.{digits}g}" if abs(rounded) >= 1e-4 else f"{rounded:.{digits}e}"


def duration(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale or unit == "µs":
            return f"{sig(seconds / scale)} {unit}"
    raise AssertionError


def markdown(results: dict) -> str:
    machine = results["machine"]
    demo = results["demo"]
    lines = [
        f"Measured on {machine['date']}: {machine['cpu']}, {machine['cores']} cores, Python "
        f"{machine['python']}, numpy {machine['numpy']}"
        + (f", PyTorch {machine['torch']}" if machine["torch"] else "")
        + (f", micrograd {machine['micrograd']}" if machine["micrograd"] else "")
        + "; one thread each. Written by `benchmarks/bench_chain_rule.py`.",
        "",
        "| micrograd's demo, 100 steps | time (median) | per step | × `MLP`'s time | final loss | accuracy |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    base = demo["MLP"]["median_s"]
    for name, entry in demo.items():
        note = f" (timed over {entry['steps']} steps)" if entry["steps"] < STEPS else ""
        lines.append(
            f"| {name}{note} | {duration(entry['median_s'])} | {duration(entry['median_s'] / STEPS)} "
            f"| {sig(entry['median_s'] / base)} | {entry['final_loss']:.4f} | "
            f"{entry['final_accuracy']:.0%} |"
        )
    lines += [
        "",
        "One step of the demo with Python's cyclic garbage collector on and off:",
        "",
        "| one step of the demo | collector on | collector off | time in the collector "
        "| objects left for the collector |",
        "|---|--:|--:|--:|--:|",
    ]
    for name, entry in results["gc"].items():
        lines.append(
            f"| {name} | {duration(entry['step_s_gc_on'])} | {duration(entry['step_s_gc_off'])} | "
            f"{entry['gc_share']:.0%} | {entry['objects_left_for_gc_per_step']:,} |"
        )
    lines += [
        "",
        "One gradient of `MLP([2, w, w, 1])` on a batch of 100, as the width w grows (central differences "
        "only up to w = 128: beyond, they take minutes):",
        "",
        "| w | parameters | forward | backward | backward / forward | central differences | ÷ (forward + backward) |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in results["backward_cost"]:
        fd = row["finite_differences_s"]
        both = row["forward_s"] + row["backward_s"]
        lines.append(
            f"| {row['width']} | {row['parameters']:,} | {duration(row['forward_s'])} | "
            f"{duration(row['backward_s'])} | {row['backward_s'] / row['forward_s']:.1f} | "
            + (f"{duration(fd)} | {sig(fd / both)} |" if fd is not None else "not run | |")
        )
    million = results["million_nodes"]
    lines += [
        "",
        f"A chain of {million['nodes']:,} `Value` nodes: built in {duration(million['build_s'])}, "
        f"backward in {duration(million['backward_s'])}, freed in {duration(million['free_s'])} when "
        f"dropped, leaving {million['objects_left_for_gc']} objects for the garbage collector."
        + (
            " micrograd's recursive backward raises `RecursionError` on a chain of 2,000 nodes."
            if million.get("micrograd_chain_of_2000") == "RecursionError"
            else ""
        ),
    ]
    return "\n".join(lines) + "\n"


def page_values(results: dict) -> dict:
    """The numbers docs/reference/performance.md quotes from the results in its prose (the tables it includes whole).

    How many steps of the demo the engines' final weights are compared after, and how many orders of
    magnitude `Value` is slower than `MLP` on it: the power of ten nearest to the ratio of their times.
    """
    demo = results["demo"]
    return {
        "demo_steps": demo["MLP"]["steps"],
        "value_over_mlp_orders": round(math.log10(demo["Value"]["median_s"] / demo["MLP"]["median_s"])),
    }


def write(results: dict, text: str) -> list[Path]:
    """The tables as docs/reference/performance.md includes them, and the numbers its prose quotes."""
    # Imported here, not above: it loads matplotlib, whose objects the collector would scan in the
    # fresh processes that time the scalar engines.
    from sitebuild.figure_style import save_values

    (OUT / "chain_rule.md").write_text(text, encoding="utf-8")
    return [OUT / "chain_rule.md", *save_values(page_values(results), OUT / "bench_chain_rule")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, micrograd for 5 steps, no files")
    parser.add_argument(
        "--rewrite-table",
        action="store_true",
        help="only rewrite benchmarks/chain_rule.md from the committed benchmarks/chain_rule.json",
    )
    parser.add_argument(
        "--part", choices=["demo-Value", "demo-micrograd", "gc", "million"], help=argparse.SUPPRESS
    )  # one scalar measurement, run in a fresh process
    args = parser.parse_args()
    if args.part:
        parts = {
            "demo-Value": lambda: scalar_demo("Value", args.quick),
            "demo-micrograd": lambda: scalar_demo("micrograd", args.quick),
            "gc": lambda: bench_gc(args.quick),
            "million": lambda: bench_million(args.quick),
        }
        print(json.dumps(parts[args.part]()))
        return 0
    if args.rewrite_table:
        results = json.loads((OUT / "chain_rule.json").read_text(encoding="utf-8"))
        write(results, markdown(results))
        return 0
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        torch = None
        print("PyTorch is not installed (`make torch`): skipped")
    machine = {
        "date": dt.date.today().isoformat(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "torch": version("torch"),
        "micrograd": version("micrograd"),
    }
    print(
        f"{machine['cpu']}, {machine['cores']} cores, Python {machine['python']}, numpy {machine['numpy']}, "
        f"torch {machine['torch']}, micrograd {machine['micrograd']}"
    )
    results = {"machine": machine}
    for key, bench in (
        ("demo", lambda: bench_demo(args.quick, torch)),
        ("gc", lambda: in_fresh_process("gc", args.quick)),
        ("backward_cost", lambda: bench_cost(args.quick)),
        ("million_nodes", lambda: in_fresh_process("million", args.quick)),
    ):
        start = time.perf_counter()
        results[key] = bench()
        print(f"[{key}: {time.perf_counter() - start:.0f} s]", flush=True)
    demo = results["demo"]
    ratios = {
        "PyTorch / MLP": ("PyTorch", "MLP"),
        "MLP / numpy loop": ("MLP", "numpy loop"),
        "micrograd / Value": ("micrograd", "Value"),
        "Value / MLP": ("Value", "MLP"),
    }
    results["ratios"] = {
        label: demo[a]["median_s"] / demo[b]["median_s"] for label, (a, b) in ratios.items() if a in demo and b in demo
    }
    text = markdown(results)
    print(text)
    for label, ratio in results["ratios"].items():
        print(f"{label}: {ratio:.2f}")
    if not args.quick:
        OUT.mkdir(exist_ok=True)
        (OUT / "chain_rule.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        written = [OUT / "chain_rule.json", *write(results, text)]
        print("wrote", ", ".join(str(path) for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
