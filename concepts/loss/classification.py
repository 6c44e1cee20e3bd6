"""Classification losses: cross-entropy for two classes and for many, stable for huge logits.

Binary cross-entropy of probabilities and of logits, softmax and log-softmax, and cross-entropy with
integer class targets, with PyTorch's names, definitions and defaults; beside each `f` its gradient
`f_grad` with respect to the prediction. The logits forms are exact and finite for logits of ±1e4.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ..neuron import sigmoid
from ..validation import as_float_array
from .reduction import check_probability, check_reduction, classes, pair, reduce, scale

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "log_softmax",
    "softmax",
    "naive_cross_entropy",
]

BCE_EPSILON = float(np.float32(1e-12))  # PyTorch's floor on p (1 - p) in the BCE gradient, a float32 constant


def binary_cross_entropy(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.floating | np.ndarray:
    """Binary cross-entropy of probabilities, as `torch.nn.functional.binary_cross_entropy`.

    Per element `-(y log p + (1 - y) log(1 - p))` with `p = input` in [0, 1] and `y = target` in [0, 1].
    As in PyTorch each log is clamped at -100, so a probability of exactly 0 or 1 on the wrong side
    costs 100, not infinity. Prefer `binary_cross_entropy_with_logits`: a sigmoid that rounds to 0 or
    1 has already lost the information this loss needs.

    Examples:
        >>> round(float(binary_cross_entropy([0.9, 0.2], [1.0, 0.0])), 4)
        0.1643
        >>> float(binary_cross_entropy([0.0], [1.0]))   # log(0) clamped
        100.0
    """
    p, y = pair(input, target)
    check_probability(p, "input")
    check_probability(y, "target")
    with np.errstate(divide="ignore"):  # log(0) = -inf, clamped to -100 right away
        # --8<-- [start:bce]
        log_p = np.maximum(np.log(p), -100)
        log_1_minus_p = np.maximum(np.log1p(-p), -100)
        losses = -(y * log_p + (1 - y) * log_1_minus_p)
        # --8<-- [end:bce]
    return reduce(losses, check_reduction(reduction))


def binary_cross_entropy_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `binary_cross_entropy`: `(p - y) / max(p (1 - p), 1e-12) / n`, PyTorch's formula.

    Where the log is clamped this is not the slope of the clamped loss (which is 0 there), but it is
    what PyTorch's backward returns: large, finite, and pointing the right way.

    Examples:
        >>> binary_cross_entropy_grad([0.5, 0.5], [1.0, 0.0]).tolist()
        [-1.0, 1.0]
    """
    p, y = pair(input, target)
    check_probability(p, "input")
    check_probability(y, "target")
    grad = (p - y) / np.maximum(p * (1 - p), p.dtype.type(BCE_EPSILON))
    return scale(grad, check_reduction(reduction), p.size)


def binary_cross_entropy_with_logits(
    input: ArrayLike, target: ArrayLike, *, reduction: str = "mean"
) -> np.floating | np.ndarray:
    """Binary cross-entropy of `sigmoid(input)`, computed from the logits without forming the sigmoid.

    Same definition as `torch.nn.functional.binary_cross_entropy_with_logits`. Per element, with
    `z = input` and `y = target` in [0, 1], the loss `-(y log σ(z) + (1 - y) log(1 - σ(z)))` equals
    `max(z, 0) - z y + log(1 + exp(-|z|))`: no exponential of a large number, no log of 0, so it is
    exact for logits of ±1e4.

    Examples:
        >>> # a sure wrong answer costs 1e4, a sure right one 0: mean 5000
        >>> float(binary_cross_entropy_with_logits([1e4, -1e4], [0.0, 0.0]))
        5000.0
    """
    z, y = pair(input, target)
    check_probability(y, "target")
    # --8<-- [start:bce_logits]
    losses = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    # --8<-- [end:bce_logits]
    return reduce(losses, check_reduction(reduction))


