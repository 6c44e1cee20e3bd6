"""Test vectors for the playground's engine, and the numbers the playground page states.

The playground trains in the reader's browser on `docs/javascripts/playground/engine.js`, a plain
JavaScript mirror of the parts of `concepts` it needs. This script computes, through `concepts` only,
what that engine must reproduce: activations and their slopes, the losses and their gradients, the
network's forward and backward pass, the optimizers' steps, the schedules' rates, the noise-free data
sets, the hidden layers' spread and the weight gradients' sizes, 2/L of a linear model's squared error,
the initializers' variances, a `Value` graph's backward pass, and whole training runs of a few hundred
steps from given weights and batches. They are saved to `figures/playground.vectors.json`, which
tests/browser/test_playground.py feeds to the engine in Chromium (agreement to 1e-12 required); the
file is not part of the site.
"""

# %%
import json
from pathlib import Path

import numpy as np

from concepts import datasets
from concepts.chain_rule import example_graph, layer_gradient_norms, topological_order
from concepts.initialization import SCHEMES
from concepts.learning_rate import SGD, Adam, cosine_annealing_lr, exponential_lr, step_lr
from concepts.loss import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    mse_loss,
    mse_loss_grad,
)
from concepts.network import HIDDEN_ACTIVATIONS, MLP
from concepts.neuron import sigmoid, sigmoid_grad
from sitebuild.figure_style import run, save_values
from sitebuild.fileio import write_if_changed

SEED = 20261201
TOLERANCE = 1e-12  # the engine must agree with concepts within this share of each array's largest entry
Z = [0.0, 1e-9, -1e-9, 0.3, -0.3, 1.0, -1.0, 2.5, -2.5, 7.0, -7.0, 19.0, -19.0, 40.0, -40.0, 700.0, -700.0]

# --- what the playground offers: the engine's names for the functions of concepts --------------------


def _loss(name: str):
    """(value, grad) of the loss the engine calls `name`, on the network's output z of shape (n, 1)."""
    if name == "cross_entropy":
        return binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad
    if name == "mse":
        return mse_loss, mse_loss_grad
    # the squared error of the probability sigmoid(z), its gradient through the chain rule
    return (
        lambda z, y: mse_loss(sigmoid(z), y),
        lambda z, y: mse_loss_grad(sigmoid(z), y) * sigmoid_grad(z),
    )


