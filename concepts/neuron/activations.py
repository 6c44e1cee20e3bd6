"""Activation functions: the fixed function a neuron passes its weighted sum through, and its derivative.

Convention: for an elementwise function `f`, `f_grad(z)` is the derivative `f'(z)` at every element,
which is also the gradient of `f(z).sum()` with respect to `z`. The names, definitions and defaults are
PyTorch's.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ..validation import as_float_array, as_real, check_finite

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "relu",
    "relu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "step",
    "ACTIVATIONS",
]


def sigmoid(z: ArrayLike) -> np.ndarray:
    """The logistic function `1 / (1 + exp(-z))`, squashing any real number into (0, 1).

    Same definition and formula as `torch.sigmoid`. Where `exp(-z)` overflows (z below about -709 in
    float64, -88 in float32) the result is exactly 0, as it should be, so `z = ±1e4` gives exactly 1
    and 0. (The form `e / (1 + e)` with `e = exp(z)` avoids the overflow but rounds twice, and then a
    larger z can give a smaller result by one unit in the last place; in float64 this one never does.)

    Examples:
        >>> float(sigmoid(0.0)), float(sigmoid(1e4)), float(sigmoid(-1e4))
        (0.5, 1.0, 0.0)
    """
    # --8<-- [start:sigmoid]
    z = as_float_array(z, "z")
    with np.errstate(over="ignore"):  # exp(-z) = inf gives 1 / inf = 0, exactly right
        return 1 / (1 + np.exp(-z))
    # --8<-- [end:sigmoid]


def sigmoid_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of `sigmoid`: `sigmoid(z) * sigmoid(-z)`, at most 1/4 (at z = 0).

    The form `s * (1 - s)` loses digits for large positive z, where `1 - s` is the difference of two
    nearly equal numbers, and gives exactly 0 once `s` rounds to 1; this one does not (for negative z
    the two agree to rounding). Both factors come from the same `e = exp(-|z|)`, which keeps the
    rounded result at most 1/4.

    Examples:
        >>> float(sigmoid_grad(0.0))
        0.25
    """
    # --8<-- [start:sigmoid_grad]
    e = np.exp(-np.abs(as_float_array(z, "z")))  # in [0, 1]: never overflows
    return (1 / (1 + e)) * (e / (1 + e))  # sigmoid(|z|) * sigmoid(-|z|)
    # --8<-- [end:sigmoid_grad]


def tanh(z: ArrayLike) -> np.ndarray:
    """The hyperbolic tangent, squashing into (-1, 1); `tanh(z) = 2 * sigmoid(2z) - 1`.

    Examples:
        >>> float(tanh(0.0)), float(tanh(1e4))
        (0.0, 1.0)
    """
    return np.tanh(as_float_array(z, "z"))


def tanh_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of `tanh`: `1 - tanh(z)**2`, at most 1 (at z = 0).

    Computed as `4e / (1 + e)**2` with `e = exp(-2|z|)`, which keeps full precision in the tails, in
    the form `4 * (1 / (1 + e)) * (e / (1 + e))`: written as `4 * e / (1 + e)**2` it rounds above 1
    for some z near 0.

    Examples:
        >>> float(tanh_grad(0.0))
        1.0
    """
    e = np.exp(-np.abs(as_float_array(z, "z"))) ** 2  # exp(-2|z|); 2|z| itself overflows at |z| = 1e308
    return 4 * (1 / (1 + e)) * (e / (1 + e))


def relu(z: ArrayLike) -> np.ndarray:
    """Rectified linear unit `max(z, 0)` (Nair and Hinton 2010); same as `torch.relu`.

    Examples:
        >>> relu([-2.0, 0.0, 3.0]).tolist()
        [0.0, 0.0, 3.0]
    """
    z = as_float_array(z, "z")
    return np.maximum(z, np.zeros((), z.dtype))


def relu_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of `relu`: 1 where z > 0, else 0 (0 at the kink, as PyTorch's autograd takes it).

    Examples:
        >>> relu_grad([-2.0, 0.0, 3.0]).tolist()
        [0.0, 0.0, 1.0]
    """
    z = as_float_array(z, "z")
    return (z > 0).astype(z.dtype)


def _slope(negative_slope) -> float:
    return check_finite(as_real(negative_slope, "negative_slope"), "negative_slope")


def leaky_relu(z: ArrayLike, negative_slope: float = 0.01) -> np.ndarray:
    """`z` where z > 0, else `negative_slope * z`; PyTorch's `leaky_relu` with its default slope.

    Examples:
        >>> leaky_relu([-2.0, 3.0]).tolist()
        [-0.02, 3.0]
    """
    z = as_float_array(z, "z")
    slope = _slope(negative_slope)
    with np.errstate(over="ignore"):  # a product beyond the dtype's range is ±inf, quietly, as in PyTorch
        # in float64, then rounded to z's dtype: a slope beyond float32's range still gives 0 at z = 0
        return np.where(z > 0, z, (z.astype(np.float64, copy=False) * slope).astype(z.dtype, copy=False))


def leaky_relu_grad(z: ArrayLike, negative_slope: float = 0.01) -> np.ndarray:
    """Derivative of `leaky_relu`: 1 where z > 0, else `negative_slope` (also at the kink, as PyTorch).

    Examples:
        >>> leaky_relu_grad([-2.0, 0.0, 3.0], negative_slope=0.1).tolist()
        [0.1, 0.1, 1.0]
    """
    z = as_float_array(z, "z")
    slope = _slope(negative_slope)
    with np.errstate(over="ignore"):  # a slope beyond float32's range rounds to ±inf in a float32 result
        return np.where(z > 0, 1, slope).astype(z.dtype)


def step(z: ArrayLike) -> np.ndarray:
    """The Heaviside step: 1 where z >= 0, else 0. The perceptron's activation; it has no useful
    derivative (0 wherever it exists), which is why gradient training needs activations with a slope.

    Examples:
        >>> step([-0.1, 0.0, 0.1]).tolist()
        [0.0, 1.0, 1.0]
    """
    z = as_float_array(z, "z")
    return (z >= 0).astype(z.dtype)


ACTIVATIONS: dict[str, Callable] = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "step": step,
    "identity": lambda z: as_float_array(z, "z"),
}
