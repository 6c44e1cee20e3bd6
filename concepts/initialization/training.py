"""Training from a start: symmetry that never breaks, starts that train or fail, and warm starts.

`train` is full-batch gradient descent on the logistic loss (`concepts.learning_rate.train` with `SGD`
on `classifier_objective`); with it, `symmetry_experiment` shows that a constant start never separates
the hidden units, `start_experiment` trains one small ReLU network from a given start (the
deeplearning.ai notes' experiment: zeros, large random values, He), `dead_units` counts the ReLU units a
start has switched off, and `warm_start` shows that a network trained on a related task learns a new one
in fewer steps (transfer, Yosinski et al. 2014).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .. import learning_rate
from ..datasets import rotate, two_moons
from ..network import MLP
from ..validation import (
    as_finite_array,
    as_float_array,
    as_positive,
    as_positive_int,
    as_real,
    as_rng,
    as_sizes,
    check_finite,
)
from .depth import SCHEMES, scheme_init

__all__ = [
    "train",
    "hidden_unit_spread",
    "SymmetryRun",
    "symmetry_experiment",
    "dead_units",
    "StartRun",
    "start_experiment",
    "WarmStart",
    "warm_start",
    "steps_to_reach",
]


def _as_net(net) -> MLP:
    if not isinstance(net, MLP):
        raise TypeError(f"net must be a concepts.network.MLP, got {type(net).__name__}")
    return net


def _inputs(net: MLP, x) -> np.ndarray:
    """`x` as a non-empty `(batch, net.sizes[0])` array of finite numbers."""
    x = as_finite_array(x, "x", ndim=2, empty_ok=False)
    if x.shape[1] != net.sizes[0]:
        raise ValueError(f"x must have shape (batch, {net.sizes[0]}), the input width of net, got {x.shape}")
    return x


def train(net: MLP, x: ArrayLike, y: ArrayLike, lr: float = 0.5, steps: int = 1000) -> np.ndarray:
    """Full-batch gradient descent on the logistic loss of a one-output network; returns each step's loss.

    Args:
        net: an `MLP` with one output, trained in place.
        x: inputs, shape `(batch, net.sizes[0])`, finite, at least one row.
        y: labels 0 or 1 (or probabilities between, as PyTorch's `BCEWithLogitsLoss` takes), shape `(batch,)`.

    Returns:
        the loss before each step and after the last, shape `(steps + 1,)`.

    Examples:
        >>> x, y = two_moons(100, rng=0)
        >>> losses = train(MLP([2, 8, 1], "tanh", rng=0), x, y, lr=0.5, steps=200)
        >>> bool(losses[-1] < losses[0] / 3)
        True
    """
    if _as_net(net).sizes[-1] != 1:
        raise ValueError(f"net must have one output, got sizes {net.sizes}")
    x = _inputs(net, x)
    y = as_finite_array(y, "y", ndim=1)
    if y.size != x.shape[0]:
        raise ValueError(f"y must hold one label per row of x, {x.shape[0]}, got {y.size}")
    if ((y < 0) | (y > 1)).any():
        raise ValueError(
            f"y must hold labels 0 or 1 (or probabilities between), got values from {y.min()} to {y.max()}"
        )
    lr, steps = as_positive(lr, "lr"), as_positive_int(steps, "steps")
    # --8<-- [start:train]
    objective = learning_rate.classifier_objective(net, x, y)  # binary cross-entropy of the logits, full batch
    losses = learning_rate.train(net.parameters(), objective, learning_rate.SGD(lr), steps)
    # --8<-- [end:train]
    return np.append(losses, objective()[0])  # and the loss after the last step


def hidden_unit_spread(net: MLP) -> float:
    """The largest difference between two units of the same hidden layer: their incoming weights,
    their biases and their outgoing weights. 0 means the units are copies of each other.

    Examples:
        >>> from concepts.initialization import initializer
        >>> hidden_unit_spread(MLP([2, 4, 1], rng=0, init=initializer("constant", value=0.3)))
        0.0
    """
    net, spread = _as_net(net), 0.0
    with np.errstate(over="ignore"):  # weights of opposite signs near ±1.8e308 are farther apart than that: inf
        for i in range(len(net.weights) - 1):  # layer i feeds hidden layer i + 1
            w_in, b, w_out = net.weights[i], net.biases[i], net.weights[i + 1]
            spread = max(
                spread, np.abs(w_in - w_in[:, :1]).max(), np.abs(b - b[0]).max(), np.abs(w_out - w_out[:1, :]).max()
            )
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


def symmetry_experiment(
    init: str | Callable,
    steps: int = 1000,
    hidden: int = 8,
    lr: float = 0.5,
    every: int = 10,
    *,
    rng: np.random.Generator | int | None = None,
) -> SymmetryRun:
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
    init = scheme_init(init)
    steps, hidden, every = (as_positive_int(v, n) for v, n in ((steps, "steps"), (hidden, "hidden"), (every, "every")))
    lr, rng = as_positive(lr, "lr"), as_rng(rng)
    x, y = two_moons(200, 0.1, rng=rng)
    net = MLP([2, hidden, hidden, 1], "tanh", rng, init=init)
    losses: list[float] = []
    snapshots = [net.weights[0][0].copy()]
    for done in range(0, steps, every):
        chunk = train(net, x, y, lr, min(every, steps - done))
        losses.extend(chunk[:-1])
        snapshots.append(net.weights[0][0].copy())
    losses.append(chunk[-1])
    accuracy = float(np.mean((net.forward(x)[:, 0] > 0) == (y == 1)))
    return SymmetryRun(np.array(losses), np.array(snapshots), hidden_unit_spread(net), accuracy)


def dead_units(net: MLP, x: ArrayLike) -> np.ndarray:
    """For each hidden layer, the fraction of its units whose pre-activation is at most 0 for every row of `x`.

    Such a ReLU unit outputs 0 for every input, and its slope there is 0, so it passes no gradient back
    and cannot learn its way out: it is dead.

    Examples:
        >>> from concepts.initialization import initializer
        >>> net = MLP([2, 4, 1], "relu", rng=0, init=initializer("zeros"))
        >>> dead_units(net, [[1.0, 2.0], [-1.0, 0.5]]).tolist()   # z = 0 everywhere
        [1.0]
    """
    net = _as_net(net)
    net.forward(_inputs(net, x))
    return np.array([float(np.mean((z <= 0).all(axis=0))) for z in net.pre_activations[:-1]])


@dataclass(frozen=True)
class StartRun:
    """What `start_experiment` recorded.

    Attributes:
        losses: the training loss before each step and after the last, shape `(steps + 1,)`.
        net: the trained network; `net.forward(points)[:, 0] > 0` is its answer "class 1".
        data: `(x, y)`, the 200 two-moons points it trained on.
        accuracy: the fraction of those points classified right after training.
        dead: `dead_units` of the trained network on `x`, one fraction per hidden layer.
    """

    losses: np.ndarray
    net: MLP
    data: tuple[np.ndarray, np.ndarray]
    accuracy: float
    dead: np.ndarray


def start_experiment(
    init: str | Callable | None,
    sizes: Sequence[int] = (2, 16, 16, 1),
    steps: int = 1000,
    lr: float = 0.5,
    *,
    rng: np.random.Generator | int | None = None,
) -> StartRun:
    """Train a ReLU network of the given `sizes` on 200 two-moons points from the start `init`.

    The same network, data, learning rate and steps for every start, as in the deeplearning.ai notes'
    experiment (all zeros, large random values, He): only the start differs. Full-batch gradient
    descent on the logistic loss (`train`).

    Args:
        init: a key of `SCHEMES`, a callable `init(fan_in, fan_out, rng)` such as
            `initializer("normal", std=10.0)` (biases then start at 0), or None for PyTorch's
            `nn.Linear` default (weights and biases from U(-1/sqrt(n), 1/sqrt(n))).
        sizes: the layer widths, from the 2 inputs to the 1 output.

    Examples:
        >>> from concepts.initialization import initializer
        >>> run = start_experiment("he", steps=300, rng=0)
        >>> run.accuracy, run.losses.shape, run.dead.shape
        (1.0, (301,), (2,))
        >>> start_experiment(initializer("zeros"), steps=10, rng=0).accuracy
        0.5
    """
    init = None if init is None else scheme_init(init)
    sizes = as_sizes(sizes, "sizes", min_length=2)
    if sizes[0] != 2 or sizes[-1] != 1:
        raise ValueError(f"sizes must start at 2 (the two-moons inputs) and end at 1 (one output), got {sizes}")
    steps, lr, rng = as_positive_int(steps, "steps"), as_positive(lr, "lr"), as_rng(rng)
    x, y = two_moons(200, 0.1, rng=rng)
    # --8<-- [start:start_experiment]
    net = MLP(sizes, "relu", rng, init=init)  # only the start differs from run to run
    losses = train(net, x, y, lr, steps)  # full-batch gradient descent on the logistic loss
    accuracy = float(np.mean((net.forward(x)[:, 0] > 0) == (y == 1)))
    # --8<-- [end:start_experiment]
    return StartRun(losses, net, (x, y), accuracy, dead_units(net, x))


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


def warm_start(
    angle: float = 30.0,
    steps: int = 400,
    pretrain_steps: int = 1000,
    runs: int = 3,
    lr: float = 0.5,
    *,
    rng: np.random.Generator | int | None = None,
) -> WarmStart:
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
    angle = check_finite(as_real(angle, "angle"), "angle")
    steps, pretrain_steps, runs = (
        as_positive_int(v, n) for v, n in ((steps, "steps"), (pretrain_steps, "pretrain_steps"), (runs, "runs"))
    )
    lr, rng = as_positive(lr, "lr"), as_rng(rng)
    old_x, old_y = two_moons(200, 0.1, rng=rng)
    new_x, new_y = two_moons(200, 0.1, rng=rng)
    new_x = rotate(new_x, angle)
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
    losses = as_float_array(losses, "losses", ndim=1)  # a diverged run's inf or NaN never counts as reached
    below = np.flatnonzero(losses <= check_finite(as_real(target, "target"), "target"))
    return int(below[0]) if below.size else None