def binary_cross_entropy_with_logits_grad(
    input: ArrayLike, target: ArrayLike, *, reduction: str = "mean"
) -> np.ndarray:
    """Gradient of `binary_cross_entropy_with_logits`: `(sigmoid(input) - target) / n`.

    Examples:
        >>> binary_cross_entropy_with_logits_grad([0.0, 1e4], [1.0, 1.0]).tolist()
        [-0.25, 0.0]
    """
    z, y = pair(input, target)
    check_probability(y, "target")
    # --8<-- [start:bce_logits_grad]
    grad = sigmoid(z) - y
    # --8<-- [end:bce_logits_grad]
    return scale(grad, check_reduction(reduction), z.size)


def log_softmax(input: ArrayLike) -> np.ndarray:
    """`log(softmax(input))` along the last axis, computed as `z - max(z) - log(sum(exp(z - max(z))))`.

    Same as `torch.log_softmax(input, dim=-1)`; finite for any finite logits.

    Examples:
        >>> log_softmax([[1e4, -1e4]]).tolist()
        [[0.0, -20000.0]]
    """
    z = as_float_array(input, "input")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError(f"input must have at least one class along its last axis, got shape {z.shape}")
    # A gap past the float range gives -inf (a log-probability below -1.8e308), an infinite logit NaN,
    # as in PyTorch, without numpy's warnings.
    with np.errstate(over="ignore", invalid="ignore"):
        # --8<-- [start:log_softmax]
        shifted = z - z.max(axis=-1, keepdims=True)  # largest logit 0: exp cannot overflow
        return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        # --8<-- [end:log_softmax]


def softmax(input: ArrayLike) -> np.ndarray:
    """Probabilities `exp(z) / sum(exp(z))` along the last axis, as `torch.softmax(input, dim=-1)`.

    Examples:
        >>> softmax([[0.0, 0.0], [1e4, 0.0]]).tolist()
        [[0.5, 0.5], [1.0, 0.0]]
    """
    return np.exp(log_softmax(input))


def cross_entropy(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.floating | np.ndarray:
    """Cross-entropy of logits `(batch, classes)` against class indices `(batch,)`: `-log softmax(z)[target]`.

    Same as `torch.nn.functional.cross_entropy` with integer targets. Through `log_softmax` it is
    exact for logits of ±1e4, where `exp` alone would overflow.

    Examples:
        >>> # -log(e^2 / (e^2 + e^0 + e^0))
        >>> round(float(cross_entropy([[2.0, 0.0, 0.0]], [0])), 4)
        0.2395
        >>> float(cross_entropy([[1e4, -1e4]], [1]))
        20000.0
    """
    z, t = classes(input, target)
    # --8<-- [start:cross_entropy]
    log_p = log_softmax(z)[np.arange(len(t)), t]  # log-probability of the right class
    losses = 0.0 - log_p  # so that a sure right answer costs 0.0, not -0.0
    # --8<-- [end:cross_entropy]
    return reduce(losses, check_reduction(reduction))


def cross_entropy_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `cross_entropy` with respect to the logits: `(softmax(input) - one_hot(target)) / batch`.

    Examples:
        >>> cross_entropy_grad([[0.0, 0.0]], [0]).tolist()
        [[-0.5, 0.5]]
    """
    z, t = classes(input, target)
    # --8<-- [start:cross_entropy_grad]
    grad = softmax(z)
    grad[np.arange(len(t)), t] -= 1  # p - y, with y the one-hot target
    # --8<-- [end:cross_entropy_grad]
    return scale(grad, check_reduction(reduction), len(t))


def naive_cross_entropy(input: ArrayLike, target: ArrayLike) -> np.ndarray:
    """The textbook formula `-log(exp(z_t) / sum(exp(z)))` done literally, per example: what not to do.

    `exp(1000)` overflows to inf, inf / inf is NaN, and a tiny probability rounds to 0 whose log is
    -inf. `cross_entropy` computes the same loss without either; numpy's overflow warnings are silenced
    here because the overflow is the point.

    Examples:
        >>> naive_cross_entropy([[1000.0, 0.0]], [0]).tolist()
        [nan]
    """
    z, t = classes(input, target)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # --8<-- [start:naive]
        e = np.exp(z)
        p = e[np.arange(len(t)), t] / e.sum(axis=1)
        return -np.log(p)
        # --8<-- [end:naive]
