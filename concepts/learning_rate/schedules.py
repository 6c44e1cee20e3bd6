"""Learning-rate schedules: the rate as a function of the step number.

Each function returns the rate that PyTorch's scheduler of the same name would set after `step` calls
of `scheduler.step()` (step 0 is the rate the first optimizer step uses), with PyTorch's argument names
and defaults. PyTorch computes most of them recursively, multiplying the previous rate; these are the
closed forms, equal to PyTorch's values step by step up to rounding (tests/reference checks them).

`step` is a whole number >= 0, or an array of them (then the result is an array of rates: a whole run at
once).
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike

from ..validation import as_positive, as_positive_int, as_real

__all__ = ["step_lr", "exponential_lr", "linear_lr", "cosine_annealing_lr", "one_cycle_lr"]


_INT64_MAX = np.iinfo(np.int64).max


def _steps(step) -> tuple[np.ndarray, bool]:
    """`step` as an int64 array and whether it was a single number; whole numbers >= 0 only."""
    if isinstance(step, (bool, np.bool_, str, bytes)):
        raise TypeError(f"step must be a whole number >= 0 or an array of them, got {type(step).__name__}")
    if isinstance(step, numbers.Integral):  # computed as an array of one, so it rounds as arrays do
        if not 0 <= int(step) <= _INT64_MAX:
            raise ValueError(f"step must be a whole number from 0 to 2**63 - 1, got {step}")
        return np.array([int(step)], dtype=np.int64), True
    try:
        array = np.asarray(step)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise ValueError(f"step must be a whole number >= 0 or a rectangular array of them: {error}") from None
    if array.dtype.kind not in "iu":
        raise TypeError(f"step must hold whole numbers (an integer array), got dtype {array.dtype}")
    if (array < 0).any():
        raise ValueError(f"step must be >= 0, got {array.min()}")
    if (array > _INT64_MAX).any():
        raise ValueError(f"step must be at most 2**63 - 1, got {array.max()}")
    return array.astype(np.int64), False


def _out(values: np.ndarray, scalar: bool) -> float | np.ndarray:
    return float(values[0]) if scalar else np.asarray(values, dtype=np.float64)


def _scaled_power(lr0: float, gamma: float, exponent: np.ndarray) -> np.ndarray:
    """`lr0 * gamma ** exponent`, right where `gamma ** exponent` alone would over- or underflow (1e-10 ** 40
    is 0 in floats, but 1e300 * 1e-10 ** 40 is 1e-100): those entries are computed in logarithms."""
    with np.errstate(over="ignore", under="ignore"):
        power = gamma**exponent
        rates = lr0 * power
        off = ~np.isfinite(power) | (np.abs(power) < np.finfo(np.float64).tiny)
        if off.any():
            rates = np.where(off, np.exp(np.log(lr0) + exponent * np.log(gamma)), rates)
    return rates


def step_lr(lr0: float, step: int | ArrayLike, step_size: int, gamma: float = 0.1) -> float | np.ndarray:
    """Multiply the rate by `gamma` every `step_size` steps: `lr0 * gamma ** (step // step_size)`.

    PyTorch's `torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=0.1)` with initial rate `lr0`.

    Examples:
        >>> [step_lr(0.1, s, step_size=2, gamma=0.5) for s in range(5)]
        [0.1, 0.1, 0.05, 0.05, 0.025]
    """
    lr0, gamma = as_positive(lr0, "lr0"), as_positive(gamma, "gamma")
    step_size = as_positive_int(step_size, "step_size")
    steps, scalar = _steps(step)
    periods = steps // step_size if step_size <= _INT64_MAX else np.zeros_like(steps)
    return _out(_scaled_power(lr0, gamma, periods), scalar)


def exponential_lr(lr0: float, step: int | ArrayLike, gamma: float) -> float | np.ndarray:
    """Multiply the rate by `gamma` at every step: `lr0 * gamma ** step`.

    PyTorch's `torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma)` with initial rate `lr0`.

    Examples:
        >>> [round(exponential_lr(0.1, s, gamma=0.9), 4) for s in range(4)]
        [0.1, 0.09, 0.081, 0.0729]
    """
    lr0, gamma = as_positive(lr0, "lr0"), as_positive(gamma, "gamma")
    steps, scalar = _steps(step)
    return _out(_scaled_power(lr0, gamma, steps.astype(np.float64)), scalar)


def linear_lr(
    lr0: float, step: int | ArrayLike, start_factor: float = 1.0 / 3, end_factor: float = 1.0, total_iters: int = 5
) -> float | np.ndarray:
    """A linear ramp of the factor from `start_factor` to `end_factor` over `total_iters` steps, then flat.

    `lr0 * (start_factor + (end_factor - start_factor) * min(step, total_iters) / total_iters)`.
    PyTorch's `torch.optim.lr_scheduler.LinearLR` with its defaults. With `start_factor < end_factor` it
    is a linear warm-up (Goyal et al. 2017): small steps while the weights are still far from anything
    sensible, then the full rate.

    Examples:
        >>> [round(linear_lr(0.3, s, start_factor=0.1, total_iters=3), 3) for s in range(5)]
        [0.03, 0.12, 0.21, 0.3, 0.3]
    """
    lr0 = as_positive(lr0, "lr0")
    start_factor = as_real(start_factor, "start_factor")
    if not 0 < start_factor <= 1:
        raise ValueError(f"start_factor must be in (0, 1], as in PyTorch, got {start_factor}")
    end_factor = as_real(end_factor, "end_factor")
    if not 0 <= end_factor <= 1:
        raise ValueError(f"end_factor must be in [0, 1], as in PyTorch, got {end_factor}")
    total_iters = as_positive_int(total_iters, "total_iters")
    steps, scalar = _steps(step)
    done = np.minimum(steps, min(total_iters, _INT64_MAX)) / total_iters
    return _out(lr0 * (start_factor + (end_factor - start_factor) * done), scalar)


def cosine_annealing_lr(lr0: float, step: int | ArrayLike, T_max: int, eta_min: float = 0.0) -> float | np.ndarray:
    """Half a cosine from `lr0` down to `eta_min` over `T_max` steps (Loshchilov and Hutter 2017).

    `eta_min + (lr0 - eta_min) * (1 + cos(pi * step / T_max)) / 2`: the closed form. PyTorch's
    `torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max, eta_min=0.0)` computes the same
    values recursively from the previous rate; both continue past `T_max` as a cosine of period
    `2 * T_max` (the rate rises again), and they agree to about 1e-15 (tests/reference).

    Examples:
        >>> [round(cosine_annealing_lr(0.1, s, T_max=4), 4) for s in range(5)]
        [0.1, 0.0854, 0.05, 0.0146, 0.0]
    """
    lr0 = as_positive(lr0, "lr0")
    T_max = as_positive_int(T_max, "T_max")
    eta_min = as_positive(eta_min, "eta_min", zero_allowed=True)
    steps, scalar = _steps(step)
    # --8<-- [start:cosine]
    rates = eta_min + (lr0 - eta_min) * ((1 + np.cos(np.pi * steps / T_max)) / 2)
    # --8<-- [end:cosine]
    return _out(rates, scalar)


def _annealing_cos(start: float, end: float, pct: np.ndarray) -> np.ndarray:
    """From `start` at pct = 0 to `end` at pct = 1 along half a cosine (PyTorch's `_annealing_cos`)."""
    return end + (start - end) / 2.0 * (np.cos(np.pi * pct) + 1)


def one_cycle_lr(
    max_lr: float,
    step: int | ArrayLike,
    total_steps: int,
    pct_start: float = 0.3,
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
) -> float | np.ndarray:
    """One cycle (Smith and Topin 2019) as PyTorch draws it by default: two half cosines, up, then far down.

    PyTorch's `torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr, total_steps, pct_start=0.3,
    anneal_strategy="cos", div_factor=25.0, final_div_factor=1e4, three_phase=False)`, rates only.
    PyTorch by default also moves the optimizer's momentum the opposite way, 0.95 to 0.85 and back
    (`cycle_momentum=True`), overriding the momentum the optimizer was created with; that is not
    modelled here. Smith's original 1cycle is linear, with three phases (up, back down to the start,
    then far lower): `anneal_strategy="linear", three_phase=True` in PyTorch, not this function.

    The rate starts at `max_lr / div_factor`, rises along half a cosine to `max_lr` at step
    `pct_start * total_steps - 1`, then falls along half a cosine to `max_lr / div_factor /
    final_div_factor` at step `total_steps - 1`, the last optimizer step.

    `total_steps` counts optimizer steps, so the steps are 0 .. `total_steps - 1`. As in PyTorch, one
    more (`step == total_steps`) is allowed and continues the cosine past its end; beyond that is an
    error.

    Examples:
        >>> rates = one_cycle_lr(1.0, np.arange(10), total_steps=10)
        >>> [round(float(r), 6) for r in (rates[0], rates[2], rates.max(), rates[-1])]
        [0.04, 1.0, 1.0, 4e-06]
    """
    max_lr = as_positive(max_lr, "max_lr")
    total_steps = as_positive_int(total_steps, "total_steps")
    pct_start = as_real(pct_start, "pct_start")
    if not 0 <= pct_start <= 1:
        raise ValueError(f"pct_start must be in [0, 1], got {pct_start}")
    div_factor = as_positive(div_factor, "div_factor")
    final_div_factor = as_positive(final_div_factor, "final_div_factor")
    steps, scalar = _steps(step)
    if (steps > total_steps).any():
        raise ValueError(
            f"step must be <= total_steps = {total_steps} (as PyTorch: 'Tried to step "
            f"{steps.max()} times'), got {steps.max()}"
        )
    initial_lr = max_lr / div_factor
    if not np.isfinite(initial_lr):
        raise ValueError(f"div_factor must leave max_lr / div_factor finite, got {max_lr} / {div_factor}")
    min_lr = initial_lr / final_div_factor
    warm_end = float(pct_start * total_steps) - 1  # PyTorch's end_step of the first phase
    warming = steps <= warm_end
    lengths = np.where(warming, warm_end, total_steps - 1 - warm_end)
    if (lengths == 0).any():
        raise ValueError(
            f"pct_start * total_steps = {pct_start * total_steps:g} makes a phase of zero "
            f"length that step {steps[lengths == 0].min()} falls in (PyTorch divides by zero)"
        )
    # --8<-- [start:one_cycle]
    pct = np.where(warming, steps, steps - warm_end) / lengths  # 0 to 1 per phase
    rates = np.where(
        warming,
        _annealing_cos(initial_lr, max_lr, pct),  # warm up
        _annealing_cos(max_lr, min_lr, pct),
    )  # then anneal
    # --8<-- [end:one_cycle]
    return _out(rates, scalar)
