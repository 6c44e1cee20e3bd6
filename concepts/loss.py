"""Loss functions: one number that says how wrong the predictions are, and its gradient.

Each loss takes the prediction first and the target second, as PyTorch's `torch.nn.functional` does,
with PyTorch's names, definitions, defaults and `reduction="mean"`. Beside each `f` is `f_grad` with
the same arguments: the gradient of the loss with respect to the prediction, in its shape (for the
mean, the gradient of the mean; for `reduction="none"`, of the sum). The logits forms are computed
stably, so logits of ±1e4 give exact, finite values. Shapes must match: a `(3, 1)` prediction against
a `(3,)` target is an error, not a silent broadcast to `(3, 3)`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, as_real, check_finite
from .neuron import sigmoid

__all__ = [
    "mse_loss", "mse_loss_grad", "l1_loss", "l1_loss_grad", "huber_loss", "huber_loss_grad",
    "smooth_l1_loss", "smooth_l1_loss_grad", "binary_cross_entropy", "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits_grad",
    "cross_entropy", "cross_entropy_grad", "log_softmax", "softmax", "naive_cross_entropy",
]

REDUCTIONS = ("mean", "sum", "none")
BCE_EPSILON = float(np.float32(1e-12))  # PyTorch's floor on p (1 - p) in the BCE gradient, a float32 constant


def _pair(input, target, name: str = "input") -> tuple[np.ndarray, np.ndarray]:
    """Prediction and target as finite float arrays of the same shape, in the prediction's dtype."""
    x = as_float_array(input, name)
    y = as_float_array(target, "target")
    if x.shape != y.shape:
        raise ValueError(f"target must have the shape of {name}, {x.shape}, got {y.shape} "
                         "(reshape one of them: broadcasting would compare every pair)")
    if x.size == 0:
        raise ValueError(f"{name} must not be empty")
    for array, label in ((x, name), (y, "target")):
        if not np.isfinite(array).all():
            raise ValueError(f"{label} must be finite, got a NaN or an infinity")
    return x, y.astype(x.dtype, copy=False)


def _reduce(losses: np.ndarray, reduction: str):
    if reduction == "none":
        return losses
    with np.errstate(over="ignore"):  # a sum past the float range is inf, which is the right answer
        return losses.mean() if reduction == "mean" else losses.sum()


def _scale(grad: np.ndarray, reduction: str, count: int) -> np.ndarray:
    """The gradient of the reduced loss from the gradient of each element's loss."""
    return grad / grad.dtype.type(count) if reduction == "mean" else grad


def _check_reduction(reduction) -> str:
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}")
    return reduction


def _check_probability(y: np.ndarray, name: str) -> None:
    if ((y < 0) | (y > 1)).any():
        raise ValueError(f"{name} must lie in [0, 1], got values from {y.min()} to {y.max()}")


