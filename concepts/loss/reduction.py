"""What every loss shares: checking a prediction against its target, and the reduction to one number.

Plumbing for the loss modules, not a reader's API: each check names the argument it is told, so that
an error speaks of the caller's `input` or `target`.
"""

from __future__ import annotations

import numpy as np

from ..validation import as_choice, as_float_array, as_positive_int

__all__ = ["REDUCTIONS", "pair", "classes", "reduce", "scale", "check_reduction", "check_probability"]

REDUCTIONS = ("mean", "sum", "none")


def pair(input, target, name: str = "input") -> tuple[np.ndarray, np.ndarray]:
    """Prediction and target as finite float arrays of the same shape, in the prediction's dtype.

    `name` is what the caller calls the prediction (`input`, `logits`); the target is `target`.
    """
    x = as_float_array(input, name)
    y = as_float_array(target, "target")
    if x.shape != y.shape:
        raise ValueError(
            f"target must have the shape of {name}, {x.shape}, got {y.shape} "
            "(reshape one of them: broadcasting would compare every pair)"
        )
    if x.size == 0:
        raise ValueError(f"{name} must not be empty")
    for array, label in ((x, name), (y, "target")):
        if not np.isfinite(array).all():
            raise ValueError(f"{label} must be finite, got a NaN or an infinity")
    return x, y.astype(x.dtype, copy=False)


def classes(input, target) -> tuple[np.ndarray, np.ndarray]:
    """Finite logits `input (batch, classes)`, at least one of each, and integer class indices
    `target (batch,)` from 0 to classes - 1."""
    z = as_float_array(input, "input", ndim=2)
    if isinstance(target, (str, bytes)):
        raise TypeError(f"target must be integer class indices, got {type(target).__name__}")
    try:
        t = np.asarray(target)
    except (TypeError, ValueError):  # ragged nested lists
        raise ValueError("target must be a flat list of integer class indices, got a ragged list") from None
    if t.dtype.kind not in "iu":
        raise TypeError(
            f"target must hold integer class indices, got dtype {t.dtype} "
            "(for probabilities per class use binary_cross_entropy_with_logits)"
        )
    if t.shape != z.shape[:1]:
        raise ValueError(f"target must have shape (batch,) = {z.shape[:1]} for input of shape {z.shape}, got {t.shape}")
    if z.size == 0:
        raise ValueError(f"input must have at least one example and one class, got shape {z.shape}")
    if not np.isfinite(z).all():
        raise ValueError("input must be finite, got a NaN or an infinity")
    if ((t < 0) | (t >= z.shape[1])).any():
        raise ValueError(f"target must hold classes 0 to {z.shape[1] - 1}, got values from {t.min()} to {t.max()}")
    return z, t.astype(np.intp)


def reduce(losses, reduction: str):
    """The losses of each element reduced as asked: their mean, their sum, or all of them (`"none"`).

    The mean of finite losses is finite even where their sum passes the float range (two losses of
    1e308 have the mean 1e308); a sum past the float range is inf, which is the right answer.
    """
    reduction = check_reduction(reduction)
    losses = as_float_array(losses, "losses", empty_ok=reduction != "mean")
    if reduction == "none":
        return losses
    with np.errstate(over="ignore"):
        if reduction == "sum":
            return losses.sum()
        mean = losses.mean()
        if np.isinf(mean) and np.isfinite(losses).all():  # the sum overflowed, the mean does not
            mean = (losses / losses.dtype.type(losses.size)).sum()
        return mean


def scale(grad, reduction: str, count: int) -> np.ndarray:
    """The gradient of the reduced loss from the gradient of each element's loss (`count` of them in
    the mean)."""
    reduction = check_reduction(reduction)
    grad = as_float_array(grad, "grad")
    count = as_positive_int(count, "count")
    return grad / grad.dtype.type(count) if reduction == "mean" else grad


def check_reduction(reduction) -> str:
    """`reduction` itself when it is one of `REDUCTIONS`; an error names it otherwise."""
    return as_choice(reduction, "reduction", REDUCTIONS)


def check_probability(y, name: str) -> np.ndarray:
    """`y` as a float array; a ValueError naming the argument when an entry lies outside [0, 1] (or is NaN)."""
    y = as_float_array(y, name)
    inside = (y >= 0) & (y <= 1)
    if not inside.all():
        if np.isnan(y).any():
            raise ValueError(f"{name} must lie in [0, 1], got NaN")
        raise ValueError(f"{name} must lie in [0, 1], got values from {y.min()} to {y.max()}")
    return y
