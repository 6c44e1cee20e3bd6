"""Gradient descent: how far each step goes, and which learning rates converge.

Gradient descent (Cauchy 1847) moves the parameters against the gradient, `x <- x - lr * grad(x)`. The
gradient gives the direction and the learning rate `lr` the length of the step, in units of the slope.
On a quadratic bowl whose steepest curvature is `L` and flattest `mu`, gradient descent converges for
exactly `0 < lr < 2 / L`, fastest at `lr = 2 / (mu + L)`: `Quadratic` knows its curvatures. `optimize`
runs any optimizer of `concepts.learning_rate.optimizers` on a function of one vector in the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ..validation import as_float_array, as_positive, as_positive_int, as_real
from .optimizers import SGD, Adam

__all__ = ["gradient_descent", "optimize", "Quadratic"]

_BLOCK = 256  # steps that steps_to_converge evaluates at once: little memory, and it stops once every rate is settled


def gradient_descent(grad: Callable[[np.ndarray], ArrayLike], x0: ArrayLike, lr: float, steps: int) -> np.ndarray:
    """Plain gradient descent from `x0`: every iterate, shape `(steps + 1, dim)`, the first being `x0`.

    `grad(x)` returns the gradient at `x` (a vector of the shape of `x`). A run that diverges does not
    raise: once an iterate overflows, the remaining rows repeat it, so the `inf` is visible in the
    result, and no numpy warning escapes.

    Args:
        grad: the gradient of the function to minimise.
        x0: the starting point, a finite vector (a number counts as a vector of one).
        lr: the learning rate, a finite number > 0.
        steps: how many steps, a whole number >= 0.

    Examples:
        >>> path = gradient_descent(lambda x: 2 * x, [1.0], lr=0.25, steps=3)  # f = x**2
        >>> path.ravel().tolist()
        [1.0, 0.5, 0.25, 0.125]
        >>> gradient_descent(lambda x: 2 * x, [1.0], lr=1.5, steps=2000)[-1].tolist()  # too far: diverges
        [inf]
    """
    lr = as_positive(lr, "lr")
    x, path = _start(x0, steps)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
        for k in range(1, len(path)):
            # --8<-- [start:gradient_descent]
            g = _gradient(grad, x)  # grad(x), checked to have the shape of x
            x = x - lr * g  # downhill: the gradient's direction, lr times its size
            # --8<-- [end:gradient_descent]
            path[k] = x
            if _diverged(path, k):
                break
    return path


def _start(x0: ArrayLike, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Check `x0` (a finite vector) and `steps` (a whole number >= 0); return `x0` and the empty path."""
    x = as_float_array(x0, "x0", ndim=(0, 1)).ravel().copy()
    if x.size == 0:
        raise ValueError("x0 must hold at least one number, got shape (0,)")
    if not np.isfinite(x).all():
        raise ValueError(f"x0 must be finite, got {x.tolist()}")
    steps = as_positive_int(steps, "steps", zero_allowed=True)
    path = np.empty((steps + 1, x.size), dtype=x.dtype)
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
    path[k + 1 :] = path[k]
    return True


def optimize(optimizer: SGD | Adam, grad: Callable[[np.ndarray], ArrayLike], x0: ArrayLike, steps: int) -> np.ndarray:
    """Run `optimizer` on a function of one vector from `x0`; return every iterate, shape `(steps + 1, dim)`.

    `grad(x)` returns the gradient at `x`, in the shape of `x`. As with `gradient_descent` (which is
    `optimize(SGD(lr), ...)`), a run that diverges does not raise: once an iterate overflows, the
    remaining rows repeat it, so the `inf` stays visible, and no numpy warning escapes.

    Examples:
        >>> path = optimize(SGD(lr=0.25), lambda x: 2 * x, [1.0], steps=3)
        >>> path.ravel().tolist()
        [1.0, 0.5, 0.25, 0.125]
    """
    if not isinstance(optimizer, (SGD, Adam)):
        raise TypeError(f"optimizer must be an SGD or Adam instance, got {type(optimizer).__name__}")
    x, path = _start(x0, steps)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
        for k in range(1, len(path)):
            optimizer.step([x], [_gradient(grad, x)])
            path[k] = x
            if _diverged(path, k):
                break
    return path


