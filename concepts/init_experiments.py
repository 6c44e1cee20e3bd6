"""The experiments of the initialization page: signals through deep stacks, symmetry, warm starts.

- `depth_statistics` sends a batch of standard normal inputs through a deep stack of equal-width
  layers started by a given initializer, and measures the activations of every layer and the gradient
  that reaches every layer's weights.
- `SCHEMES` holds the six starts the page compares, from a fixed range to He et al. (2015).
- `train` is plain full-batch gradient descent on the logistic loss; with it, `symmetry_experiment`
  shows that a constant start never separates the hidden units, and `warm_start` that a network
  trained on a related task learns a new one in fewer steps (transfer, Yosinski et al. 2014).

Every network here is a `concepts.network.MLP`, whose backward pass gives the weight gradients.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, as_positive_int, as_real, as_rng
from .datasets import two_moons
from .initialization import initializer
from .network import HIDDEN_ACTIVATIONS, MLP
from .neuron import sigmoid

__all__ = [
    "Scheme", "SCHEMES", "DepthStatistics", "depth_statistics", "scale_sweep", "train", "hidden_unit_spread",
    "SymmetryRun", "symmetry_experiment", "WarmStart", "warm_start", "steps_to_reach",
]


class Scheme(NamedTuple):
    """A named start: `label` for figures, `init(fan_in, fan_out, rng)` for `MLP`, and `variance(fan_in,
    fan_out)`, the variance of its weights (the tests check it against samples)."""

    label: str
    init: Callable
    variance: Callable[[int, int], float]


SCHEMES: dict[str, Scheme] = {
    "fixed": Scheme("U(−0.3, 0.3)", initializer("uniform", a=-0.3, b=0.3), lambda n, m: 0.6**2 / 12),
    "std1": Scheme("N(0, 1)", initializer("normal", std=1.0), lambda n, m: 1.0),
    "standard": Scheme("U(±1/√n): nn.Linear", initializer("kaiming_uniform", a=math.sqrt(5)),
                       lambda n, m: 1 / (3 * n)),
    "lecun": Scheme("LeCun N(0, 1/n)", initializer("lecun_normal"), lambda n, m: 1 / n),
    "xavier": Scheme("Xavier U(±√(6/(n+m)))", initializer("xavier_uniform"), lambda n, m: 2 / (n + m)),
    "he": Scheme("He N(0, 2/n)", initializer("kaiming_normal", nonlinearity="relu"), lambda n, m: 2 / n),
}


def _init(init) -> Callable:
    if isinstance(init, str):
        if init not in SCHEMES:
            raise ValueError(f"init must be one of {sorted(SCHEMES)} or a callable init(fan_in, fan_out, rng), "
                             f"got {init!r}")
        return SCHEMES[init].init
    if not callable(init):
        raise TypeError(f"init must be a scheme name or a callable init(fan_in, fan_out, rng), got {init!r}")
    return init


@dataclass(frozen=True)
class DepthStatistics:
    """What `depth_statistics` measured; index `l - 1` is layer `l`.

    Attributes:
        activations: the output of each hidden layer, `depth` arrays of shape `(batch, width)`.
        activation_std: the standard deviation of each layer's outputs (over batch and units).
        activation_var: their variance, `activation_std ** 2`.
        weight_grad_norm: the norm of dL/dW for each hidden layer's weights (None without gradients),
            for the loss L = mean over the batch of (output · r), r a fixed standard normal vector per
            example: a random read-out, so that the gradient reaching the top does not depend on the
            start and what changes from layer to layer is the start's doing.
        bias_grad_norm: the norm of dL/db for each hidden layer: the error signal dL/dz that reaches
            the layer, summed over the batch (dL/dW is the layer's input times it).
    """

    activations: list[np.ndarray]
    activation_std: np.ndarray
    activation_var: np.ndarray
    weight_grad_norm: np.ndarray | None
    bias_grad_norm: np.ndarray | None


def depth_statistics(init: str | Callable, activation: str = "tanh", depth: int = 50, width: int = 256,
                     batch: int = 128, *, gradients: bool = True,
                     rng: np.random.Generator | int | None = None) -> DepthStatistics:
    """Activations and weight gradients, layer by layer, through `depth` hidden layers of `width` units.

    The stack is `MLP([width] * (depth + 2), activation, init=init)`: `depth` hidden layers with the
    activation, then a linear read-out; biases start at 0. The input is a `(batch, width)` array of
    standard normal numbers (variance 1). Overflow to infinity is allowed: it is what an exploding
    start does.

    Args:
        init: a key of `SCHEMES` or a callable `init(fan_in, fan_out, rng)` (see `initializer`).
        activation: `"tanh"`, `"relu"`, `"sigmoid"`, `"leaky_relu"` or `"identity"`.
        gradients: also run the backward pass (set False for activations only, faster).

    Examples:
        >>> he = depth_statistics("he", "relu", depth=20, width=128, rng=0)
        >>> small = depth_statistics("standard", "relu", depth=20, width=128, rng=0)
        >>> [f"{s.activation_std[-1]:.1e}" for s in (he, small)]  # after 20 layers
        ['1.2e+00', '7.2e-09']
    """
    depth, width, batch = (as_positive_int(v, name) for v, name in ((depth, "depth"), (width, "width"),
                                                                     (batch, "batch")))
    rng = as_rng(rng)
    net = MLP([width] * (depth + 2), activation, rng, init=_init(init))
    x = rng.standard_normal((batch, width))
    with np.errstate(over="ignore"):  # a start that explodes may reach infinity: that is the finding
        # --8<-- [start:depth_statistics]
        out = net.forward(x)
        hidden = net.layer_inputs[1:]  # the outputs of hidden layers 1..depth
        std = np.array([h.std() for h in hidden])
        w_norm = b_norm = None
        if gradients:
            r = rng.standard_normal(out.shape)  # L = mean over the batch of (out · r)
            grads = net.backward(r / batch)  # [dL/dW1, dL/db1, dL/dW2, ...]
            norms = np.array([np.linalg.norm(g) for g in grads[:2 * depth]])
            w_norm, b_norm = norms[0::2], norms[1::2]
        # --8<-- [end:depth_statistics]
    return DepthStatistics(hidden, std, std**2, w_norm, b_norm)


def scale_sweep(multipliers: ArrayLike, activation: str = "tanh", depth: int = 50, width: int = 256,
                batch: int = 64, *, rng: np.random.Generator | int | None = None) -> np.ndarray:
    """Activation variance per layer when the weights are N(0, (m / sqrt(width))²), for each multiplier m.

    m = 1 is LeCun's variance (and Xavier's, for equal widths), m = sqrt(2) He's, m = sqrt(1/3) that of
    U(±1/sqrt(n)), m = sqrt(width) a plain N(0, 1). The stack has no biases, and every m scales the
    same random matrices, so the curves differ only by the scale.

    Returns:
        shape `(len(multipliers), depth)`.

    Examples:
        >>> var = scale_sweep([1.0, math.sqrt(2)], "relu", depth=30, width=128, rng=0)
        >>> var.shape, [f"{v:.1e}" for v in var[:, -1]]
        ((2, 30), ['9.3e-10', '1.0e+00'])
    """
    multipliers = as_float_array(multipliers, "multipliers", ndim=1)
    if not (np.isfinite(multipliers).all() and (multipliers >= 0).all()):
        raise ValueError(f"multipliers must be finite and >= 0, got {multipliers}")
    if activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(HIDDEN_ACTIVATIONS)}, got {activation!r}")
    f = HIDDEN_ACTIVATIONS[activation][0]
    depth, width, batch = (as_positive_int(v, name) for v, name in ((depth, "depth"), (width, "width"),
                                                                     (batch, "batch")))
    rng = as_rng(rng)
    unit = [rng.standard_normal((width, width)) / math.sqrt(width) for _ in range(depth)]  # Var = 1/n
    x = rng.standard_normal((batch, width))
    out = np.empty((multipliers.size, depth))
    with np.errstate(over="ignore", invalid="ignore"):  # N(0, 1) weights overflow a ReLU stack: allowed
        for i, m in enumerate(multipliers):
            h = x
            for layer, w in enumerate(unit):
                h = f((h @ w) * m)
                out[i, layer] = h.var()
    return out


def _logistic_loss(logits: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.logaddexp(0.0, logits) - y * logits))  # binary cross-entropy on logits, stable


def train(net: MLP, x: ArrayLike, y: ArrayLike, lr: float = 0.5, steps: int = 1000) -> np.ndarray:
    """Full-batch gradient descent on the logistic loss of a one-output network; returns each step's loss.

    Args:
        net: an `MLP` with one output, trained in place.
        x: inputs, shape `(batch, net.sizes[0])`.
        y: labels 0 or 1, shape `(batch,)`.

    Returns:
        the loss before each step and after the last, shape `(steps + 1,)`.

    Examples:
        >>> x, y = two_moons(100, rng=0)
        >>> losses = train(MLP([2, 8, 1], "tanh", rng=0), x, y, lr=0.5, steps=200)
        >>> bool(losses[-1] < losses[0] / 3)
        True
    """
    x = as_float_array(x, "x", ndim=2)
    y = as_float_array(y, "y", ndim=1)
    if net.sizes[-1] != 1 or x.shape != (y.size, net.sizes[0]):
        raise ValueError(f"net must have one output and x the shape ({y.size}, {net.sizes[0]}), "
                         f"got {net.sizes} and {x.shape}")
    lr, steps = as_real(lr, "lr"), as_positive_int(steps, "steps")
    losses = np.empty(steps + 1)
    # --8<-- [start:train]
    for step in range(steps + 1):
        logits = net.forward(x)[:, 0]
        losses[step] = _logistic_loss(logits, y)
        if step == steps:
            break
        grad = (sigmoid(logits) - y)[:, None] / y.size  # dL/dlogits of the mean loss
        for p, g in zip(net.parameters(), net.backward(grad)):
            p -= lr * g
    # --8<-- [end:train]
    return losses


def hidden_unit_spread(net: MLP) -> float:
    """The largest difference between two units of the same hidden layer: their incoming weights,
    their biases and their outgoing weights. 0 means the units are copies of each other.

    Examples:
        >>> from concepts.initialization import initializer
        >>> hidden_unit_spread(MLP([2, 4, 1], rng=0, init=initializer("constant", value=0.3)))
        0.0
    """
    spread = 0.0
    for i in range(len(net.weights) - 1):  # layer i feeds hidden layer i + 1
        w_in, b, w_out = net.weights[i], net.biases[i], net.weights[i + 1]
        spread = max(spread, np.abs(w_in - w_in[:, :1]).max(), np.abs(b - b[0]).max(),
                     np.abs(w_out - w_out[:1, :]).max())
    return float(spread)


@dataclass(frozen=True)
class SymmetryRun:
    """What `symmetry_experiment` recorded.

    Attributes:
        losses: the training loss at each step, shape `(steps + 1,)`.
        first_weights: every `every` steps, the weight from input 1 to each unit of the first hidden
            layer, shape `(steps // every + 1, hidden)`.
        spread: `hidden_unit_spread` of the trained network.
        accuracy: the fraction of training points classified right after training.
    """

    losses: np.ndarray
    first_weights: np.ndarray
    spread: float
    accuracy: float


def symmetry_experiment(init: str | Callable, steps: int = 1000, hidden: int = 8, lr: float = 0.5,
                        every: int = 10, *, rng: np.random.Generator | int | None = None) -> SymmetryRun:
    """Train a `[2, hidden, hidden, 1]` tanh network on 200 two-moons points from the start `init`.

    Args:
        init: a key of `SCHEMES`, or a callable `init(fan_in, fan_out, rng)` such as
            `initializer("constant", value=0.5)`.

    Examples:
        >>> from concepts.initialization import initializer
        >>> run = symmetry_experiment(initializer("constant", value=0.5), steps=100, rng=0)
        >>> run.spread, run.first_weights.shape
        (0.0, (11, 8))
    """
    steps, hidden, every = (as_positive_int(v, n) for v, n in ((steps, "steps"), (hidden, "hidden"),
                                                               (every, "every")))
    rng = as_rng(rng)
    x, y = two_moons(200, 0.1, rng=rng)
    net = MLP([2, hidden, hidden, 1], "tanh", rng, init=_init(init))
    losses, snapshots = [], [net.weights[0][0].copy()]
    for done in range(0, steps, every):
        chunk = train(net, x, y, lr, min(every, steps - done))
        losses.extend(chunk[:-1])
        snapshots.append(net.weights[0][0].copy())
    losses.append(chunk[-1])
    accuracy = float(np.mean((net.forward(x)[:, 0] > 0) == (y == 1)))
    return SymmetryRun(np.array(losses), np.array(snapshots), hidden_unit_spread(net), accuracy)


def _rotate(x: np.ndarray, degrees: float) -> np.ndarray:
    t = math.radians(degrees)
    return x @ np.array([[math.cos(t), math.sin(t)], [-math.sin(t), math.cos(t)]])


@dataclass(frozen=True)
class WarmStart:
    """What `warm_start` recorded.

    Attributes:
        scratch: training losses on the new task from a fresh Xavier start, shape `(runs, steps + 1)`.
        warm: the same from a network first trained on the old task.
        old_task: `(x, y)` of the old task; `new_task`: of the new one.
    """

    scratch: np.ndarray
    warm: np.ndarray
    old_task: tuple[np.ndarray, np.ndarray]
    new_task: tuple[np.ndarray, np.ndarray]


def warm_start(angle: float = 30.0, steps: int = 400, pretrain_steps: int = 1000, runs: int = 3,
               lr: float = 0.5, *, rng: np.random.Generator | int | None = None) -> WarmStart:
    """Learn two moons turned by `angle` degrees, from scratch and from a network trained on upright moons.

    The old task: 200 two-moons points. The new, related one: another 200 points, turned by `angle`.
    Each run trains a `[2, 16, 16, 1]` tanh network (Xavier start) on the old task for
    `pretrain_steps`, then on the new task for `steps`, and, beside it, a fresh network on the new
    task for `steps`. The pretraining is not counted: a warm start reuses work already done.

    Examples:
        >>> result = warm_start(steps=100, pretrain_steps=300, runs=1, rng=0)
        >>> bool(result.warm[0, -1] < result.scratch[0, -1])
        True
    """
    angle = as_real(angle, "angle")
    steps, pretrain_steps, runs = (as_positive_int(v, n) for v, n in ((steps, "steps"),
                                                                      (pretrain_steps, "pretrain_steps"),
                                                                      (runs, "runs")))
    rng = as_rng(rng)
    old_x, old_y = two_moons(200, 0.1, rng=rng)
    new_x, new_y = two_moons(200, 0.1, rng=rng)
    new_x = _rotate(new_x, angle)
    scratch, warm = [], []
    for _ in range(runs):
        # --8<-- [start:warm_start]
        pretrained = MLP([2, 16, 16, 1], "tanh", rng, init=SCHEMES["xavier"].init)
        train(pretrained, old_x, old_y, lr, pretrain_steps)  # the old task
        warm.append(train(pretrained, new_x, new_y, lr, steps))  # then the new one
        fresh = MLP([2, 16, 16, 1], "tanh", rng, init=SCHEMES["xavier"].init)
        scratch.append(train(fresh, new_x, new_y, lr, steps))
        # --8<-- [end:warm_start]
    return WarmStart(np.array(scratch), np.array(warm), (old_x, old_y), (new_x, new_y))


def steps_to_reach(losses: ArrayLike, target: float) -> int | None:
    """The first step at which the loss is at most `target`, or None if it never gets there.

    Examples:
        >>> steps_to_reach([0.9, 0.5, 0.2, 0.1], 0.3), steps_to_reach([0.9, 0.5], 0.1)
        (2, None)
    """
    losses = as_float_array(losses, "losses", ndim=1)
    below = np.flatnonzero(losses <= as_real(target, "target"))
    return int(below[0]) if below.size else None
