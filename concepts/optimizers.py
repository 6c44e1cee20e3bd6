"""Optimizers: how a gradient becomes a step. Plain SGD, momentum, Nesterov momentum and Adam.

Each optimizer has PyTorch's name, arguments, defaults and update rule, and `step(params, grads)`
updates a list of numpy arrays in place, as `torch.optim.SGD` and `torch.optim.Adam` update tensors;
tests/reference checks whole trajectories against PyTorch. The optimizer keeps its state (the momentum
buffer, Adam's moving averages) per position in the list, so pass the same parameters in the same order
at every step. `lr` is a plain attribute: a schedule sets it between steps.

`optimize(optimizer, grad, x0, steps)` runs any of them on a function of one vector and returns every
iterate, for the figures that compare them.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, as_real

__all__ = ["SGD", "Adam", "optimize"]


def _rate(value, name: str) -> float:
    value = as_real(value, name)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def _fraction(value, name: str, *, low_open: bool = False) -> float:
    value = as_real(value, name)
    if not (0 < value < 1 if low_open else 0 <= value < 1):
        raise ValueError(f"{name} must be in {'(0, 1)' if low_open else '[0, 1)'}, got {value}")
    return value


def _non_negative(value, name: str) -> float:
    value = as_real(value, name)
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number >= 0, got {value}")
    return value


class _Optimizer:
    """What SGD and Adam share: checking `params` and `grads` and keeping state per position."""

    def __init__(self) -> None:
        self.state: list[dict] = []  # one dict per parameter array, filled on the first step
        self.shapes: list[tuple] | None = None

    def _check(self, params, grads) -> list[np.ndarray]:
        if isinstance(params, np.ndarray) or not isinstance(params, Sequence):
            raise TypeError("params must be a list of numpy arrays (updated in place), got "
                            f"{type(params).__name__}")
        for i, p in enumerate(params):
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"params[{i}] must be a float numpy array (it is updated in place), got "
                                f"{type(p).__name__}{'' if not isinstance(p, np.ndarray) else ' of ' + str(p.dtype)}")
        if isinstance(grads, np.ndarray) or not isinstance(grads, Sequence) or len(grads) != len(params):
            raise ValueError(f"grads must be a list with one array per parameter ({len(params)}), got "
                             f"{len(grads) if isinstance(grads, Sequence) else type(grads).__name__}")
        arrays = []
        for i, (p, g) in enumerate(zip(params, grads)):
            g = as_float_array(g, f"grads[{i}]")
            if g.shape != p.shape:
                raise ValueError(f"grads[{i}] must have the shape of params[{i}], {p.shape}, got {g.shape}")
            arrays.append(g.astype(p.dtype, copy=False))
        shapes = [p.shape for p in params]
        if self.shapes is None:
            self.shapes = shapes
            self.state = [{} for _ in params]
        elif shapes != self.shapes:
            raise ValueError(f"params must be the same arrays at every step: shapes {self.shapes} before, "
                             f"{shapes} now")
        return arrays


class SGD(_Optimizer):
    """Stochastic gradient descent with optional momentum (Polyak 1964) and Nesterov momentum (1983).

    PyTorch's `torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)`,
    step for step. With `g` the gradient (plus `weight_decay * p`):

    - no momentum: `p -= lr * g`, plain gradient descent (Cauchy 1847);
    - momentum: a velocity `b = momentum * b + (1 - dampening) * g` (on the first step `b = g`), then
      `p -= lr * b`: the steps of a consistent gradient add up;
    - Nesterov: `p -= lr * (g + momentum * b)`, PyTorch's form of the look-ahead.

    Examples:
        >>> p = [np.array([1.0, -2.0])]
        >>> opt = SGD(lr=0.1, momentum=0.9)
        >>> opt.step(p, [np.array([1.0, 1.0])])
        >>> opt.step(p, [np.array([1.0, 1.0])])   # the velocity is now 1.9
        >>> p[0].round(2).tolist()
        [0.71, -2.29]
    """

    def __init__(self, lr: float, momentum: float = 0.0, nesterov: bool = False, *, dampening: float = 0.0,
                 weight_decay: float = 0.0):
        super().__init__()
        self.lr = _rate(lr, "lr")
        self.momentum = _fraction(momentum, "momentum")
        self.dampening = _fraction(dampening, "dampening")
        self.weight_decay = _non_negative(weight_decay, "weight_decay")
        if not isinstance(nesterov, (bool, np.bool_)):
            raise TypeError(f"nesterov must be True or False, got {type(nesterov).__name__}")
        if nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError("nesterov=True needs momentum > 0 and dampening = 0 (as in PyTorch)")
        self.nesterov = bool(nesterov)

    def step(self, params: list[np.ndarray], grads: Sequence[ArrayLike]) -> None:
        """Update every array of `params` in place, one step along `grads`."""
        grads = self._check(params, grads)
        lr = _rate(self.lr, "lr")
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

    Far from the minimum `m / sqrt(v)` is about ±1, so each coordinate moves by about `lr` whatever the
    size of its gradient: the rate is a distance, not a multiple of the slope.

    Examples:
        >>> p = [np.array([1.0, 1.0])]
        >>> opt = Adam(lr=0.1)
        >>> opt.step(p, [np.array([1000.0, 0.001])])  # very different slopes...
        >>> p[0].round(4).tolist()                    # ...the same first step
        [0.9, 0.9]
    """

    def __init__(self, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8, *,
                 weight_decay: float = 0.0):
        super().__init__()
        self.lr = _rate(lr, "lr")
        if not isinstance(betas, Sequence) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (_fraction(betas[0], "betas[0]"), _fraction(betas[1], "betas[1]"))
        self.eps = _non_negative(eps, "eps")
        self.weight_decay = _non_negative(weight_decay, "weight_decay")

    def step(self, params: list[np.ndarray], grads: Sequence[ArrayLike]) -> None:
        """Update every array of `params` in place, one Adam step along `grads`."""
        grads = self._check(params, grads)
        lr = _rate(self.lr, "lr")
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


