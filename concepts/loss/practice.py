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
from ..validation import as_float_array, as_positive, as_positive_int
from . import classification, regression

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


def _loss(name) -> tuple[Callable, Callable]:
    if name not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {name!r}")
    return LOSSES[name]


def fit_line(
    x: ArrayLike, y: ArrayLike, loss: str = "mse", *, lr: float = 0.1, steps: int = 2000, **loss_kwargs: float
) -> tuple[float, float]:
    """Fit `y ≈ slope * x + intercept` by gradient descent on the named loss; return `(slope, intercept)`.

    The loss's gradient with respect to the predictions, `g = loss_grad(pred, y)`, gives the gradients
    of the two parameters by the chain rule: `sum(g * x)` for the slope and `sum(g)` for the intercept.
    With `loss="mse"` the result is the least-squares line.

    Examples:
        >>> slope, intercept = fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])
        >>> round(slope, 6), round(intercept, 6)
        (2.0, 1.0)
    """
    x = as_float_array(x, "x", ndim=1).astype(np.float64)
    y = as_float_array(y, "y", ndim=1).astype(np.float64)
    if x.shape != y.shape:
        raise ValueError(f"y must have the shape of x, {x.shape}, got {y.shape}")
    _, grad = _loss(loss)
    lr = as_positive(lr, "lr")
    slope, intercept = 0.0, 0.0
    for _ in range(as_positive_int(steps, "steps")):
        # --8<-- [start:fit_line]
        g = grad(slope * x + intercept, y, **loss_kwargs)  # dL/d(prediction)
        slope -= lr * float(np.sum(g * x))  # d(prediction)/d(slope) = x
        intercept -= lr * float(np.sum(g))  # d(prediction)/d(intercept) = 1
        # --8<-- [end:fit_line]
    return slope, intercept


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
    f, f_grad = _loss(loss)
    (x, y), (x_held, y_held) = [
        (as_float_array(a, "x", ndim=2), as_float_array(b, "y", ndim=2)) for a, b in (train, held_out)
    ]
    steps = as_positive_int(steps, "steps")
    optimizer = SGD(lr, momentum=momentum)  # checks lr > 0 and momentum in [0, 1)
    wanted = set(range(steps + 1) if record is None else (int(s) for s in record))
    params = net.parameters()
    rows = []
    for step in range(steps + 1):
        if step in wanted:
            rows.append((step, float(f(net.forward(x_held), y_held)), float(f(net.forward(x), y))))
        if step == steps:
            break
        # --8<-- [start:train_step]
        output = net.forward(x)
        grads = net.backward(f_grad(output, y))  # chain rule: dL/d(every weight)
        optimizer.step(params, grads)  # v = momentum * v + grad; w -= lr * v
        # --8<-- [end:train_step]
    step_, held, trained = np.array(rows, dtype=np.float64).reshape(-1, 3).T
    return {"step": step_.astype(int), "train": trained, "held_out": held}


def accuracy(input: ArrayLike, target: ArrayLike) -> float:
    """Fraction of examples whose largest logit is the target class; `input (batch, classes)`, `target (batch,)`.

    Examples:
        >>> accuracy([[2.0, 0.0], [0.0, 1.0], [3.0, 0.0]], [0, 1, 1])
        0.6666666666666666
    """
    z = as_float_array(input, "input", ndim=2)
    t = np.asarray(target)
    if t.dtype.kind not in "iu" or t.shape != z.shape[:1]:
        raise ValueError(f"target must be integer classes of shape {z.shape[:1]}, got {t.dtype} {t.shape}")
    return float(np.mean(z.argmax(axis=1) == t))
