"""Optimizers: how a gradient becomes a step. Plain SGD, momentum, Nesterov momentum and Adam.

Each optimizer has PyTorch's name, arguments, defaults and update rule, and `step(params, grads)`
updates a list of numpy arrays in place, as `torch.optim.SGD` and `torch.optim.Adam` update tensors;
tests/reference checks whole trajectories against PyTorch. The optimizer keeps its state (the momentum
buffer, Adam's moving averages) per position in the list, so pass the same parameters in the same order
at every step. `lr` is a plain attribute: a schedule sets it between steps.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from ..validation import as_flag, as_float_array, as_positive, as_real

__all__ = ["SGD", "Adam"]


def _fraction(value, name: str, *, low_open: bool = False) -> float:
    value = as_real(value, name)
    if not (0 < value < 1 if low_open else 0 <= value < 1):
        raise ValueError(f"{name} must be in {'(0, 1)' if low_open else '[0, 1)'}, got {value}")
    return value


def _is_list(value) -> bool:
    """A list, a tuple or another sequence, not a string or an array (whose rows would pass for a list)."""
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes, np.ndarray))


def _check_params(params) -> list[np.ndarray]:
    """`params` as a list, requiring at least one float numpy array (updated in place, so not a copy)."""
    if not _is_list(params):
        raise TypeError(f"params must be a list of numpy arrays (updated in place), got {type(params).__name__}")
    if len(params) == 0:
        raise ValueError(f"params must hold at least one array to update, got an empty {type(params).__name__}")
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(
                f"params[{i}] must be a float numpy array (it is updated in place), got "
                f"{type(p).__name__}{'' if not isinstance(p, np.ndarray) else ' of ' + str(p.dtype)}"
            )
    return list(params)


def _check_grads(grads, params: list[np.ndarray]) -> list[np.ndarray]:
    """`grads` as float arrays, one of the shape (and dtype) of each array of `params`."""
    if not _is_list(grads):
        raise TypeError(f"grads must be a list with one array per parameter, got {type(grads).__name__}")
    if len(grads) != len(params):
        raise ValueError(f"grads must be a list with one array per parameter ({len(params)}), got {len(grads)}")
    arrays = []
    for i, (p, g) in enumerate(zip(params, grads)):
        g = as_float_array(g, f"grads[{i}]")
        if g.shape != p.shape:
            raise ValueError(f"grads[{i}] must have the shape of params[{i}], {p.shape}, got {g.shape}")
        with np.errstate(over="ignore"):  # a float64 gradient beyond float32's range becomes inf, as in torch
            arrays.append(g.astype(p.dtype, copy=False))
    return arrays


class _Optimizer:
    """What SGD and Adam share: checking `params` and `grads` and keeping state per position."""

    def __init__(self) -> None:
        self.state: list[dict] = []  # one dict per parameter array, filled on the first step
        self.shapes: list[tuple] | None = None

    def _check(self, params, grads) -> list[np.ndarray]:
        params = _check_params(params)
        arrays = _check_grads(grads, params)
        shapes = [p.shape for p in params]
        if self.shapes is None:
            self.shapes = shapes
            self.state = [{} for _ in params]
        elif shapes != self.shapes:
            raise ValueError(f"params must be the same arrays at every step: shapes {self.shapes} before, {shapes} now")
        return arrays


class SGD(_Optimizer):
    """Stochastic gradient descent with optional momentum (Polyak 1964) and Nesterov momentum (1983).

    PyTorch's `torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)`,
    step for step. With `g` the gradient (plus `weight_decay * p`):

    - no momentum: `p -= lr * g`, plain gradient descent (Cauchy 1847);
    - momentum: a velocity `b = momentum * b + (1 - dampening) * g` (on the first step `b = g`), then
      `p -= lr * b`: the velocity is a decaying sum of past gradients, so the steps of a consistent
      gradient add up;
    - Nesterov: `p -= lr * (g + momentum * b)`, PyTorch's form of the look-ahead.

    Examples:
        >>> p = [np.array([1.0, -2.0])]
        >>> opt = SGD(lr=0.1, momentum=0.9)
        >>> opt.step(p, [np.array([1.0, 1.0])])
        >>> opt.step(p, [np.array([1.0, 1.0])])   # the velocity is now 1.9
        >>> p[0].round(2).tolist()
        [0.71, -2.29]
    """

    def __init__(
        self,
        lr: float,
        momentum: float = 0.0,
        nesterov: bool = False,
        *,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
    ):
        super().__init__()
        self.lr = as_positive(lr, "lr")
        self.momentum = _fraction(momentum, "momentum")
        self.dampening = _fraction(dampening, "dampening")
        self.weight_decay = as_positive(weight_decay, "weight_decay", zero_allowed=True)
        nesterov = as_flag(nesterov, "nesterov")
        if nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError("nesterov=True needs momentum > 0 and dampening = 0 (as in PyTorch)")
        self.nesterov = nesterov

    def step(self, params: list[np.ndarray], grads: Sequence[ArrayLike]) -> None:
        """Update every array of `params` in place, one step along `grads`."""
        grads = self._check(params, grads)
        lr = as_positive(self.lr, "lr")
        with np.errstate(over="ignore", invalid="ignore"):  # a huge gradient overflows to inf, quietly as in torch
            self._update(params, grads, lr)

    def _update(self, params: list[np.ndarray], grads: list[np.ndarray], lr: float) -> None:
        for p, g, state in zip(params, grads, self.state):
            if self.weight_decay:
                g = g + self.weight_decay * p
            # --8<-- [start:sgd]
            if self.momentum:
                if "velocity" not in state:
                    state["velocity"] = g.copy()  # the first step: no history yet
                else:
                    state["velocity"] *= self.momentum
                    state["velocity"] += (1 - self.dampening) * g
                b = state["velocity"]
                g = g + self.momentum * b if self.nesterov else b
            p -= lr * g
            # --8<-- [end:sgd]

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr}, momentum={self.momentum}, nesterov={self.nesterov})"


class Adam(_Optimizer):
    """Adam (Kingma and Ba 2015): a step per coordinate from moving averages of the gradient and its square.

    PyTorch's `torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)`, with
    its bias correction: at step `t` (from 1),

        m = beta1 * m + (1 - beta1) * g          v = beta2 * v + (1 - beta2) * g**2
        p -= lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)

    `sqrt(v)`, corrected, is the root mean square of the recent gradients. While a coordinate's gradient keeps its
    sign and roughly its size, the corrected `m / sqrt(v)` is about ±1, so the coordinate moves by about
    `lr` whatever the size of its gradient: the rate is a distance, not a multiple of the slope. Where
    the gradient flips sign, `m` cancels out and the steps shrink; and `eps` makes every step a little
    shorter than `lr` (exactly `lr` needs `eps=0` and a gradient that does not change).

    Examples:
        >>> p = [np.array([1.0, 1.0])]
        >>> opt = Adam(lr=0.1)
        >>> opt.step(p, [np.array([1000.0, 0.001])])  # very different slopes...
        >>> p[0].round(4).tolist()                    # ...the same first step
        [0.9, 0.9]
    """

    def __init__(
        self,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        *,
        weight_decay: float = 0.0,
    ):
        super().__init__()
        self.lr = as_positive(lr, "lr")
        if not (_is_list(betas) or isinstance(betas, np.ndarray)):
            raise TypeError(f"betas must be a pair (beta1, beta2) of numbers in [0, 1), got {type(betas).__name__}")
        count = len(betas) if _is_list(betas) or np.ndim(betas) == 1 else None
        if count != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r:.60}")
        self.betas = (_fraction(betas[0], "betas[0]"), _fraction(betas[1], "betas[1]"))
        self.eps = as_positive(eps, "eps", zero_allowed=True)
        self.weight_decay = as_positive(weight_decay, "weight_decay", zero_allowed=True)

    def step(self, params: list[np.ndarray], grads: Sequence[ArrayLike]) -> None:
        """Update every array of `params` in place, one Adam step along `grads`."""
        grads = self._check(params, grads)
        lr = as_positive(self.lr, "lr")
        # A gradient of 1e200 squares to inf: v is inf, the step m / sqrt(v) is 0 and the weight stays, as
        # in torch.optim.Adam, with no warning.
        with np.errstate(over="ignore", invalid="ignore"):
            self._update(params, grads, lr)

    def _update(self, params: list[np.ndarray], grads: list[np.ndarray], lr: float) -> None:
        beta1, beta2 = self.betas
        for p, g, state in zip(params, grads, self.state):
            if self.weight_decay:
                g = g + self.weight_decay * p
            if not state:
                state.update(t=0, m=np.zeros_like(p), v=np.zeros_like(p))
            # --8<-- [start:adam]
            state["t"] += 1
            t, m, v = state["t"], state["m"], state["v"]
            m *= beta1
            m += (1 - beta1) * g  # moving average of the gradient
            v *= beta2
            v += (1 - beta2) * g * g  # ... and of its square
            step_size = lr / (1 - beta1**t)  # bias corrections: m, v start at 0
            denom = np.sqrt(v) / np.sqrt(1 - beta2**t) + self.eps
            p -= step_size * m / denom
            # --8<-- [end:adam]

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr}, betas={self.betas}, eps={self.eps})"
