"""Checking a gradient by nudging: central differences and the relative error, as CS231n describes.

`numerical_gradient` estimates a gradient by central differences: nudge one input up and down by `eps`
and divide the change of the function by `2 * eps`. `gradient_check` compares an analytic gradient
with it by the relative error, with the thresholds of Stanford's CS231n notes. The code, the tests and
the benchmarks all use this one implementation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from .validation import as_callable, as_finite_array, as_positive

__all__ = [
    "numerical_gradient",
    "numerical_parameter_gradients",
    "relative_error",
    "gradient_check",
    "GradientCheck",
    "GRADIENT_CHECK_THRESHOLDS",
]


def numerical_gradient(f: Callable[[np.ndarray], float], x: ArrayLike, eps: float = 1e-6) -> np.ndarray:
    """The gradient of a scalar function `f` at `x` by central differences.

    Entry `i` is `(f(x + eps * e_i) - f(x - eps * e_i)) / (2 * eps)`: two calls of `f` per entry of
    `x`, so the cost grows with the number of inputs (backpropagation's does not). The error is of
    order `eps**2` times the third derivative, plus rounding of order `1e-16 / eps`.

    Args:
        f: a function of an array shaped like `x` returning a number.
        x: where to differentiate; not modified.
        eps: the step, > 0.

    Examples:
        >>> g = numerical_gradient(lambda v: v[0] ** 2 * v[1], [3.0, 2.0])
        >>> np.round(g, 6).tolist()   # (2 * 3 * 2, 3 ** 2)
        [12.0, 9.0]
    """
    if not callable(f):
        raise TypeError(f"f must be a callable returning a number, got {type(f).__name__}")
    x = np.array(as_finite_array(x, "x"), dtype=np.float64)  # a float64 copy, nudged in place below
    eps = as_positive(eps, "eps")
    return _central_differences(lambda: f(x), [x], eps, "f")[0]


def numerical_parameter_gradients(
    loss: Callable[[], float], params: Sequence[np.ndarray], eps: float = 1e-6
) -> list[np.ndarray]:
    """The gradient of `loss()` with respect to every entry of every array in `params`, by central differences.

    `loss()` reads the arrays in `params` (a network's weights, say); each entry is nudged in place by
    `+eps` and `-eps`, and put back exactly, so `params` end as they began. One gradient per array, in
    its shape: the reference that a backward pass is checked against.

    Args:
        loss: a function of no arguments returning a number computed from `params`.
        params: float arrays, nudged in place and restored.
        eps: the step, > 0.

    Examples:
        >>> w = np.array([3.0, 2.0])
        >>> [g.round(6).tolist() for g in numerical_parameter_gradients(lambda: w[0] ** 2 * w[1], [w])]
        [[12.0, 9.0]]
    """
    as_callable(loss, "loss")
    if not isinstance(params, (list, tuple)):
        raise TypeError(f"params must be a list of float numpy arrays, got {type(params).__name__}")
    for k, p in enumerate(params):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(f"params[{k}] must be a float numpy array (nudged in place), got {type(p).__name__}")
        if not np.isfinite(p).all():
            raise ValueError(f"params[{k}] must hold finite numbers")
    return _central_differences(loss, params, as_positive(eps, "eps"), "loss")


def _central_differences(loss: Callable[[], float], params, eps: float, name: str) -> list[np.ndarray]:
    """The central difference of `loss` for each entry of each array of `params` (checked by the caller)."""
    grads = []
    for p in params:
        grad = np.empty(p.shape, dtype=np.float64)
        for index in np.ndindex(p.shape):
            # --8<-- [start:central_difference]
            old = p[index]
            p[index] = old + eps
            plus = _number(loss(), name)
            p[index] = old - eps
            minus = _number(loss(), name)
            p[index] = old  # restored exactly
            grad[index] = (plus - minus) / (2 * eps)  # the slope of the chord through both nudges
            # --8<-- [end:central_difference]
        grads.append(grad)
    return grads


def _number(value, name: str) -> float:
    """A value returned by the caller's function, as a finite float: a ValueError names the function."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return a number, got {type(value).__name__}") from None
    if not np.isfinite(number):
        raise ValueError(f"{name} returned {number} at a nudged point: the central difference is undefined")
    return number


def relative_error(analytic: ArrayLike, numeric: ArrayLike) -> np.ndarray:
    """`|a - n| / max(|a|, |n|)` elementwise, 0 where both are 0 (CS231n's gradient-check measure).

    Examples:
        >>> relative_error([1.0, 0.0, 2.0], [1.01, 0.0, -2.0]).round(4).tolist()
        [0.0099, 0.0, 2.0]
    """
    a = as_finite_array(analytic, "analytic")
    n = as_finite_array(numeric, "numeric")
    if a.shape != n.shape:
        raise ValueError(f"analytic and numeric must have the same shape, got {a.shape} and {n.shape}")
    scale = np.maximum(np.abs(a), np.abs(n))
    safe = np.where(scale > 0, scale, 1.0)  # 0 where both are 0; dividing first keeps ±1e308 from overflowing
    return np.where(scale > 0, np.abs(a / safe - n / safe), 0.0)


# CS231n (Karpathy, "Neural Networks Part 3"): above 1e-2 the gradient is probably wrong; between 1e-4
# and 1e-2, be uncomfortable; below 1e-4 is fine where the function has kinks (relu, max), and below
# 1e-7 is what a smooth function should give.
GRADIENT_CHECK_THRESHOLDS: dict[str, float] = {"wrong": 1e-2, "uncomfortable": 1e-4, "ok with kinks": 1e-7}


class GradientCheck(NamedTuple):
    """Result of `gradient_check`: the largest relative error, its verdict and the numerical gradient."""

    max_relative_error: float
    verdict: str
    numeric: np.ndarray


def gradient_check(
    f: Callable[[np.ndarray], float], x: ArrayLike, analytic: ArrayLike, eps: float = 1e-6
) -> GradientCheck:
    """Compare an analytic gradient of `f` at `x` with central differences, as CS231n describes.

    The verdict reads the largest relative error against `GRADIENT_CHECK_THRESHOLDS`: `"wrong"` above
    1e-2, `"uncomfortable"` above 1e-4, `"ok with kinks"` above 1e-7 (acceptable only where `f` has
    kinks, such as relu), and `"fine"` at or below 1e-7.

    Examples:
        >>> f = lambda v: float(np.sum(np.tanh(v)))
        >>> x = np.array([0.5, -1.0])
        >>> gradient_check(f, x, 1 - np.tanh(x) ** 2).verdict
        'fine'
        >>> gradient_check(f, x, 1 - np.tanh(x)).verdict   # a wrong derivative
        'wrong'
    """
    analytic = as_finite_array(analytic, "analytic")  # a NaN gradient is not one to check: refused
    numeric = numerical_gradient(f, x, eps)
    if analytic.shape != numeric.shape:
        raise ValueError(f"analytic must have the shape of x {numeric.shape}, got {analytic.shape}")
    worst = float(relative_error(analytic, numeric).max(initial=0.0))
    verdict = next((name for name, limit in GRADIENT_CHECK_THRESHOLDS.items() if worst > limit), "fine")
    return GradientCheck(worst, verdict, numeric)