def _start(x0: ArrayLike, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Check `x0` (a finite vector) and `steps` (a whole number >= 0); return `x0` and the empty path."""
    x = as_float_array(x0, "x0", ndim=(0, 1)).ravel().copy()
    if x.size == 0:
        raise ValueError("x0 must hold at least one number, got shape (0,)")
    if not np.isfinite(x).all():
        raise ValueError(f"x0 must be finite, got {x.tolist()}")
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral):
        raise TypeError(f"steps must be a whole number >= 0, got {type(steps).__name__}")
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    path = np.empty((int(steps) + 1, x.size), dtype=x.dtype)
    path[0] = x
    return x, path


def _gradient(grad: Callable, x: np.ndarray) -> np.ndarray:
    """`grad(x)`, checked: a float array of the shape of `x` (a copy, so `x` is never aliased)."""
    g = grad(x.copy())
    g = as_float_array(g, "grad(x)")
    if g.shape != x.shape and g.size == x.size == 1:
        g = g.reshape(x.shape)
    if g.shape != x.shape:
        raise ValueError(f"grad(x) must return the shape of x, {x.shape}, got {g.shape}")
    return g.astype(x.dtype, copy=False)


def _diverged(path: np.ndarray, k: int) -> bool:
    """If iterate `k` overflowed, repeat it in the remaining rows (the overflow stays visible)."""
    if np.isfinite(path[k]).all():
        return False
    path[k + 1:] = path[k]
    return True


def optimize(optimizer: SGD | Adam, grad: Callable[[np.ndarray], ArrayLike], x0: ArrayLike,
             steps: int) -> np.ndarray:
    """Run `optimizer` on a function of one vector from `x0`; return every iterate, shape `(steps + 1, dim)`.

    `grad(x)` returns the gradient at `x`, in the shape of `x`. As with `gradient_descent` (which is
    `optimize(SGD(lr), ...)`), a run that diverges does not raise: once an iterate overflows, the
    remaining rows repeat it, so the `inf` stays visible, and no numpy warning escapes.

    Examples:
        >>> path = optimize(SGD(lr=0.25), lambda x: 2 * x, [1.0], steps=3)
        >>> path.ravel().tolist()
        [1.0, 0.5, 0.25, 0.125]
    """
    if not isinstance(optimizer, _Optimizer):
        raise TypeError(f"optimizer must be an SGD or Adam instance, got {type(optimizer).__name__}")
    x, path = _start(x0, steps)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
        for k in range(1, len(path)):
            optimizer.step([x], [_gradient(grad, x)])
            path[k] = x
            if _diverged(path, k):
                break
    return path
