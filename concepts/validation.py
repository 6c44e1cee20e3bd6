"""Argument checks shared by every module: clear errors that name the argument, before numpy sees it."""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["as_float_array", "as_real", "check_finite", "as_positive", "as_positive_int", "as_rng"]


def as_float_array(value, name: str, *, ndim: int | tuple[int, ...] | None = None) -> np.ndarray:
    """Return `value` as a float array (float32 stays float32, everything else becomes float64).

    Raises TypeError for non-numeric input (strings, objects, complex numbers) and ValueError when the
    number of dimensions is not one of `ndim`.
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of real numbers, got {type(value).__name__}")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of real numbers: {error}") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {array.dtype}")
    if array.dtype != np.float32:
        array = array.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if array.ndim not in allowed:
            wanted = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {wanted}, got shape {array.shape}")
    return array


def as_real(value, name: str) -> float:
    """Return `value` as a Python float; a TypeError names the argument when it is not a real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    return float(value)


def check_finite(value: float, name: str) -> float:
    """Return `value`; a ValueError names the argument when it is a NaN or an infinity."""
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def as_positive(value, name: str, *, zero_allowed: bool = False) -> float:
    """Return `value` as a float, requiring a finite number > 0 (>= 0 with `zero_allowed`)."""
    value = as_real(value, name)
    if not (np.isfinite(value) and (value >= 0 if zero_allowed else value > 0)):
        raise ValueError(f"{name} must be a finite number {'>=' if zero_allowed else '>'} 0, got {value}")
    return value


def as_positive_int(value, name: str, *, zero_allowed: bool = False) -> int:
    """Return `value` as an int, requiring a whole number > 0 (>= 0 with `zero_allowed`), not a bool or a float."""
    wanted = "a whole number >= 0" if zero_allowed else "a positive integer"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {wanted}, got {type(value).__name__}")
    if value < 0 or (value == 0 and not zero_allowed):
        raise ValueError(f"{name} must be {wanted}, got {value}")
    return int(value)


def as_rng(rng) -> np.random.Generator:
    """Turn `rng` (a Generator, an int seed or None) into a Generator; no global random state is used."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool)):
        return np.random.default_rng(None if rng is None else int(rng))
    raise TypeError(f"rng must be a numpy Generator, an int seed or None, got {type(rng).__name__}")
