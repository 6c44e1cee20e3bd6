"""Toy data sets small enough to print, shared by the questions.

The logic gates (the neuron), two interleaved moons (a classification no straight line separates, which
the networks of several questions learn), three more such 2-D classifications (`xor_blobs`, four
clusters labelled by the XOR of their signs; `circles`, one ring inside another; `spiral`, two
interleaved arms), a line with outliers and a noisy sine (the loss), and `rotate`, which turns a 2-D
data set into a related task.
"""

from __future__ import annotations

import math

import numpy as np

from .validation import as_float_array, as_positive, as_positive_int, as_real, as_rng, check_finite

__all__ = [
    "logic_gate",
    "GATES",
    "two_moons",
    "xor_blobs",
    "circles",
    "spiral",
    "rotate",
    "line_with_outliers",
    "noisy_sine",
]

GATES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
    "xor": (0, 1, 1, 0),
}


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The truth table of a two-input logic gate as `(x, y)`.

    `x` has shape `(4, 2)` with rows `(0, 0), (0, 1), (1, 0), (1, 1)`; `y` has shape `(4,)` and holds
    0 or 1.

    Args:
        name: one of `"and"`, `"or"`, `"nand"`, `"nor"`, `"xor"` (any case).

    Examples:
        >>> x, y = logic_gate("xor")
        >>> x.tolist(), y.tolist()
        ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0.0, 1.0, 1.0, 0.0])
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string naming a gate, got {type(name).__name__}")
    key = name.lower()
    if key not in GATES:
        raise ValueError(f"name must be one of {sorted(GATES)}, got {name!r}")
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return x, np.array(GATES[key], dtype=np.float64)


def _halves(n_samples, noise, rng) -> tuple[int, int, float, np.random.Generator]:
    """The checked arguments every two-class set shares: the sizes of class 0 (`n_samples // 2`) and
    class 1 (the rest), the noise level and the generator."""
    n_samples = as_positive_int(n_samples, "n_samples")
    noise = as_positive(noise, "noise", zero_allowed=True)
    return n_samples // 2, n_samples - n_samples // 2, noise, as_rng(rng)


def _labelled(class_0: np.ndarray, class_1: np.ndarray, noise: float, rng: np.random.Generator):
    """`(x, y)`: the points of class 0 then those of class 1, labelled 0.0 and 1.0, with Gaussian noise
    of standard deviation `noise` added to every coordinate."""
    x = np.concatenate([class_0, class_1])
    y = np.concatenate([np.zeros(len(class_0)), np.ones(len(class_1))])
    if noise:
        x = x + rng.normal(scale=noise, size=x.shape)
    return x, y