LOSS_NAMES = ("cross_entropy", "mse", "mse_probability")
# the engine's schedules: rate(lr0, step, total steps of the run)
SCHEDULES = {
    "constant": lambda lr0, step, total: lr0,
    "step": lambda lr0, step, total: step_lr(lr0, step, max(1, total // 4), 0.5),
    "exponential": lambda lr0, step, total: exponential_lr(lr0, step, 0.01 ** (1 / total)),
    "cosine": lambda lr0, step, total: cosine_annealing_lr(lr0, step, total),
}
DATASETS = {
    "moons": datasets.two_moons,
    "xor": datasets.xor_blobs,
    "circles": datasets.circles,
    "spiral": datasets.spiral,
}
INIT_SCHEMES = ("fixed", "std1", "xavier", "he")  # the engine draws these from concepts' SCHEMES


def _flat(a) -> list:
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def _params(net: MLP) -> list[list[float]]:
    return [_flat(p) for p in net.parameters()]


# %% [markdown]
# Functions one by one.
# %%
def activation_vectors() -> dict:
    z = np.array(Z)
    return {
        name: {"z": Z, "f": _flat(f(z)), "df": _flat(df(z))}
        for name, (f, df) in HIDDEN_ACTIVATIONS.items()
        if name != "identity"
    }


def loss_vectors(rng: np.random.Generator) -> list[dict]:
    cases = []
    for n in (1, 5, 64):
        z = rng.normal(scale=4.0, size=(n, 1))
        z[0, 0] = 30.0 if n > 1 else z[0, 0]
        y = (rng.uniform(size=(n, 1)) < 0.5).astype(np.float64)
        for name in LOSS_NAMES:
            f, grad = _loss(name)
            cases.append(
                {"loss": name, "z": _flat(z), "y": _flat(y), "value": float(f(z, y)), "grad": _flat(grad(z, y))}
            )
    return cases


def network_vectors(rng: np.random.Generator) -> list[dict]:
    cases = []
    for sizes in ([2, 1], [2, 5, 3, 1], [2, 16, 16, 1], [2, 8, 8, 8, 8, 8, 8, 1]):
        for activation in ("tanh", "relu", "sigmoid", "leaky_relu"):
            net = MLP(sizes, activation, rng)
            n = int(rng.integers(1, 40))
            x = rng.normal(size=(n, 2))
            out = net.forward(x)
            hidden_std = [float(h.std()) for h in net.layer_inputs[1:]]
            g = rng.normal(size=out.shape) / n
            grads = net.backward(g)
            cases.append(
                {
                    "sizes": sizes,
                    "activation": activation,
                    "params": _params(net),
                    "x": _flat(x),
                    "n": n,
                    "out": _flat(out),
                    "hidden_std": hidden_std,
                    "grad_output": _flat(g),
                    "grads": [_flat(a) for a in grads],
                    "grad_norms": _flat(layer_gradient_norms(net, x, g)),
                }
            )
    return cases


def optimizer_vectors(rng: np.random.Generator) -> list[dict]:
    cases = []
    settings = [
        ("sgd", {"lr": 0.1}),
        ("sgd", {"lr": 0.05, "momentum": 0.9}),
        ("sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
        ("adam", {"lr": 0.01}),
        ("adam", {"lr": 0.3}),
    ]
    for kind, kwargs in settings:
        params = [rng.normal(size=(3, 4)), rng.normal(size=4)]
        start = [_flat(p) for p in params]
        grads = [[rng.normal(scale=s, size=p.shape) for p in params] for s in (1.0, 0.01, 100.0, 1.0, 0.5)]
        optimizer = SGD(**kwargs) if kind == "sgd" else Adam(**kwargs)
        after = []
        for step_grads in grads:
            optimizer.step(params, step_grads)
            after.append([_flat(p) for p in params])
        cases.append(
            {
                "kind": kind,
                "settings": kwargs,
                "start": start,
                "grads": [[_flat(g) for g in step_grads] for step_grads in grads],
                "after": after,
            }
        )
    return cases


def schedule_vectors() -> list[dict]:
    cases = []
    for total in (1, 7, 1000):
        steps = sorted({0, 1, total // 4, total // 4 + 1, total // 2, total - 1, total})
        for name, rate in SCHEDULES.items():
            cases.append({"schedule": name, "lr0": 0.3, "total": total, "steps": steps,
                          "rates": [float(rate(0.3, s, total)) for s in steps]})  # fmt: skip
    return cases


def dataset_vectors() -> list[dict]:
    return [
        {"data": name, "n": n, "x": _flat(x), "y": _flat(y)}
        for name, make in DATASETS.items()
        for n in (1, 2, 7, 200)
        for x, y in [make(n, noise=0.0, rng=0)]
    ]


def sharpness_vectors(rng: np.random.Generator) -> list[dict]:
    """2/L of mean((x @ w + b - y)^2): L the largest eigenvalue of its Hessian (2/n) A^T A, A = [x, 1]."""
    cases = []
    for name, make in DATASETS.items():
        x, _ = make(200, rng=rng)
        a = np.column_stack([x, np.ones(len(x))])
        largest = float(np.linalg.eigvalsh(2 / len(x) * a.T @ a)[-1])
        cases.append({"data": name, "x": _flat(x), "n": len(x), "L": largest})
    return cases


def initializer_vectors() -> list[dict]:
    return [
        {"init": name, "fan_in": n, "fan_out": m, "variance": SCHEMES[name].variance(n, m)}
        for name in INIT_SCHEMES
        for n, m in ((2, 16), (16, 16), (16, 1))
    ]


# %% [markdown]
# The chain-rule page's graph, L = (relu(w·x + b) − 1)² + w², at a few points: every node's value and
# gradient, in the order the backward pass visits them.
# %%
def value_vectors() -> list[dict]:
    cases = []
    for w0, x0, b0 in ((0.5, 2.0, -0.5), (-1.5, 0.7, 0.25), (0.3, -2.0, 0.1)):
        order = topological_order(example_graph(w0, x0, b0)["L"])
        cases.append(
            {
                "w": w0,
                "x": x0,
                "b": b0,
                "ops": [v.op for v in order],
                "data": [v.data for v in order],
                "grad": [v.grad for v in order],
            }
        )
    return cases


# %% [markdown]
# Whole training runs: the playground's step (forward, loss gradient, backward, the schedule's rate, the
# optimizer's step) composed from `concepts`, from given weights, on given batches.
# %%
RUNS = [
    {"activation": "tanh", "hidden": [16, 16], "loss": "cross_entropy", "optimizer": "adam", "lr": 0.01,
     "schedule": "constant", "batch": 0, "steps": 300},
    {"activation": "relu", "hidden": [16, 16], "loss": "mse", "optimizer": "sgd", "lr": 0.05, "momentum": 0.9,
     "schedule": "cosine", "batch": 32, "steps": 300},
    {"activation": "sigmoid", "hidden": [8, 8, 8], "loss": "mse_probability", "optimizer": "sgd", "lr": 0.5,
     "momentum": 0.0, "schedule": "step", "batch": 0, "steps": 200},
    {"activation": "leaky_relu", "hidden": [12], "loss": "cross_entropy", "optimizer": "adam", "lr": 0.03,
     "schedule": "exponential", "batch": 50, "steps": 300},
]  # fmt: skip


def training_run(settings: dict, rng: np.random.Generator) -> dict:
    x, y = datasets.two_moons(200, noise=0.15, rng=rng)
    y = y[:, None]
    net = MLP([2, *settings["hidden"], 1], settings["activation"], rng)
    start = _params(net)
    f, grad = _loss(settings["loss"])
    if settings["optimizer"] == "adam":
        optimizer = Adam(settings["lr"])
    else:
        optimizer = SGD(settings["lr"], momentum=settings["momentum"])
    rate, steps, batch = SCHEDULES[settings["schedule"]], settings["steps"], settings["batch"]
    batches, losses = [], []
    for step in range(steps):
        index = np.arange(len(x)) if batch == 0 else rng.choice(len(x), size=batch, replace=False)
        batches.append(index.tolist())
        out = net.forward(x[index])
        losses.append(float(f(out, y[index])))
        grads = net.backward(grad(out, y[index]))
        optimizer.lr = float(rate(settings["lr"], step, steps))
        optimizer.step(net.parameters(), grads)
    return {
        "settings": settings,
        "x": _flat(x),
        "y": _flat(y),
        "start": start,
        "batches": None if batch == 0 else batches,
        "losses": losses,
        "end": _params(net),
    }


def vectors() -> dict:
    rng = np.random.default_rng(SEED)
    return {
        "tolerance": TOLERANCE,
        "activations": activation_vectors(),
        "losses": loss_vectors(rng),
        "networks": network_vectors(rng),
        "optimizers": optimizer_vectors(rng),
        "schedules": schedule_vectors(),
        "datasets": dataset_vectors(),
        "sharpness": sharpness_vectors(rng),
        "initializers": initializer_vectors(),
        "values": value_vectors(),
        "runs": [training_run(settings, rng) for settings in RUNS],
    }


# %% [markdown]
# The numbers the playground page states.
# %%
def numbers() -> dict:
    return {"tolerance": TOLERANCE}


def main(out_dir: Path) -> list[Path]:
    path = out_dir / "playground.vectors.json"
    write_if_changed(path, json.dumps(vectors(), separators=(",", ":")) + "\n")
    return [path, *save_values(numbers(), out_dir / "playground")]


if __name__ == "__main__":
    run(main)
