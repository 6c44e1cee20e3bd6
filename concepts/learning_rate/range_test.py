"""Finding a learning rate for a network in one short run: the LR range test, as fastai's finder runs it.

Nobody writes down the curvature of a network's loss, so the bound `2 / L` of `concepts.learning_rate`
cannot be computed in advance. Smith (2017) measured instead: his LR range test trains for a few epochs
while the rate rises linearly, and reads the useful range off a plot of accuracy against rate. The
version here is fastai's learning-rate finder (`Learner.lr_find`; Howard and Gugger 2020): it trains for
one short run, at most `steps` steps (100 by default), while the rate grows exponentially, and watches a
smoothed loss. `train` runs an optimizer for a number of steps and `classifier_objective` builds the
`() -> (loss, grads)` callable both need for a `concepts.network.MLP` with one output, trained with
binary cross-entropy on its logits (`concepts.loss`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..network import MLP
from ..validation import (
    as_callable,
    as_choice,
    as_finite_array,
    as_float_array,
    as_positive,
    as_positive_int,
    as_real,
    as_rng,
    check_finite,
)
from .optimizers import SGD, Adam

__all__ = ["lr_range_test", "RangeTest", "train", "classifier_objective"]

# `() -> (loss, grads)`: the loss at the current parameters and its gradient for each of them; grads is None
# when there is none to take (the loss is not finite: the weights overflowed), and training stops there.
LossAndGrads = Callable[[], tuple[float, Sequence[np.ndarray] | None]]


@dataclass(frozen=True)
class RangeTest:
    """What `lr_range_test` measured: the rate and loss of every step it took, and its suggestion."""

    lrs: np.ndarray
    """The rate of each step taken, rising exponentially."""
    losses: np.ndarray
    """The loss before each step."""
    smoothed: np.ndarray
    """The losses smoothed by a bias-corrected exponential moving average."""
    suggested_lr: float
    """The rate the rule picked."""
    rule: str
    """`"steepest"` or `"minimum"` (see `lr_range_test`)."""


def lr_range_test(
    params: list[np.ndarray],
    loss_and_grads: LossAndGrads,
    start_lr: float = 1e-3,
    end_lr: float = 100.0,
    steps: int = 100,
    *,
    optimizer: SGD | Adam | None = None,
    beta: float = 0.9,
    diverge: float = 4.0,
    rule: str = "steepest",
) -> RangeTest:
    """The LR range test in the form of fastai's finder: raise the rate exponentially, watch the smoothed loss.

    Step `k` of `steps` uses the rate `start_lr * (end_lr / start_lr) ** (k / (steps - 1))`. The loss
    first barely moves (the rate is too small to matter), then falls (useful rates), then turns up and
    explodes (too large). The run stops once the smoothed loss is `diverge` times its minimum, or not
    finite, or `loss_and_grads` gives no gradients; the parameters are then put back as they were before
    the test.

    The exponential sweep, the smoothing (a moving average with Adam's correction for its start at 0) and
    the stop at `diverge = 4` times the minimum are those of fastai's learning-rate finder (Howard and
    Gugger 2020; its defaults differ: rates from 1e-7 to 10, smoothing `beta = 0.98`). Smith's original
    test (Smith 2017) raises the rate linearly over a few epochs instead, and reads the useful range by
    eye off a plot of the accuracy. The suggestion here follows a rule, on the smoothed losses up to
    their minimum, two of the four that fastai offers: `rule="steepest"` (default, fastai's `steep`)
    takes the rate where the smoothed loss falls fastest against log(rate), the middle of the useful
    range; `rule="minimum"` (fastai's `minimum`) takes the rate of the lowest smoothed loss divided by
    10, an order of magnitude below where the loss stops improving, which is more cautious.

    Args:
        params: the arrays the model computes with; stepped in place during the test, restored after.
        loss_and_grads: `() -> (loss, grads)` at the current `params`; grads None when there are none
            (`classifier_objective` once the weights have overflowed). At the starting `params` the loss
            must be finite and the gradients there: otherwise there is nothing to measure (a ValueError).
        start_lr: the first rate, > 0.
        end_lr: the last rate, > start_lr.
        steps: how many steps the sweep takes at most, >= 2.
        optimizer: the optimizer whose rate is swept (default: plain `SGD`); its `lr` is overwritten.
        beta: the smoothing factor of the moving average, in [0, 1); 0 smooths nothing.
        diverge: stop once the smoothed loss exceeds this multiple of its minimum, > 1.
        rule: `"steepest"` or `"minimum"`.

    Examples:
        >>> w = np.array([5.0])        # f(w) = 2 w**2: curvature 4, so rates up to 2 / 4 converge
        >>> f = lambda: (2 * w[0] ** 2, [4 * w])
        >>> result = lr_range_test([w], f, start_lr=1e-3, end_lr=10.0, steps=50)
        >>> 0.01 < result.suggested_lr < 0.5, w.tolist()   # w is restored
        (True, [5.0])
    """
    params = _params(params)
    loss_and_grads = as_callable(loss_and_grads, "loss_and_grads")
    start_lr, end_lr = as_positive(start_lr, "start_lr"), as_positive(end_lr, "end_lr")
    if not start_lr < end_lr:
        raise ValueError(f"end_lr must be larger than start_lr = {start_lr}, got {end_lr}")
    if not math.isfinite(end_lr / start_lr):
        raise ValueError(
            f"end_lr / start_lr must be a finite number (a sweep of at most 308 decades), got {end_lr} / {start_lr}"
        )
    steps = as_positive_int(steps, "steps")
    if steps < 2:
        raise ValueError(f"steps must be at least 2 to sweep a range, got {steps}")
    beta = as_real(beta, "beta")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta}")
    diverge = check_finite(as_real(diverge, "diverge"), "diverge")
    if not diverge > 1:
        raise ValueError(f"diverge must be > 1, got {diverge}")
    rule = as_choice(rule, "rule", ("steepest", "minimum"))
    if optimizer is None:
        optimizer = SGD(start_lr)
    elif not isinstance(optimizer, (SGD, Adam)):
        raise TypeError(f"optimizer must be an SGD or Adam instance or None, got {type(optimizer).__name__}")
    if not (np.diff(start_lr * (end_lr / start_lr) ** (np.arange(steps) / (steps - 1))) > 0).all():
        raise ValueError(f"end_lr = {end_lr} is too close to start_lr = {start_lr} for {steps} distinct rates")
    loss_and_grads = _checked(loss_and_grads, start=True)
    saved = [np.array(p, copy=True) for p in params]
    # --8<-- [start:range_test]
    lrs = start_lr * (end_lr / start_lr) ** (np.arange(steps) / (steps - 1))
    losses: list[float] = []
    smoothed: list[float] = []
    average = 0.0
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # it ends diverging
            for k, lr in enumerate(lrs):
                loss, grads = loss_and_grads()
                losses.append(float(loss))
                average = beta * average + (1 - beta) * losses[-1]
                smoothed.append(average / (1 - beta ** (k + 1)))  # as Adam's
                now = smoothed[-1]
                if grads is None or not np.isfinite(now) or now > diverge * min(smoothed):
                    break  # exploded: larger rates are useless
                optimizer.lr = float(lr)
                optimizer.step(params, grads)
    finally:
        for p, old in zip(params, saved):
            p[...] = old
    # --8<-- [end:range_test]
    curve = np.array(smoothed)
    best = int(np.argmin(np.where(np.isfinite(curve), curve, np.inf)))
    if rule == "minimum":
        suggested = lrs[best] / 10
    elif best == 0:
        suggested = lrs[0]
    else:  # the most negative slope of the smoothed loss against log(rate), up to its minimum
        suggested = lrs[int(np.argmin(np.gradient(curve[: best + 1], np.log(lrs[: best + 1]))))]
    return RangeTest(
        lrs=lrs[: len(losses)], losses=np.array(losses), smoothed=curve, suggested_lr=float(suggested), rule=rule
    )


def _params(params) -> list[np.ndarray]:
    """`params` checked before anything is saved or stepped: a non-empty list of float numpy arrays."""
    if isinstance(params, (str, bytes, np.ndarray)) or not isinstance(params, Sequence):
        raise TypeError(f"params must be a list of numpy arrays (updated in place), got {type(params).__name__}")
    if len(params) == 0:
        raise ValueError("params must hold at least one array to update, got an empty list")
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(f"params[{i}] must be a float numpy array (it is updated in place), got {type(p).__name__}")
    return list(params)


def _checked(loss_and_grads: LossAndGrads, *, start: bool = False) -> LossAndGrads:
    """`loss_and_grads`, its answers checked: a pair of a real loss and its grads (which the optimizer checks
    against the parameters), errors naming `loss_and_grads`. With `start`, the first loss must be finite and
    come with gradients: a range test has nothing to measure from a start that has already overflowed."""
    calls = 0

    def checked() -> tuple[float, Sequence[np.ndarray] | None]:
        nonlocal calls
        calls += 1
        result = loss_and_grads()
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise TypeError(f"loss_and_grads must return a pair (loss, grads), got {type(result).__name__}")
        loss, grads = result
        value = as_float_array(loss, "loss_and_grads()[0]")
        if value.size != 1:
            raise ValueError(f"loss_and_grads()[0], the loss, must be one number, got shape {value.shape}")
        loss = float(value.reshape(()))
        if start and calls == 1 and (grads is None or not math.isfinite(loss)):
            raise ValueError(
                f"loss_and_grads must give a finite loss and gradients at the starting parameters, got loss "
                f"{loss}{' and no gradients' if grads is None else ''}"
            )
        return loss, grads  # the optimizer checks grads against params

    return checked


def train(params: list[np.ndarray], loss_and_grads: LossAndGrads, optimizer: SGD | Adam, steps: int) -> np.ndarray:
    """Take `steps` optimizer steps; return the loss before each one, shape `(steps,)`.

    `loss_and_grads()` evaluates the loss and its gradients at the current `params`, which the optimizer
    updates in place. A run that diverges stops at the first loss that is not finite (or the first call
    without gradients); that entry and the ones after it are `inf`.

    Examples:
        >>> w = np.array([3.0])
        >>> losses = train([w], lambda: (w[0] ** 2, [2 * w]), SGD(lr=0.25), steps=4)
        >>> losses.tolist(), w.tolist()
        ([9.0, 2.25, 0.5625, 0.140625], [0.1875])
    """
    params = _params(params)
    loss_and_grads = _checked(as_callable(loss_and_grads, "loss_and_grads"))
    if not isinstance(optimizer, (SGD, Adam)):
        raise TypeError(f"optimizer must be an SGD or Adam instance, got {type(optimizer).__name__}")
    steps = as_positive_int(steps, "steps")
    losses = np.full(steps, np.inf)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
        for k in range(steps):
            loss, grads = loss_and_grads()
            if grads is None or not np.isfinite(loss):
                break
            losses[k] = loss
            optimizer.step(params, grads)
    return losses


def classifier_objective(
    net: MLP, x: ArrayLike, y: ArrayLike, batch_size: int | None = None, *, rng: np.random.Generator | int | None = None
) -> LossAndGrads:
    """`() -> (loss, grads)` for a one-output `MLP` classifying `x` into `y` (0 or 1, or a probability between).

    The loss is `concepts.loss.binary_cross_entropy_with_logits` of the network's output, and `grads`
    its gradients with respect to `net.parameters()`, by `net.backward`. With `batch_size`, each call
    draws a fresh minibatch of that many examples without replacement (from `rng`); without it, each
    call uses the whole data set. Once the weights have overflowed, the loss is `inf` and `grads` None.

    Examples:
        >>> from concepts.datasets import two_moons
        >>> x, y = two_moons(40, rng=0)
        >>> net = MLP([2, 8, 1], rng=0)
        >>> loss, grads = classifier_objective(net, x, y)()
        >>> round(loss, 4), [g.shape for g in grads]
        (0.7768, [(2, 8), (8,), (8, 1), (1,)])
    """
    from ..loss import binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad

    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP with one output, got {type(net).__name__}")
    if net.sizes[-1] != 1:
        raise ValueError(f"net must be an MLP with one output, got sizes {net.sizes}")
    x = as_finite_array(x, "x", ndim=2, empty_ok=False)
    y = as_finite_array(y, "y", ndim=1, empty_ok=False)
    if x.shape != (y.size, net.sizes[0]):
        raise ValueError(f"x must have shape ({y.size}, {net.sizes[0]}) to match y and net, got {x.shape}")
    if not ((y >= 0) & (y <= 1)).all():
        raise ValueError(f"y must hold labels 0 or 1 (or probabilities between), got {y[(y < 0) | (y > 1)][0]}")
    if batch_size is not None:
        batch_size = as_positive_int(batch_size, "batch_size")
        if batch_size > y.size:
            raise ValueError(f"batch_size must be at most the {y.size} examples, got {batch_size}")
    rng = as_rng(rng)

    def loss_and_grads() -> tuple[float, list[np.ndarray] | None]:
        rows = slice(None) if batch_size is None else rng.choice(y.size, batch_size, replace=False)
        with np.errstate(over="ignore", invalid="ignore"):
            out = net.forward(x[rows])
        target = y[rows, None]
        if not np.isfinite(out).all():
            return np.inf, None
        loss = float(binary_cross_entropy_with_logits(out, target))
        return loss, net.backward(binary_cross_entropy_with_logits_grad(out, target))

    return loss_and_grads
