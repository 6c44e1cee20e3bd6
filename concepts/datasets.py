"""Toy data sets small enough to print, shared by the pages."""

from __future__ import annotations

import numpy as np

__all__ = ["logic_gate", "GATES"]

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
