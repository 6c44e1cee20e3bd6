"""Argument checks shared by every module: clear errors that name the argument, before numpy sees it."""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_float_array",
    "as_finite_array",
    "as_real",
    "check_finite",
    "as_positive",
    "as_positive_int",
    "as_rng",
    "as_flag",
    "as_choice",
    "as_callable",
    "as_sizes",
]


def as_float_array(value, name: str, *, ndim: int | tuple[int, ...] | None = None, empty_ok: bool = True) -> np.ndarray:
    """Return `value` as a float array (float32 stays float32, everything else becomes float64).

    Raises TypeError for non-numeric input (strings, objects, complex numbers, None) and ValueError when
    the number of dimensions is not one of `ndim`, or the array is empty and `empty_ok` is False.
    """
    if value is None:
        raise TypeError(f"{name} must be a number or an array of real numbers, got None")
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
    if not empty_ok and array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    return array


def as_finite_array(
    value, name: str, *, ndim: int | tuple[int, ...] | None = None, empty_ok: bool = True
) -> np.ndarray:
    """`as_float_array`, and a ValueError naming the argument when an entry is NaN or infinite."""
    array = as_float_array(value, name, ndim=ndim, empty_ok=empty_ok)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers, got {np.count_nonzero(~np.isfinite(array))} NaN or inf")
    return array


def as_real(value, name: str) -> float:
    """Return `value` as a Python float; a TypeError names the argument when it is not a real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:  # an int (or a Fraction) beyond the largest float
        raise ValueError(f"{name} must be a real number a float can hold, got one beyond 1.8e308") from None


def check_finite(value: float, name: str) -> float:
    """Return `value`; a TypeError names the argument when it is not a real number, a ValueError when it
    is a NaN or an infinity."""
    as_real(value, name)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def as_positive(value, name: str, *, zero_allowed: bool = False) -> float:
    """Return `value` as a float, requiring a finite number > 0 (>= 0 with `zero_allowed`)."""
    zero_allowed = as_flag(zero_allowed, "zero_allowed")
    value = as_real(value, name)
    if not (np.isfinite(value) and (value >= 0 if zero_allowed else value > 0)):
        raise ValueError(f"{name} must be a finite number {'>=' if zero_allowed else '>'} 0, got {value}")
    return value


def as_positive_int(value, name: str, *, zero_allowed: bool = False) -> int:
    """Return `value` as an int, requiring a whole number > 0 (>= 0 with `zero_allowed`), not a bool or a float."""
    zero_allowed = as_flag(zero_allowed, "zero_allowed")
    wanted = "a whole number >= 0" if zero_allowed else "a positive integer"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {wanted}, got {type(value).__name__}")
    if value < 0 or (value == 0 and not zero_allowed):
        raise ValueError(f"{name} must be {wanted}, got {value}")
    return int(value)


def as_rng(rng, name: str = "rng") -> np.random.Generator:
    """Turn `rng` (a Generator, an int seed >= 0 or None) into a Generator; no global random state is used."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"{name} must be a numpy Generator, an int seed >= 0 or None, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(f"{name} must be a numpy Generator, an int seed >= 0 or None, got {type(rng).__name__}")


def as_flag(value, name: str) -> bool:
    """Return `value` as a bool; a TypeError names the argument when it is anything but True or False."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def as_choice(value, name: str, choices) -> str:
    """Return `value`, requiring one of the strings `choices`: a TypeError for a non-string, a ValueError
    naming the argument and listing the choices for an unknown one."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {sorted(choices)}, got {type(value).__name__}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {sorted(choices)}, got {value!r}")
    return value


def as_callable(value, name: str):
    """Return `value`, requiring something that can be called; a TypeError names the argument."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {type(value).__name__}")
    return value


def as_sizes(value, name: str, *, min_length: int = 1) -> list[int]:
    """Return `value` as a list of positive ints (layer sizes), at least `min_length` of them."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of positive integers, got {type(value).__name__}")
    min_length = as_positive_int(min_length, "min_length", zero_allowed=True)
    sizes = [as_positive_int(size, f"{name}[{i}]") for i, size in enumerate(value)]
    if len(sizes) < min_length:
        raise ValueError(f"{name} must hold at least {min_length} sizes, got {len(sizes)}")
    return sizes
