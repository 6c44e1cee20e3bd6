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

from ..validation import (
    as_callable,
    as_finite_array,
    as_float_array,
    as_positive,
    as_positive_int,
    as_real,
    check_finite,
)
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
    grad = as_callable(grad, "grad")
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
    x = as_finite_array(x0, "x0", ndim=(0, 1), empty_ok=False).ravel().copy()
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
    grad = as_callable(grad, "grad")
    x, path = _start(x0, steps)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
        for k in range(1, len(path)):
            optimizer.step([x], [_gradient(grad, x)])
            path[k] = x
            if _diverged(path, k):
                break
    return path


def _is_diagonal(h: np.ndarray) -> bool:
    return not np.any(h - np.diag(np.diagonal(h)))


def _curvatures(h: np.ndarray) -> np.ndarray:
    """The eigenvalues of the symmetric `h`, ascending; exact for a diagonal `h` (LAPACK rescales a matrix with
    entries near the float limits, which rounds a curvature of 1e-300 beside one of 1e300 to 0)."""
    return np.sort(np.diagonal(h)) if _is_diagonal(h) else np.linalg.eigvalsh(h)


def _axes(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The eigenvalues of the symmetric `h`, ascending, and its eigenvectors (columns), exact when diagonal."""
    if not _is_diagonal(h):
        return np.linalg.eigh(h)
    order = np.argsort(np.diagonal(h), kind="stable")
    return np.diagonal(h)[order], np.eye(len(h))[:, order]


def _rates(lr: ArrayLike, name: str) -> np.ndarray:
    """`lr` as a float array of learning rates, each finite and > 0 (`as_positive` takes one number)."""
    rates = as_finite_array(lr, name)
    if not (rates > 0).all():
        raise ValueError(f"{name} must be > 0, got {rates[rates <= 0].ravel()[0]}")
    return rates


def _direction(x: np.ndarray, minimum: np.ndarray) -> np.ndarray:
    """The unit vector from `minimum` to `x` (zeros where they are equal), without over- or underflow."""
    with np.errstate(over="ignore"):
        error = x - minimum
    if not np.isfinite(error).all():  # opposite signs near the top of the float range: halve both
        error = x / 2 - minimum / 2
    scale = np.abs(error).max()
    if scale == 0:
        return error
    error = error / scale  # the largest entry is 1: its norm neither over- nor underflows
    return error / np.linalg.norm(error)


def _log_sum_exp(terms: np.ndarray) -> np.ndarray:
    """`log(sum(exp(terms)))` over the last axis, exact for terms of any size (including -inf and inf)."""
    top = terms.max(axis=-1)
    shift = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        total = shift + np.log(np.exp(terms - shift[..., None]).sum(axis=-1))
    return np.where(np.isfinite(top), total, top)


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
        h = as_finite_array(hessian, "hessian", ndim=(1, 2), empty_ok=False).astype(np.float64)
        if h.ndim == 1:
            h = np.diag(h)
        if h.shape[0] != h.shape[1]:
            raise ValueError(f"hessian must be a vector of curvatures or a square matrix, got shape {h.shape}")
        if not np.allclose(h, h.T, rtol=1e-12, atol=0):
            raise ValueError("hessian must be symmetric")
        self.curvatures = _curvatures(h)  # ascending
        if self.curvatures[0] <= 0:
            raise ValueError(
                f"hessian must be positive definite (every curvature > 0), got curvatures {self.curvatures.tolist()}"
            )
        self.hessian = h
        self.dim = h.shape[0]
        m = np.zeros(self.dim) if minimum is None else as_finite_array(minimum, "minimum", ndim=1)
        if m.shape != (self.dim,):
            raise ValueError(f"minimum must be a vector of shape ({self.dim},), got shape {m.shape}")
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
        t = np.deg2rad(check_finite(angle, "angle"))
        turn = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        h = turn @ np.diag([mu, L]) @ turn.T
        try:
            return cls((h + h.T) / 2)
        except ValueError:  # rounding the turned matrix lost mu beside L: the bowl has no float form
            raise ValueError(
                f"mu and L are too far apart (L / mu = {L / mu:.3g}) for a bowl turned {angle} degrees: "
                "rounding the turned Hessian loses mu"
            ) from None

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
        x = as_finite_array(x, "x", ndim=2, empty_ok=False).astype(np.float64)
        y = as_finite_array(y, "y", ndim=1, empty_ok=False).astype(np.float64)
        if x.shape[0] != y.size:
            raise ValueError(f"x must have shape ({y.size}, features) to match y, got {x.shape}")
        with np.errstate(over="ignore", invalid="ignore"):
            hessian = 2 * x.T @ x / y.size
            solution = np.linalg.lstsq(x, y, rcond=None)[0] if np.isfinite(hessian).all() else None
        if solution is None or not np.isfinite(solution).all():
            raise ValueError("x and y are too large: the curvatures or the solution of the bowl overflow")
        try:
            return cls(hessian, solution)
        except ValueError as error:  # a curvature of 0
            if np.linalg.matrix_rank(x) < x.shape[1]:  # a column of x is a combination of the others
                raise ValueError(f"x must have linearly independent columns: {error}") from None
            raise ValueError(f"x is too small: the curvatures 2 x^T x / n underflow to 0 ({error})") from None

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
        return 1 / (self.mu / 2 + self.L / 2)  # 2 / (mu + L), without overflow when L is near the float limit

    def _points(self, x: ArrayLike) -> np.ndarray:
        x = as_float_array(x, "x")
        if x.ndim == 0 or x.shape[-1] != self.dim:
            raise ValueError(f"x must have {self.dim} coordinates in its last axis, got shape {x.shape}")
        with np.errstate(over="ignore", invalid="ignore"):  # a point far out is infinitely far
            return x - self.minimum

    def __call__(self, x: ArrayLike) -> np.ndarray:
        """The height of the bowl at `x` (shape `(..., dim)`): one value per point."""
        d = self._points(x)
        with np.errstate(over="ignore", invalid="ignore"):  # the height of a diverged point is inf
            return 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)

    def grad(self, x: ArrayLike) -> np.ndarray:
        """The gradient `H (x - minimum)`, in the shape of `x`."""
        d = self._points(x)
        with np.errstate(over="ignore", invalid="ignore"):
            return d @ self.hessian

    def contraction(self, lr: ArrayLike) -> np.ndarray:
        """`max |1 - lr * c|` over the curvatures `c`: the factor by which each step shrinks the error in
        its slowest direction (the error grows when it is above 1). `lr`: a rate > 0 or an array of them."""
        lr = _rates(lr, "lr")
        with np.errstate(over="ignore"):  # a huge rate times a curvature: an infinite factor
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
        rates = _rates(lr, "lr")
        x, _ = _start(x0, 0)
        if x.size != self.dim:
            raise ValueError(f"x0 must have shape ({self.dim},), got {np.shape(x0)}")
        tol = as_real(tol, "tol")
        if not 0 < tol < 1:
            raise ValueError(f"tol must be in (0, 1), got {tol}")
        max_steps = as_positive_int(max_steps, "max_steps")
        curvatures, axes = _axes(self.hessian)
        z = _direction(x.astype(np.float64), self.minimum) @ axes  # the start's error along each axis, |z| = 1
        moving = z != 0  # where the error starts at 0 it stays 0, whatever the factor
        if not moving.any():  # x0 is the minimum: within any tolerance after the first step
            return 1.0 if rates.ndim == 0 else np.ones(rates.shape)
        # In logarithms, so that neither a start of 2**-600 nor 1e200 nor a tol of 1e-200 under- or overflows:
        # log(squared distance after k steps / squared distance at the start), against 2 log(tol).
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            log_z2 = 2 * np.log(np.abs(z[moving]))
            log_factors = 2 * np.log(np.abs(1 - rates.reshape(-1, 1) * curvatures[moving]))  # per step
            log_target = 2 * np.log(tol)
            steps = np.full(len(log_factors), np.inf)
            pending = np.arange(len(log_factors))  # the rates not settled yet
            for first in range(1, max_steps + 1, _BLOCK):
                k = np.arange(first, min(first + _BLOCK, max_steps + 1))
                log_squared = _log_sum_exp(log_z2 + k[:, None] * log_factors[pending, None, :])  # (rates, k)
                within = log_squared <= log_target
                found = within.any(axis=1)
                steps[pending[found]] = k[within[found].argmax(axis=1)]  # the first k within
                # log of a sum of exponentials of k: convex in k, so once it stops falling it never falls again
                falling = log_squared[:, -1] < log_squared[:, -2] if k.size > 1 else np.ones(len(pending), bool)
                pending = pending[~found & falling]
                if pending.size == 0:
                    break
        return float(steps[0]) if rates.ndim == 0 else steps.reshape(rates.shape)

    def __repr__(self) -> str:
        return f"Quadratic(curvatures={self.curvatures.tolist()}, minimum={self.minimum.tolist()})"
