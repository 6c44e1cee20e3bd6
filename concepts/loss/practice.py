"""The loss at work: fitting with it, and what its value does and does not tell you.

Built on `concepts.loss`: `fit_line` fits a straight line by gradient descent on any regression loss
(MSE against Huber on data with outliers); `train_curves` trains a small `MLP` by full-batch gradient
descent with momentum and records the loss on the training set and on held-out data (overfitting, and
the noise floor under the held-out loss); `accuracy` is the fraction of right answers, which can move
the other way from the loss.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from ..learning_rate import SGD
from ..network import MLP
from ..validation import as_choice, as_finite_array, as_positive, as_positive_int, as_real
from . import classification, regression
from .reduction import check_probability, classes

__all__ = ["LOSSES", "fit_line", "train_curves", "accuracy"]

# name -> (loss, its gradient), for the functions below that take a loss by name
LOSSES: dict[str, tuple[Callable, Callable]] = {
    "mse": (regression.mse_loss, regression.mse_loss_grad),
    "l1": (regression.l1_loss, regression.l1_loss_grad),
    "huber": (regression.huber_loss, regression.huber_loss_grad),
    "smooth_l1": (regression.smooth_l1_loss, regression.smooth_l1_loss_grad),
    "bce_with_logits": (
        classification.binary_cross_entropy_with_logits,
        classification.binary_cross_entropy_with_logits_grad,
    ),
}
# the keyword arguments each loss takes, checked as the loss checks them
_LOSS_KWARGS: dict[str, dict[str, Callable]] = {
    "huber": {"delta": lambda v: as_positive(v, "delta")},
    "smooth_l1": {"beta": lambda v: as_positive(v, "beta", zero_allowed=True)},
}


class _DivergedError(Exception):
    """A training run whose output has left the float range: the losses from here on are inf."""


def fit_line(
    x: ArrayLike, y: ArrayLike, loss: str = "mse", *, lr: float = 0.1, steps: int = 2000, **loss_kwargs: float
) -> tuple[float, float]:
    """Fit `y ≈ slope * x + intercept` by gradient descent on the named loss; return `(slope, intercept)`.

    The loss's gradient with respect to the predictions, `g = loss_grad(pred, y)`, gives the gradients
    of the two parameters by the chain rule: `sum(g * x)` for the slope and `sum(g)` for the intercept.
    With `loss="mse"` the result is the least-squares line.

    Args:
        x: the inputs of the points, a finite 1-D array, at least one point.
        y: their targets, a finite 1-D array as long as `x`.
        loss: a key of `LOSSES`; for `"bce_with_logits"` every `y` lies in [0, 1].
        lr: the learning rate, a finite number > 0.
        steps: how many steps, a positive integer.
        loss_kwargs: `delta` for `"huber"`, `beta` for `"smooth_l1"`.

    A run that diverges (too large a rate) does not raise and warns nothing: once a prediction leaves
    the float range it stops, and the slope and intercept it returns are infinities of their signs.

    Examples:
        >>> slope, intercept = fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])
        >>> round(slope, 6), round(intercept, 6)
        (2.0, 1.0)
        >>> fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], lr=10.0)   # too far: diverges
        (inf, inf)
    """
    x = as_finite_array(x, "x", ndim=1, empty_ok=False).astype(np.float64)
    y = as_finite_array(y, "y", ndim=1).astype(np.float64)
    if x.shape != y.shape:
        raise ValueError(f"y must have the shape of x, {x.shape}, got {y.shape}")
    loss = as_choice(loss, "loss", LOSSES)
    _check_loss_kwargs(loss, loss_kwargs)
    if loss == "bce_with_logits":
        check_probability(y, "y")
    _, grad = LOSSES[loss]
    lr = as_positive(lr, "lr")
    slope, intercept = 0.0, 0.0
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
        for _ in range(as_positive_int(steps, "steps")):
            if not np.isfinite(slope * x + intercept).all():
                return _infinite(slope), _infinite(intercept)
            # --8<-- [start:fit_line]
            g = grad(slope * x + intercept, y, **loss_kwargs)  # dL/d(prediction)
            slope -= lr * float(np.sum(g * x))  # d(prediction)/d(slope) = x
            intercept -= lr * float(np.sum(g))  # d(prediction)/d(intercept) = 1
            # --8<-- [end:fit_line]
    if not (np.isfinite(slope) and np.isfinite(intercept)):
        return _infinite(slope), _infinite(intercept)
    return slope, intercept


def _check_loss_kwargs(loss: str, loss_kwargs: dict) -> None:
    """A TypeError naming the keyword when the loss does not take it; each value checked as the loss does."""
    takes = _LOSS_KWARGS.get(loss, {})
    unknown = sorted(set(loss_kwargs) - set(takes))
    if unknown:
        wanted = f"only {sorted(takes)}" if takes else "no keyword arguments"
        raise TypeError(f"loss {loss!r} takes {wanted}, got {unknown}")
    for name, value in loss_kwargs.items():
        takes[name](value)


def _infinite(value: float) -> float:
    """A parameter of a diverged run: an infinity of its sign (+inf for NaN, whose sign is lost)."""
    return float(np.copysign(np.inf, value)) if not np.isnan(value) else float(np.inf)


def train_curves(
    net: MLP,
    train: tuple[ArrayLike, ArrayLike],
    held_out: tuple[ArrayLike, ArrayLike],
    loss: str = "mse",
    *,
    lr: float = 0.05,
    momentum: float = 0.9,
    steps: int = 1000,
    record: Sequence[int] | None = None,
) -> dict[str, np.ndarray]:
    """Train `net` by full-batch gradient descent with momentum on `train`; record both losses.

    Each step computes the loss's gradient with respect to the network's output and passes it to
    `net.backward`, which returns the gradient for every weight (the chain rule); then every weight
    moves: `v = momentum * v + grad`, `w -= lr * v` (PyTorch's SGD). The loss on `held_out`, which
    training never sees, is measured at the steps in `record` (default: every step from 0 to `steps`).

    Args:
        net: the `MLP` to train, in place.
        train: a pair `(x, y)` of finite 2-D arrays, `x` of shape `(batch, net.sizes[0])` and `y` of
            shape `(batch, net.sizes[-1])`, at least one example.
        held_out: a pair `(x, y)` like `train`, the examples the loss is also measured on.
        loss: a key of `LOSSES`; for `"bce_with_logits"` every `y` lies in [0, 1].
        lr: the learning rate, a finite number > 0.
        momentum: the share of the previous velocity kept at each step, in [0, 1).
        steps: how many steps, a positive integer.
        record: the steps (whole numbers from 0 to `steps`) at which to measure both losses; None: all.

    A run that diverges does not raise and warns nothing: from the step where the network's output
    leaves the float range, every recorded loss is inf.

    Returns:
        `{"step": ..., "train": ..., "held_out": ...}`, arrays of the same length.

    Examples:
        >>> from concepts.datasets import noisy_sine
        >>> net = MLP([1, 8, 1], rng=0)
        >>> train, held_out = noisy_sine(10, rng=1), noisy_sine(50, rng=2)
        >>> curves = train_curves(net, train, held_out, steps=50)
        >>> bool(curves["train"][-1] < curves["train"][0])
        True
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    if not all(np.isfinite(p).all() for p in net.parameters()):
        raise ValueError("net must have finite weights and biases, got a NaN or an infinity")
    loss = as_choice(loss, "loss", LOSSES)
    (x, y), (x_held, y_held) = _data(train, "train", net, loss), _data(held_out, "held_out", net, loss)
    lr = as_positive(lr, "lr")
    momentum = as_real(momentum, "momentum")
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum}")
    steps = as_positive_int(steps, "steps")
    wanted = _steps(record, steps)
    f, loss_grad = LOSSES[loss]

    def f_grad(output: np.ndarray, target: np.ndarray) -> np.ndarray:
        if not np.isfinite(output).all():
            raise _DivergedError
        return loss_grad(output, target)

    def measured(x: np.ndarray, y: np.ndarray) -> float:
        output = net.forward(x)
        return float(f(output, y)) if np.isfinite(output).all() else np.inf

    optimizer = SGD(lr, momentum=momentum)
    params = net.parameters()
    rows = []
    step = 0
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
            for step in range(steps + 1):
                if step in wanted:
                    rows.append((step, measured(x_held, y_held), measured(x, y)))
                if step == steps:
                    break
                # --8<-- [start:train_step]
                output = net.forward(x)
                grads = net.backward(f_grad(output, y))  # chain rule: dL/d(every weight)
                optimizer.step(params, grads)  # v = momentum * v + grad; w -= lr * v
                # --8<-- [end:train_step]
    except _DivergedError:
        rows += [(s, np.inf, np.inf) for s in sorted(wanted) if s > step]
    step_, held, trained = np.array(rows, dtype=np.float64).reshape(-1, 3).T
    return {"step": step_.astype(int), "train": trained, "held_out": held}