def two_moons(
    n_samples: int = 100, noise: float = 0.1, *, rng: np.random.Generator | int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: a small data set that no straight line separates.

    The same construction as scikit-learn's `make_moons`: the first `n_samples // 2` points lie on the
    upper half circle `(cos t, sin t)` (class 0), the rest on the lower one `(1 - cos t, 0.5 - sin t)`
    (class 1), `t` evenly spaced in [0, pi], plus Gaussian noise of standard deviation `noise`.

    Returns:
        `x` of shape `(n_samples, 2)` and `y` of shape `(n_samples,)` holding 0.0 and 1.0.

    Examples:
        >>> x, y = two_moons(100, noise=0.1, rng=0)
        >>> x.shape, y.shape, int(y.sum())
        ((100, 2), (100,), 50)
    """
    n_upper, n_lower, noise, rng = _halves(n_samples, noise, rng)
    t_upper = np.linspace(0, np.pi, n_upper)
    t_lower = np.linspace(0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    return _labelled(upper, lower, noise, rng)


def xor_blobs(
    n_samples: int = 200, noise: float = 0.3, *, rng: np.random.Generator | int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Four clusters at the corners of [-1, 1]^2, labelled by the XOR of the signs: no line separates them.

    The first `n_samples // 2` points are class 0 and alternate between `(-1, -1)` and `(1, 1)`; the
    rest are class 1 and alternate between `(-1, 1)` and `(1, -1)`, each list starting with its first
    corner. Then Gaussian noise of standard deviation `noise` is added to every coordinate.

    Returns:
        `x` of shape `(n_samples, 2)` and `y` of shape `(n_samples,)` holding 0.0 and 1.0.

    Examples:
        >>> x, y = xor_blobs(4, noise=0.0)
        >>> x.tolist(), y.tolist()
        ([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]], [0.0, 0.0, 1.0, 1.0])
    """
    n_a, n_b, noise, rng = _halves(n_samples, noise, rng)
    sign_a = np.where(np.arange(n_a) % 2 == 0, -1.0, 1.0)  # -1 for an even k, +1 for an odd one
    sign_b = np.where(np.arange(n_b) % 2 == 0, -1.0, 1.0)
    return _labelled(np.column_stack([sign_a, sign_a]), np.column_stack([sign_b, -sign_b]), noise, rng)


def circles(
    n_samples: int = 200,
    noise: float = 0.1,
    factor: float = 0.5,
    *,
    rng: np.random.Generator | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """A ring inside a ring: the inner circle is class 1, and only a curved boundary separates them.

    The same construction as scikit-learn's `make_circles`: the first `n_samples // 2` points lie on
    the unit circle (class 0), the rest on the circle of radius `factor` (class 1), each circle's
    angles evenly spaced from 0 and short of 2 pi, plus Gaussian noise of standard deviation `noise`.

    Args:
        factor: the inner radius, strictly between 0 and 1.

    Returns:
        `x` of shape `(n_samples, 2)` and `y` of shape `(n_samples,)` holding 0.0 and 1.0.

    Examples:
        >>> x, y = circles(4, noise=0.0, factor=0.5)
        >>> x.round(12).tolist(), y.tolist()
        ([[1.0, 0.0], [-1.0, 0.0], [0.5, 0.0], [-0.5, 0.0]], [0.0, 0.0, 1.0, 1.0])
    """
    n_outer, n_inner, noise, rng = _halves(n_samples, noise, rng)
    factor = as_real(factor, "factor")
    if not 0 < factor < 1:  # also refuses NaN
        raise ValueError(f"factor must be a real number strictly between 0 and 1, got {factor}")
    t_outer = np.linspace(0, 2 * np.pi, n_outer, endpoint=False)
    t_inner = np.linspace(0, 2 * np.pi, n_inner, endpoint=False)
    outer = np.column_stack([np.cos(t_outer), np.sin(t_outer)])
    inner = factor * np.column_stack([np.cos(t_inner), np.sin(t_inner)])
    return _labelled(outer, inner, noise, rng)


def spiral(
    n_samples: int = 200,
    noise: float = 0.1,
    turns: float = 1.5,
    *,
    rng: np.random.Generator | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms, one per class, each winding `turns` times around the origin.

    Class `c` (0 for the first `n_samples // 2` points, 1 for the rest) with `m` points has
    `t = linspace(0, 1, m)`, radius `0.2 + 0.8 t` and angle `2 pi turns t + pi c`: class 1's arm is
    class 0's turned by half a circle. Then Gaussian noise of standard deviation `noise`.

    Args:
        turns: how many times each arm winds, a finite number > 0.

    Returns:
        `x` of shape `(n_samples, 2)` and `y` of shape `(n_samples,)` holding 0.0 and 1.0.

    Examples:
        >>> x, y = spiral(200, noise=0.0)
        >>> x.shape, int(y.sum()), round(float(np.hypot(*x[-1])), 12)
        ((200, 2), 100, 1.0)
    """
    n_a, n_b, noise, rng = _halves(n_samples, noise, rng)
    turns = as_positive(turns, "turns")
    arms = []
    for c, m in ((0, n_a), (1, n_b)):
        t = np.linspace(0, 1, m)
        r = 0.2 + 0.8 * t
        theta = 2 * np.pi * turns * t + np.pi * c
        arms.append(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
    return _labelled(arms[0], arms[1], noise, rng)


def line_with_outliers(
    n_samples: int = 30,
    n_outliers: int = 3,
    *,
    slope: float = 0.8,
    intercept: float = 1.0,
    noise: float = 0.3,
    shift: float = -6.0,
    rng: np.random.Generator | int | None = None,
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
    slope, intercept, shift = (
        check_finite(as_real(v, name), name)
        for v, name in ((slope, "slope"), (intercept, "intercept"), (shift, "shift"))
    )
    noise = as_positive(noise, "noise", zero_allowed=True)
    rng = as_rng(rng)
    x = np.sort(rng.uniform(0, 5, n))
    y = slope * x + intercept + noise * rng.standard_normal(n)
    outlier = np.zeros(n, dtype=bool)
    outlier[n - 1 - 3 * np.arange(k)] = True
    y[outlier] += shift
    return x, y, outlier


def noisy_sine(
    n_samples: int, noise: float = 0.3, *, rng: np.random.Generator | int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Points `x` uniform in [-2, 2] and targets `sin(2x)` plus Gaussian noise of standard deviation `noise`.

    Returns `x` and `y`, both of shape `(n_samples, 1)`. The noise cannot be predicted from `x`, so no
    model's expected squared error on new points is below `noise**2`.

    Examples:
        >>> x, y = noisy_sine(5, rng=0)
        >>> x.shape, y.shape
        ((5, 1), (5, 1))
    """
    n = as_positive_int(n_samples, "n_samples")
    noise = as_positive(noise, "noise", zero_allowed=True)
    rng = as_rng(rng)
    x = rng.uniform(-2, 2, size=(n, 1))
    return x, np.sin(2 * x) + noise * rng.standard_normal((n, 1))


def rotate(x: np.ndarray, degrees: float) -> np.ndarray:
    """Points `x` of shape `(n, 2)` turned counter-clockwise by `degrees` about the origin.

    Examples:
        >>> rotate([[1.0, 0.0]], 90).round(12).tolist()
        [[0.0, 1.0]]
    """
    x = as_float_array(x, "x", ndim=2)
    if x.shape[1] != 2:
        raise ValueError(f"x must have shape (n, 2), got {x.shape}")
    t = math.radians(check_finite(as_real(degrees, "degrees"), "degrees"))
    return x @ np.array([[math.cos(t), math.sin(t)], [-math.sin(t), math.cos(t)]])