class Quadratic:
    """A quadratic bowl `f(x) = 1/2 (x - minimum)^T H (x - minimum)` that knows its curvatures.

    The eigenvalues of the Hessian `H` are the curvatures along the bowl's axes: `L` the largest and `mu`
    the smallest. Gradient descent multiplies the error along the axis of curvature `c` by `1 - lr * c`
    at every step. So it converges iff `0 < lr < 2 / L` (`max_stable_lr`), and the worst of those factors
    is smallest at `lr = 2 / (mu + L)` (`optimal_lr`; Nesterov 2004, Theorem 2.1.15).

    Args:
        hessian: the curvatures along the coordinate axes (a vector), or a symmetric positive-definite
            matrix.
        minimum: where the bowl bottoms out (default the origin).

    Examples:
        >>> bowl = Quadratic([1.0, 10.0])        # curvature 1 along x, 10 along y
        >>> bowl.mu, bowl.L, bowl.max_stable_lr, round(bowl.optimal_lr, 4)
        (1.0, 10.0, 0.2, 0.1818)
        >>> float(bowl([1.0, 1.0])), bowl.grad([1.0, 1.0]).tolist()
        (5.5, [1.0, 10.0])
    """

    def __init__(self, hessian: ArrayLike, minimum: ArrayLike | None = None):
        h = as_float_array(hessian, "hessian", ndim=(1, 2)).astype(np.float64)
        if h.ndim == 1:
            h = np.diag(h)
        if h.shape[0] != h.shape[1] or h.size == 0:
            raise ValueError(f"hessian must be a vector of curvatures or a square matrix, got shape {h.shape}")
        if not np.isfinite(h).all() or not np.allclose(h, h.T, rtol=1e-12, atol=0):
            raise ValueError("hessian must be finite and symmetric")
        self.curvatures = np.linalg.eigvalsh(h)  # ascending
        if self.curvatures[0] <= 0:
            raise ValueError(
                f"hessian must be positive definite (every curvature > 0), got curvatures {self.curvatures.tolist()}"
            )
        self.hessian = h
        self.dim = h.shape[0]
        m = np.zeros(self.dim) if minimum is None else as_float_array(minimum, "minimum", ndim=1)
        if m.shape != (self.dim,) or not np.isfinite(m).all():
            raise ValueError(f"minimum must be a finite vector of shape ({self.dim},), got {m.tolist()}")
        self.minimum = m.astype(np.float64)
        self.mu, self.L = float(self.curvatures[0]), float(self.curvatures[-1])

    @classmethod
    def stretched(cls, mu: float, L: float, angle: float = 0.0) -> Quadratic:
        """A 2-D bowl with curvatures `mu` and `L`, its steep axis turned `angle` degrees from the y axis.

        Examples:
            >>> bowl = Quadratic.stretched(1.0, 10.0, angle=30)
            >>> round(bowl.mu, 12), round(bowl.L, 12)
            (1.0, 10.0)
        """
        mu, L = as_positive(mu, "mu"), as_positive(L, "L")
        if mu > L:
            raise ValueError(f"mu must be at most L (mu the flattest curvature), got mu = {mu}, L = {L}")
        t = np.deg2rad(as_real(angle, "angle"))
        turn = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        h = turn @ np.diag([mu, L]) @ turn.T
        return cls((h + h.T) / 2)

    @classmethod
    def least_squares(cls, x: ArrayLike, y: ArrayLike) -> Quadratic:
        """The mean squared error of the linear model `x @ w` (no bias), as a bowl in the weights `w`.

        `mean((x @ w - y)**2)` is `f(w)` plus a constant, with Hessian `2 x^T x / n` and its minimum at the
        least-squares solution. Its curvatures scale with the square of the inputs: measure `x` in
        different units and the rates that converge change with them.

        Examples:
            >>> bowl = Quadratic.least_squares([[1.0], [2.0], [3.0]], [2.0, 4.0, 6.0])
            >>> bowl.L, bowl.minimum.round(12).tolist()    # 2 * (1 + 4 + 9) / 3, and y = 2 x
            (9.333333333333334, [2.0])
        """
        x = as_float_array(x, "x", ndim=2).astype(np.float64)
        y = as_float_array(y, "y", ndim=1).astype(np.float64)
        if x.shape[0] != y.size or x.size == 0:
            raise ValueError(f"x must have shape ({y.size}, features) to match y, got {x.shape}")
        solution = np.linalg.lstsq(x, y, rcond=None)[0]
        return cls(2 * x.T @ x / y.size, solution)

    @property
    def condition_number(self) -> float:
        """`L / mu`: how much steeper the steepest direction is than the flattest."""
        return self.L / self.mu

    @property
    def max_stable_lr(self) -> float:
        """`2 / L`: gradient descent converges for every rate below it and for none above."""
        return 2 / self.L

    @property
    def optimal_lr(self) -> float:
        """`2 / (mu + L)`: the fixed rate whose slowest direction shrinks fastest."""
        return 2 / (self.mu + self.L)

    def _points(self, x: ArrayLike) -> np.ndarray:
        x = as_float_array(x, "x")
        if x.ndim == 0 or x.shape[-1] != self.dim:
            raise ValueError(f"x must have {self.dim} coordinates in its last axis, got shape {x.shape}")
        return x - self.minimum

    def __call__(self, x: ArrayLike) -> np.ndarray:
        """The height of the bowl at `x` (shape `(..., dim)`): one value per point."""
        d = self._points(x)
        with np.errstate(over="ignore", invalid="ignore"):  # the height of a diverged point is inf
            return 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)

    def grad(self, x: ArrayLike) -> np.ndarray:
        """The gradient `H (x - minimum)`, in the shape of `x`."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self._points(x) @ self.hessian

    def contraction(self, lr: ArrayLike) -> np.ndarray:
        """`max |1 - lr * c|` over the curvatures `c`: the factor by which each step shrinks the error in
        its slowest direction (the error grows when it is above 1)."""
        lr = as_float_array(lr, "lr")
        # --8<-- [start:contraction]
        factors = np.abs(1 - lr[..., None] * self.curvatures)  # one per axis
        return factors.max(axis=-1)  # the slowest axis sets the pace
        # --8<-- [end:contraction]

    def steps_to_converge(
        self, lr: ArrayLike, x0: ArrayLike, tol: float = 1e-6, max_steps: int = 10_000
    ) -> float | np.ndarray:
        """The first step `k` at which gradient descent from `x0` at rate `lr` is within `tol * |x0 - minimum|`
        of the minimum; `inf` if it is not within `max_steps`.

        Nothing is run: on a quadratic the iteration has a closed form. Along an axis of the bowl with
        curvature `c`, each step multiplies the error by `1 - lr * c`, so after `k` steps the squared
        distance to the minimum is `sum(z**2 * (1 - lr * c)**(2 * k))` over the axes, `z` the error at the
        start along each. That gives every `k` at once, and the answer is the first that is small enough;
        the tests check it against counting the iterates of `gradient_descent`. `lr` may be an array of
        rates: the result has its shape, one count per rate.

        Examples:
            >>> bowl = Quadratic([1.0, 10.0])
            >>> bowl.steps_to_converge([0.02, 0.18, 0.19, 0.21], x0=[1.0, 1.0]).tolist()
            [667.0, 68.0, 128.0, inf]
        """
        rates = as_float_array(lr, "lr")
        if not (np.isfinite(rates) & (rates > 0)).all():  # an array: as_positive takes one number
            raise ValueError(f"lr must be finite and > 0, got {rates.tolist()}")
        x, _ = _start(x0, 0)
        if x.size != self.dim:
            raise ValueError(f"x0 must have shape ({self.dim},), got {np.shape(x0)}")
        tol = as_real(tol, "tol")
        if not 0 < tol < 1:
            raise ValueError(f"tol must be in (0, 1), got {tol}")
        max_steps = as_positive_int(max_steps, "max_steps")
        error = x.astype(np.float64) - self.minimum
        target = (tol * np.linalg.norm(error)) ** 2
        curvatures, axes = np.linalg.eigh(self.hessian)
        z = error @ axes  # the error at the start, along each axis of the bowl
        moving = z != 0  # where the error starts at 0 it stays 0, whatever the factor
        factors = (1 - rates.reshape(-1, 1) * curvatures[moving]) ** 2  # per step, on the squared error
        steps = np.full(len(factors), np.inf)
        pending = np.arange(len(factors))  # the rates not settled yet
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging rate overflows; its count stays inf
            for first in range(1, max_steps + 1, _BLOCK):
                k = np.arange(first, min(first + _BLOCK, max_steps + 1))
                squared = (factors[pending, None, :] ** k[:, None] * z[moving] ** 2).sum(axis=-1)  # (rates, k)
                within = squared <= target
                found = within.any(axis=1)
                steps[pending[found]] = k[within[found].argmax(axis=1)]  # the first k within
                # a sum of powers of k is convex and starts finite: once infinite, it stays infinite
                pending = pending[~found & np.isfinite(squared[:, -1])]
                if pending.size == 0:
                    break
        return float(steps[0]) if rates.ndim == 0 else steps.reshape(rates.shape)

    def __repr__(self) -> str:
        return f"Quadratic(curvatures={self.curvatures.tolist()}, minimum={self.minimum.tolist()})"
