"""What every loss shares: checking a prediction against its target, and the reduction to one number."""

from __future__ import annotations

import numpy as np

from ..validation import as_float_array

__all__ = ["REDUCTIONS", "pair", "reduce", "scale", "check_reduction", "check_probability"]

REDUCTIONS = ("mean", "sum", "none")


def pair(input, target, name: str = "input") -> tuple[np.ndarray, np.ndarray]:
    """Prediction and target as finite float arrays of the same shape, in the prediction's dtype."""
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


def reduce(losses: np.ndarray, reduction: str):
    """The losses of each element reduced as asked: their mean, their sum, or all of them (`"none"`)."""
    if reduction == "none":
        return losses
    with np.errstate(over="ignore"):  # a sum past the float range is inf, which is the right answer
        return losses.mean() if reduction == "mean" else losses.sum()


def scale(grad: np.ndarray, reduction: str, count: int) -> np.ndarray:
    """The gradient of the reduced loss from the gradient of each element's loss."""
    return grad / grad.dtype.type(count) if reduction == "mean" else grad


def check_reduction(reduction) -> str:
    """`reduction` itself when it is one of `REDUCTIONS`; a ValueError names it otherwise."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}")
    return reduction


def check_probability(y: np.ndarray, name: str) -> None:
    """A ValueError naming the argument when an entry of `y` lies outside [0, 1]."""
    if ((y < 0) | (y > 1)).any():
        raise ValueError(f"{name} must lie in [0, 1], got values from {y.min()} to {y.max()}")
