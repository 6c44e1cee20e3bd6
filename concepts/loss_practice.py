"""The loss at work: fitting with it, and what its value does and does not tell you.

Built on `concepts.loss`: `fit_line` fits a straight line by gradient descent on any regression loss
(MSE against Huber on data with outliers); `train_curves` trains a small `MLP` by full-batch gradient
descent and records the loss on the training set and on held-out data (overfitting, and the noise
floor under the held-out loss); `accuracy` is the fraction of right answers, which can move the other
way from the loss.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, as_positive_int, as_real, as_rng, check_finite
from .loss import (
    binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad, huber_loss, huber_loss_grad,
    l1_loss, l1_loss_grad, mse_loss, mse_loss_grad, smooth_l1_loss, smooth_l1_loss_grad,
)
from .network import MLP

__all__ = ["LOSSES", "fit_line", "line_with_outliers", "noisy_sine", "train_curves", "accuracy"]

# name -> (loss, its gradient), for the functions below that take a loss by name
LOSSES: dict[str, tuple[Callable, Callable]] = {
    "mse": (mse_loss, mse_loss_grad),
    "l1": (l1_loss, l1_loss_grad),
    "huber": (huber_loss, huber_loss_grad),
    "smooth_l1": (smooth_l1_loss, smooth_l1_loss_grad),
    "bce_with_logits": (binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad),
}


def _loss(name) -> tuple[Callable, Callable]:
    if name not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {name!r}")
    return LOSSES[name]


def fit_line(x: ArrayLike, y: ArrayLike, loss: str = "mse", *, lr: float = 0.1, steps: int = 2000,
             **loss_kwargs: float) -> tuple[float, float]:
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
    lr = check_finite(as_real(lr, "lr"), "lr")
    slope, intercept = 0.0, 0.0
    for _ in range(as_positive_int(steps, "steps")):
        # --8<-- [start:fit_line]
        g = grad(slope * x + intercept, y, **loss_kwargs)  # dL/d(prediction)
        slope -= lr * float(np.sum(g * x))  # d(prediction)/d(slope) = x
        intercept -= lr * float(np.sum(g))  # d(prediction)/d(intercept) = 1
        # --8<-- [end:fit_line]
    return slope, intercept


def line_with_outliers(n_samples: int = 30, n_outliers: int = 3, *, slope: float = 0.8, intercept: float = 1.0,
                       noise: float = 0.3, shift: float = -6.0, rng: np.random.Generator | int | None = None,
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points near the line `slope * x + intercept`, x uniform in [0, 5], with a few moved by `shift`.

    The outliers are every third point counted from the right end, where they have the most leverage
    on a fitted slope. Returns `x` and `y` of shape `(n_samples,)`, sorted by `x`, and the boolean mask
    of the outliers.

    Examples:
        >>> x, y, outlier = line_with_outliers(rng=0)
        >>> x.shape, int(outlier.sum())
        ((30,), 3)
    """
    n = as_positive_int(n_samples, "n_samples")
    k = as_positive_int(n_outliers, "n_outliers")
    if 3 * k > n:
        raise ValueError(f"n_outliers must be at most n_samples / 3 = {n // 3}, got {k}")
    slope, intercept, noise, shift = (check_finite(as_real(v, name), name) for v, name in (
        (slope, "slope"), (intercept, "intercept"), (noise, "noise"), (shift, "shift")))
    rng = as_rng(rng)
    x = np.sort(rng.uniform(0, 5, n))
    y = slope * x + intercept + noise * rng.standard_normal(n)
    outlier = np.zeros(n, dtype=bool)
    outlier[n - 1 - 3 * np.arange(k)] = True
    y[outlier] += shift
    return x, y, outlier


def noisy_sine(n_samples: int, noise: float = 0.3, *,
               rng: np.random.Generator | int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Points `x` uniform in [-2, 2] and targets `sin(2x)` plus Gaussian noise of standard deviation `noise`.

    Returns `x` and `y`, both of shape `(n_samples, 1)`. The noise cannot be predicted from `x`, so no
    model's expected squared error on new points is below `noise**2`.

    Examples:
        >>> x, y = noisy_sine(5, rng=0)
        >>> x.shape, y.shape
        ((5, 1), (5, 1))
    """
    n = as_positive_int(n_samples, "n_samples")
    noise = check_finite(as_real(noise, "noise"), "noise")
    if noise < 0:
        raise ValueError(f"noise must be non-negative, got {noise}")
    rng = as_rng(rng)
    x = rng.uniform(-2, 2, size=(n, 1))
    return x, np.sin(2 * x) + noise * rng.standard_normal((n, 1))


def train_curves(net: MLP, train: tuple[ArrayLike, ArrayLike], held_out: tuple[ArrayLike, ArrayLike],
                 loss: str = "mse", *, lr: float = 0.05, momentum: float = 0.9, steps: int = 1000,
                 record: Sequence[int] | None = None) -> dict[str, np.ndarray]:
    """Train `net` by full-batch gradient descent with momentum on `train`; record both losses.

    Each step computes the loss's gradient with respect to the network's output and passes it to
    `net.backward`, which returns the gradient for every weight (the chain rule); then every weight
    moves: `v = momentum * v + grad`, `w -= lr * v` (PyTorch's SGD). The loss on `held_out`, which
    training never sees, is measured at the steps in `record` (default: every step from 0 to `steps`).

    Returns:
        `{"step": ..., "train": ..., "held_out": ...}`, arrays of the same length.

    Examples:
        >>> net = MLP([1, 8, 1], rng=0)
        >>> train, held_out = noisy_sine(10, rng=1), noisy_sine(50, rng=2)
        >>> curves = train_curves(net, train, held_out, steps=50)
        >>> bool(curves["train"][-1] < curves["train"][0])
        True
    """
    f, f_grad = _loss(loss)
    (x, y), (x_held, y_held) = [(as_float_array(a, "x", ndim=2), as_float_array(b, "y", ndim=2))
                                for a, b in (train, held_out)]
    steps = as_positive_int(steps, "steps")
    lr, momentum = (check_finite(as_real(v, name), name) for v, name in ((lr, "lr"), (momentum, "momentum")))
    wanted = set(range(steps + 1) if record is None else (int(s) for s in record))
    params = net.parameters()
    velocity = [np.zeros_like(p) for p in params]
    rows = []
    for step in range(steps + 1):
        if step in wanted:
            rows.append((step, float(f(net.forward(x_held), y_held)), float(f(net.forward(x), y))))
        if step == steps:
            break
        # --8<-- [start:train_step]
        output = net.forward(x)
        grads = net.backward(f_grad(output, y))  # chain rule: dL/d(every weight)
        for p, v, g in zip(params, velocity, grads):
            v *= momentum
            v += g
            p -= lr * v
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