def mse_loss(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.floating | np.ndarray:
    """Mean squared error `mean((input - target)**2)`, as `torch.nn.functional.mse_loss`.

    Examples:
        >>> float(mse_loss([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]))
        3.0
    """
    x, y = _pair(input, target)
    with np.errstate(over="ignore"):  # an error past 1e154 squares to inf: the true value is out of range
        # --8<-- [start:mse]
        losses = (x - y) ** 2
        # --8<-- [end:mse]
    return _reduce(losses, _check_reduction(reduction))


def mse_loss_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `mse_loss`: `2 * (input - target) / n`. It grows without bound with the error.

    Examples:
        >>> mse_loss_grad([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]).tolist()
        [0.0, 0.0, 2.0]
    """
    x, y = _pair(input, target)
    with np.errstate(over="ignore"):
        # --8<-- [start:mse_grad]
        grad = 2 * (x - y)
        # --8<-- [end:mse_grad]
    return _scale(grad, _check_reduction(reduction), x.size)


def l1_loss(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.floating | np.ndarray:
    """Mean absolute error `mean(|input - target|)` (MAE), as `torch.nn.functional.l1_loss`.

    Examples:
        >>> float(l1_loss([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]))
        1.0
    """
    x, y = _pair(input, target)
    with np.errstate(over="ignore"):
        losses = np.abs(x - y)
    return _reduce(losses, _check_reduction(reduction))


def l1_loss_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `l1_loss`: `sign(input - target) / n`, the same size for every error (0 at 0, as PyTorch).

    Examples:
        >>> l1_loss_grad([1.0, 2.0, 4.0], [1.0, 2.0, 1.0]).tolist()
        [0.0, 0.0, 0.3333333333333333]
    """
    x, y = _pair(input, target)
    return _scale(np.sign(x - y), _check_reduction(reduction), x.size)


def _positive(value, name: str, *, zero_allowed: bool = False) -> float:
    value = check_finite(as_real(value, name), name)
    if value < 0 or (value == 0 and not zero_allowed):
        raise ValueError(f"{name} must be {'non-negative' if zero_allowed else 'positive'}, got {value}")
    return value


def huber_loss(input: ArrayLike, target: ArrayLike, delta: float = 1.0, *,
               reduction: str = "mean") -> np.floating | np.ndarray:
    """Huber's loss (1964): squared for small errors, linear beyond `delta`, as `torch.nn.functional.huber_loss`.

    Per element, with `e = |input - target|`: `0.5 * e**2` if `e < delta`, else `delta * (e - 0.5 * delta)`.
    The two pieces meet with the same value and slope at `e = delta`.

    Examples:
        >>> # (0.5 * 0.5**2 + 1 * (3 - 0.5)) / 2 = (0.125 + 2.5) / 2
        >>> float(huber_loss([0.5, 3.0], [0.0, 0.0]))
        1.3125
    """
    x, y = _pair(input, target)
    delta = _positive(delta, "delta")
    with np.errstate(over="ignore"):
        # --8<-- [start:huber]
        e = np.abs(x - y)
        losses = np.where(e < delta, 0.5 * e * e, delta * (e - 0.5 * delta))
        # --8<-- [end:huber]
    return _reduce(losses.astype(x.dtype, copy=False), _check_reduction(reduction))


def huber_loss_grad(input: ArrayLike, target: ArrayLike, delta: float = 1.0, *,
                    reduction: str = "mean") -> np.ndarray:
    """Gradient of `huber_loss`: the error clipped to `[-delta, delta]`, over n. Never larger than `delta / n`.

    Examples:
        >>> huber_loss_grad([0.5, 3.0], [0.0, 0.0]).tolist()
        [0.25, 0.5]
    """
    x, y = _pair(input, target)
    delta = _positive(delta, "delta")
    with np.errstate(over="ignore"):
        grad = np.clip(x - y, -delta, delta).astype(x.dtype, copy=False)
    return _scale(grad, _check_reduction(reduction), x.size)


def smooth_l1_loss(input: ArrayLike, target: ArrayLike, beta: float = 1.0, *,
                   reduction: str = "mean") -> np.floating | np.ndarray:
    """Smooth L1 loss, as `torch.nn.functional.smooth_l1_loss`: `huber_loss(..., delta=beta) / beta`.

    Per element, with `e = |input - target|`: `0.5 * e**2 / beta` if `e < beta`, else `e - 0.5 * beta`.
    Its slope for large errors is 1 whatever `beta` (Huber's is `delta`); `beta = 0` gives `l1_loss`.

    Examples:
        >>> float(smooth_l1_loss([0.5, 3.0], [0.0, 0.0]))   # beta = 1: as Huber
        1.3125
    """
    beta = _positive(beta, "beta", zero_allowed=True)
    if beta == 0:  # what PyTorch does: the quadratic piece has zero width
        return l1_loss(input, target, reduction=reduction)
    x, y = _pair(input, target)
    with np.errstate(over="ignore"):
        e = np.abs(x - y)
        losses = np.where(e < beta, 0.5 * e * e / beta, e - 0.5 * beta)
    return _reduce(losses.astype(x.dtype, copy=False), _check_reduction(reduction))


def smooth_l1_loss_grad(input: ArrayLike, target: ArrayLike, beta: float = 1.0, *,
                        reduction: str = "mean") -> np.ndarray:
    """Gradient of `smooth_l1_loss`: `clip((input - target) / beta, -1, 1) / n`, so at most `1 / n`.

    Examples:
        >>> smooth_l1_loss_grad([0.5, 3.0], [0.0, 0.0]).tolist()
        [0.25, 0.5]
    """
    beta = _positive(beta, "beta", zero_allowed=True)
    if beta == 0:
        return l1_loss_grad(input, target, reduction=reduction)
    x, y = _pair(input, target)
    with np.errstate(over="ignore"):
        grad = np.clip((x - y) / x.dtype.type(beta), -1, 1).astype(x.dtype, copy=False)
    return _scale(grad, _check_reduction(reduction), x.size)


def binary_cross_entropy(input: ArrayLike, target: ArrayLike, *,
                         reduction: str = "mean") -> np.floating | np.ndarray:
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
    p, y = _pair(input, target)
    _check_probability(p, "input")
    _check_probability(y, "target")
    with np.errstate(divide="ignore"):  # log(0) = -inf, clamped to -100 right away
        # --8<-- [start:bce]
        log_p = np.maximum(np.log(p), -100)
        log_1_minus_p = np.maximum(np.log1p(-p), -100)
        losses = -(y * log_p + (1 - y) * log_1_minus_p)
        # --8<-- [end:bce]
    return _reduce(losses, _check_reduction(reduction))


def binary_cross_entropy_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `binary_cross_entropy`: `(p - y) / max(p (1 - p), 1e-12) / n`, PyTorch's formula.

    Where the log is clamped this is not the slope of the clamped loss (which is 0 there), but it is
    what PyTorch's backward returns: large, finite, and pointing the right way.

    Examples:
        >>> binary_cross_entropy_grad([0.5, 0.5], [1.0, 0.0]).tolist()
        [-1.0, 1.0]
    """
    p, y = _pair(input, target)
    _check_probability(p, "input")
    _check_probability(y, "target")
    grad = (p - y) / np.maximum(p * (1 - p), p.dtype.type(BCE_EPSILON))
    return _scale(grad, _check_reduction(reduction), p.size)


def binary_cross_entropy_with_logits(input: ArrayLike, target: ArrayLike, *,
                                     reduction: str = "mean") -> np.floating | np.ndarray:
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
    z, y = _pair(input, target)
    _check_probability(y, "target")
    # --8<-- [start:bce_logits]
    losses = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    # --8<-- [end:bce_logits]
    return _reduce(losses, _check_reduction(reduction))


def binary_cross_entropy_with_logits_grad(input: ArrayLike, target: ArrayLike, *,
                                          reduction: str = "mean") -> np.ndarray:
    """Gradient of `binary_cross_entropy_with_logits`: `(sigmoid(input) - target) / n`.

    Examples:
        >>> binary_cross_entropy_with_logits_grad([0.0, 1e4], [1.0, 1.0]).tolist()
        [-0.25, 0.0]
    """
    z, y = _pair(input, target)
    _check_probability(y, "target")
    # --8<-- [start:bce_logits_grad]
    grad = sigmoid(z) - y
    # --8<-- [end:bce_logits_grad]
    return _scale(grad, _check_reduction(reduction), z.size)


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


def _classes(input, target) -> tuple[np.ndarray, np.ndarray]:
    """Logits `(batch, classes)` and integer class indices `(batch,)` in range."""
    z = as_float_array(input, "input", ndim=2)
    if isinstance(target, (str, bytes)):
        raise TypeError(f"target must be integer class indices, got {type(target).__name__}")
    t = np.asarray(target)
    if t.dtype.kind not in "iu":
        raise TypeError(f"target must hold integer class indices, got dtype {t.dtype} "
                        "(for probabilities per class use binary_cross_entropy_with_logits)")
    if t.shape != z.shape[:1]:
        raise ValueError(f"target must have shape (batch,) = {z.shape[:1]} for input of shape {z.shape}, "
                         f"got {t.shape}")
    if z.size == 0:
        raise ValueError(f"input must have at least one example and one class, got shape {z.shape}")
    if not np.isfinite(z).all():
        raise ValueError("input must be finite, got a NaN or an infinity")
    if ((t < 0) | (t >= z.shape[1])).any():
        raise ValueError(f"target must hold classes 0 to {z.shape[1] - 1}, got values from {t.min()} to {t.max()}")
    return z, t.astype(np.intp)


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
    z, t = _classes(input, target)
    # --8<-- [start:cross_entropy]
    log_p = log_softmax(z)[np.arange(len(t)), t]  # log-probability of the right class
    losses = 0.0 - log_p  # so that a sure right answer costs 0.0, not -0.0
    # --8<-- [end:cross_entropy]
    return _reduce(losses, _check_reduction(reduction))


def cross_entropy_grad(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> np.ndarray:
    """Gradient of `cross_entropy` with respect to the logits: `(softmax(input) - one_hot(target)) / batch`.

    Examples:
        >>> cross_entropy_grad([[0.0, 0.0]], [0]).tolist()
        [[-0.5, 0.5]]
    """
    z, t = _classes(input, target)
    # --8<-- [start:cross_entropy_grad]
    grad = softmax(z)
    grad[np.arange(len(t)), t] -= 1  # p - y, with y the one-hot target
    # --8<-- [end:cross_entropy_grad]
    return _scale(grad, _check_reduction(reduction), len(t))


def naive_cross_entropy(input: ArrayLike, target: ArrayLike) -> np.ndarray:
    """The textbook formula `-log(exp(z_t) / sum(exp(z)))` done literally, per example: what not to do.

    `exp(1000)` overflows to inf, inf / inf is NaN, and a tiny probability rounds to 0 whose log is
    -inf. Shown on the page next to `cross_entropy`; numpy's overflow warnings are silenced here
    because the overflow is the point.

    Examples:
        >>> naive_cross_entropy([[1000.0, 0.0]], [0]).tolist()
        [nan]
    """
    z, t = _classes(input, target)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # --8<-- [start:naive]
        e = np.exp(z)
        p = e[np.arange(len(t)), t] / e.sum(axis=1)
        return -np.log(p)
        # --8<-- [end:naive]