def _data(data, name: str, net: MLP, loss: str) -> tuple[np.ndarray, np.ndarray]:
    """`data = (x, y)` checked against `net`: finite 2-D arrays with the network's widths and equal rows."""
    if isinstance(data, (str, bytes)) or not isinstance(data, (tuple, list)):
        raise TypeError(f"{name} must be a pair (x, y) of arrays, got {type(data).__name__}")
    if len(data) != 2:
        raise ValueError(f"{name} must be a pair (x, y) of arrays, got {len(data)} items")
    x = as_finite_array(data[0], f"{name}[0]", ndim=2, empty_ok=False)
    y = as_finite_array(data[1], f"{name}[1]", ndim=2)
    width, out = net.sizes[0], net.sizes[-1]
    if x.shape[1] != width:
        raise ValueError(f"{name}[0] must have shape (batch, {width}), net's input width, got {x.shape}")
    if y.shape != (len(x), out):
        raise ValueError(
            f"{name}[1] must have shape {(len(x), out)}: {name}[0]'s rows, net's output width; got {y.shape}"
        )
    if loss == "bce_with_logits":
        check_probability(y, f"{name}[1]")
    return x, y


def _steps(record, steps: int) -> set[int]:
    """The steps to record: every step from 0 to `steps` for None, else `record` checked to lie there."""
    if record is None:
        return set(range(steps + 1))
    if isinstance(record, (str, bytes)) or not isinstance(record, (Sequence, np.ndarray)):
        raise TypeError(
            f"record must be a list of steps (whole numbers from 0 to steps) or None, got {type(record).__name__}"
        )
    wanted = set()
    for i, s in enumerate(record):
        s = as_positive_int(s, f"record[{i}]", zero_allowed=True)
        if s > steps:
            raise ValueError(f"record[{i}] must be a step from 0 to steps = {steps}, got {s}")
        wanted.add(s)
    return wanted


def accuracy(input: ArrayLike, target: ArrayLike) -> float:
    """Fraction of examples whose largest logit is the target class; `input (batch, classes)`, `target (batch,)`.

    The logits are finite, at least one example and one class; the targets are classes 0 to classes - 1.

    Examples:
        >>> accuracy([[2.0, 0.0], [0.0, 1.0], [3.0, 0.0]], [0, 1, 1])
        0.6666666666666666
    """
    z, t = classes(input, target)
    return float(np.mean(z.argmax(axis=1) == t))
