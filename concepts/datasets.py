"""Toy data sets small enough to print, shared by the pages."""

from __future__ import annotations

import numpy as np

from ._validation import as_positive_int, as_real, as_rng

__all__ = ["logic_gate", "GATES", "two_moons"]

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


def two_moons(n_samples: int = 100, noise: float = 0.1, *,
              rng: np.random.Generator | int | None = None) -> tuple[np.ndarray, np.ndarray]:
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
    n_samples = as_positive_int(n_samples, "n_samples")
    noise = as_real(noise, "noise")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise}")
    rng = as_rng(rng)
    n_upper = n_samples // 2
    n_lower = n_samples - n_upper
    t_upper = np.linspace(0, np.pi, n_upper)
    t_lower = np.linspace(0, np.pi, n_lower)
    x = np.concatenate([np.column_stack([np.cos(t_upper), np.sin(t_upper)]),
                        np.column_stack([1 - np.cos(t_lower), 0.5 - np.sin(t_lower)])])
    y = np.concatenate([np.zeros(n_upper), np.ones(n_lower)])
    if noise:
        x = x + rng.normal(scale=noise, size=x.shape)
    return x, y
