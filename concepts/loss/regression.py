"""Regression losses: how far the predictions are from the targets, and their gradients.

Mean squared error, mean absolute error, Huber and smooth L1, with PyTorch's names, definitions,
defaults and `reduction="mean"`; beside each `f` its gradient `f_grad` with respect to the prediction.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ..validation import as_positive
from .reduction import check_reduction, pair, reduce, scale

__all__ = [
    "mse_loss",
    "mse_loss_grad",
    "l1_loss",
    "l1_loss_grad",
    "huber_loss",
    "huber_loss_grad",
    "smooth_l1_loss",
    "smooth_l1_loss_grad",
]


def mse_loss(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.floating | np.ndarray:
    """Mean squared error `mean((input - target)**2)`, as `torch.nn.functional.mse_loss`.

    Examples:
        >>> float(mse_loss([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]))
        3.0
    """
    x, y = pair(input, target)
    with np.errstate(over="ignore"):  # an error past 1e154 squares to inf: the true value is out of range
        # --8<-- [start:mse]
        losses = (x - y) ** 2
        # --8<-- [end:mse]
    return reduce(losses, check_reduction(reduction))


def mse_loss_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `mse_loss`: `2 * (input - target) / n`. It grows without bound with the error.

    Examples:
        >>> mse_loss_grad([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]).tolist()
        [0.0, 0.0, 2.0]
    """
    x, y = pair(input, target)
    with np.errstate(over="ignore"):
        # --8<-- [start:mse_grad]
        grad = 2 * (x - y)
        # --8<-- [end:mse_grad]
    return scale(grad, check_reduction(reduction), x.size)


def l1_loss(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.floating | np.ndarray:
    """Mean absolute error `mean(|input - target|)` (MAE), as `torch.nn.functional.l1_loss`.

    Examples:
        >>> float(l1_loss([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]))
        1.0
    """
    x, y = pair(input, target)
    with np.errstate(over="ignore"):
        losses = np.abs(x - y)
    return reduce(losses, check_reduction(reduction))


def l1_loss_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `l1_loss`: `sign(input - target) / n`, the same size for every error (0 at 0, as PyTorch).

    Examples:
        >>> l1_loss_grad([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]).tolist()
        [0.0, 0.0, 0.3333333333333333]
    """
    x, y = pair(input, target)
    with np.errstate(over="ignore"):  # an error past the float range is inf, whose sign is still right
        grad = np.sign(x - y)
    return scale(grad, check_reduction(reduction), x.size)


def huber_loss(
    input: ArrayLike, target: ArrayLike, delta: float = 1.0, *, reduction: str = "mean"
) -> np.floating | np.ndarray:
    """Huber's loss (1964): squared for small errors, linear beyond `delta`, as `torch.nn.functional.huber_loss`.

    Per element, with `e = |input - target|`: `0.5 * e**2` if `e < delta`, else `delta * (e - 0.5 * delta)`.
    The two pieces meet with the same value and slope at `e = delta`.

    Examples:
        >>> # (0.5 * 0.5**2 + 1 * (3 - 0.5)) / 2 = (0.125 + 2.5) / 2
        >>> float(huber_loss([0.5, 3.0], [0.0, 0.0]))
        1.3125
    """
    x, y = pair(input, target)
    delta = as_positive(delta, "delta")
    with np.errstate(over="ignore"):
        # --8<-- [start:huber]
        e = np.abs(x - y)
        losses = np.where(e < delta, 0.5 * e * e, delta * (e - 0.5 * delta))
        # --8<-- [end:huber]
    return reduce(losses.astype(x.dtype, copy=False), check_reduction(reduction))


def huber_loss_grad(input: ArrayLike, target: ArrayLike, delta: float = 1.0, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `huber_loss`: the error clipped to `[-delta, delta]`, over n. Never larger than `delta / n`.

    Examples:
        >>> huber_loss_grad([0.5, 3.0], [0.0, 0.0]).tolist()
        [0.25, 0.5]
    """
    x, y = pair(input, target)
    delta = as_positive(delta, "delta")
    with np.errstate(over="ignore"):
        grad = np.clip(x - y, -delta, delta).astype(x.dtype, copy=False)
    return scale(grad, check_reduction(reduction), x.size)


def smooth_l1_loss(
    input: ArrayLike, target: ArrayLike, beta: float = 1.0, *, reduction: str = "mean"
) -> np.floating | np.ndarray:
    """Smooth L1 loss, as `torch.nn.functional.smooth_l1_loss`: `huber_loss(..., delta=beta) / beta`.

    Per element, with `e = |input - target|`: `0.5 * e**2 / beta` if `e < beta`, else `e - 0.5 * beta`.
    Its slope for large errors is 1 whatever `beta` (Huber's is `delta`); `beta = 0` gives `l1_loss`.

    Examples:
        >>> float(smooth_l1_loss([0.5, 3.0], [0.0, 0.0]))   # beta = 1: as Huber
        1.3125
    """
    beta = as_positive(beta, "beta", zero_allowed=True)
    if beta == 0:  # what PyTorch does: the quadratic piece has zero width
        return l1_loss(input, target, reduction=reduction)
    x, y = pair(input, target)
    with np.errstate(over="ignore"):
        e = np.abs(x - y)
        losses = np.where(e < beta, 0.5 * e * e / beta, e - 0.5 * beta)
    return reduce(losses.astype(x.dtype, copy=False), check_reduction(reduction))


def smooth_l1_loss_grad(
    input: ArrayLike, target: ArrayLike, beta: float = 1.0, *, reduction: str = "mean"
) -> np.ndarray:
    """Gradient of `smooth_l1_loss`: `clip((input - target) / beta, -1, 1) / n`, so at most `1 / n`.

    Examples:
        >>> smooth_l1_loss_grad([0.5, 3.0], [0.0, 0.0]).tolist()
        [0.25, 0.5]
    """
    beta = as_positive(beta, "beta", zero_allowed=True)
    if beta == 0:
        return l1_loss_grad(input, target, reduction=reduction)
    x, y = pair(input, target)
    with np.errstate(over="ignore"):
        grad = np.clip((x - y) / x.dtype.type(beta), -1, 1).astype(x.dtype, copy=False)
    return scale(grad, check_reduction(reduction), x.size)
