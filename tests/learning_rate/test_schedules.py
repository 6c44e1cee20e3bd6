"""Tests for concepts.learning_rate: known values, shapes, the shapes of the curves, and bad input.

PyTorch's own schedulers are compared step by step in reference/test_learning_rate_torch.py; here the
cosine closed form is also checked against a numpy copy of PyTorch's recursive form, so the claim on
the page holds without PyTorch installed.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concepts.learning_rate import cosine_annealing_lr, exponential_lr, linear_lr, one_cycle_lr, step_lr

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=60)
SCHEDULES = {  # name: a call with every required argument, as a function of the step
    "step_lr": lambda s: step_lr(0.1, s, step_size=10),
    "exponential_lr": lambda s: exponential_lr(0.1, s, gamma=0.9),
    "linear_lr": lambda s: linear_lr(0.1, s),
    "cosine_annealing_lr": lambda s: cosine_annealing_lr(0.1, s, T_max=20),
    "one_cycle_lr": lambda s: one_cycle_lr(0.1, s, total_steps=50),
}


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_a_step_number_gives_a_float_and_an_array_gives_an_array(name):
    f = SCHEDULES[name]
    steps = np.arange(40)
    rates = f(steps)
    assert isinstance(f(3), float) and isinstance(f(np.int64(3)), float)
    assert rates.shape == (40,) and rates.dtype == np.float64
    assert [f(int(s)) for s in steps] == rates.tolist()
    assert f(steps.reshape(5, 8)).shape == (5, 8)
    assert (rates >= 0).all()


@pytest.mark.parametrize("name", sorted(SCHEDULES))
@pytest.mark.parametrize(
    ("step", "error"),
    [
        (-1, ValueError),
        (1.0, TypeError),
        (True, TypeError),
        ("3", TypeError),
        (np.array([0.0, 1.0]), TypeError),
        (np.array([0, -2]), ValueError),
    ],
    ids=repr,
)
def test_bad_steps_are_named(name, step, error):
    with pytest.raises(error, match="step"):
        SCHEDULES[name](step)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: step_lr(0.0, 1, 10), ValueError, "lr0"),
        (lambda: step_lr(-0.1, 1, 10), ValueError, "lr0"),
        (lambda: step_lr(0.1, 1, 0), ValueError, "step_size"),
        (lambda: step_lr(0.1, 1, 2.5), TypeError, "step_size"),
        (lambda: step_lr(0.1, 1, 10, gamma=0.0), ValueError, "gamma"),
        (lambda: exponential_lr(float("nan"), 1, 0.9), ValueError, "lr0"),
        (lambda: exponential_lr(0.1, 1, -0.9), ValueError, "gamma"),
        (lambda: linear_lr(0.1, 1, start_factor=0.0), ValueError, "start_factor"),
        (lambda: linear_lr(0.1, 1, end_factor=1.5), ValueError, "end_factor"),
        (lambda: linear_lr(0.1, 1, total_iters=0), ValueError, "total_iters"),
        (lambda: cosine_annealing_lr(0.1, 1, T_max=0), ValueError, "T_max"),
        (lambda: cosine_annealing_lr(0.1, 1, T_max=10, eta_min=-1.0), ValueError, "eta_min"),
        (lambda: one_cycle_lr(0.1, 1, total_steps=0), ValueError, "total_steps"),
        (lambda: one_cycle_lr(0.1, 1, total_steps=10, pct_start=1.5), ValueError, "pct_start"),
        (lambda: one_cycle_lr(0.1, 1, total_steps=10, div_factor=0.0), ValueError, "div_factor"),
        (lambda: one_cycle_lr(0.1, 1, total_steps=10, final_div_factor=-1.0), ValueError, "final_div_factor"),
        (lambda: one_cycle_lr(0.1, 11, total_steps=10), ValueError, "step"),
        (lambda: one_cycle_lr(0.1, 0, total_steps=10, pct_start=0.1), ValueError, "pct_start"),  # 0.1 * 10 = 1
    ],
)
def test_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_step_lr_divides_by_ten_every_step_size_steps():
    assert step_lr(1.0, np.array([0, 29, 30, 59, 60]), step_size=30).tolist() == pytest.approx(
        [1.0, 1.0, 0.1, 0.1, 0.01], rel=1e-15
    )


def test_exponential_lr_is_gamma_to_the_step():
    np.testing.assert_allclose(exponential_lr(2.0, np.arange(50), gamma=0.95), 2.0 * 0.95 ** np.arange(50), rtol=1e-14)


def test_linear_lr_ramps_then_stays():
    rates = linear_lr(0.3, np.arange(8), start_factor=0.1, end_factor=1.0, total_iters=4)
    np.testing.assert_allclose(rates, [0.03, 0.0975, 0.165, 0.2325, 0.3, 0.3, 0.3, 0.3], rtol=1e-14)


def pytorch_recursive_cosine(lr0: float, steps: int, T_max: int, eta_min: float) -> list[float]:
    """A numpy copy of the recursion in PyTorch's CosineAnnealingLR.get_lr (2.x), for the page's claim."""
    rates = [lr0]
    for epoch in range(1, steps):
        lr = rates[-1]
        if (epoch - 1 - T_max) % (2 * T_max) == 0:
            rates.append(lr + (lr0 - eta_min) * (1 - math.cos(math.pi / T_max)) / 2)
        else:
            rates.append(
                (1 + math.cos(math.pi * epoch / T_max)) / (1 + math.cos(math.pi * (epoch - 1) / T_max)) * (lr - eta_min)
                + eta_min
            )
    return rates


@pytest.mark.parametrize(("T_max", "eta_min"), [(10, 0.0), (50, 0.001), (7, 0.02), (1, 0.0)])
def test_cosine_closed_form_equals_pytorchs_recursion_over_three_periods(T_max, eta_min):
    steps = 6 * T_max + 1
    ours = cosine_annealing_lr(0.1, np.arange(steps), T_max, eta_min)
    np.testing.assert_allclose(ours, pytorch_recursive_cosine(0.1, steps, T_max, eta_min), rtol=1e-12, atol=1e-15)


@PROPERTY
@given(st.integers(1, 500), st.floats(0.0, 0.05))
def test_cosine_falls_from_lr0_to_eta_min_over_T_max(T_max, eta_min):
    rates = cosine_annealing_lr(0.1, np.arange(T_max + 1), T_max, eta_min)
    assert rates[0] == pytest.approx(0.1, rel=1e-15) and rates[-1] == pytest.approx(eta_min, abs=1e-15)
    assert (np.diff(rates) <= 1e-17).all()


@PROPERTY
@given(st.integers(10, 2000), st.floats(0.05, 0.95), st.floats(2.0, 100.0), st.floats(1.0, 1e5))
def test_one_cycle_starts_low_peaks_at_max_lr_and_ends_far_below(total_steps, pct_start, div, final_div):
    steps = np.arange(total_steps)
    warm_end = pct_start * total_steps - 1
    if abs(warm_end) < 1e-9 or warm_end >= total_steps - 1:
        return  # a zero-length phase: refused, tested above
    rates = one_cycle_lr(1.0, steps, total_steps, pct_start, div, final_div)
    assert rates[0] == pytest.approx(1.0 / div if warm_end > 0 else rates[0], rel=1e-12)
    assert rates.max() <= 1.0 + 1e-12
    assert rates[-1] == pytest.approx(1.0 / div / final_div, rel=1e-9)
    peak = int(np.argmax(rates))
    assert abs(peak - warm_end) < 1 + 1e-9
    assert (np.diff(rates[: peak + 1]) >= -1e-15).all() and (np.diff(rates[peak:]) <= 1e-15).all()


def test_one_cycle_allows_one_step_past_the_end_as_pytorch():
    assert one_cycle_lr(0.1, 100, total_steps=100) > one_cycle_lr(0.1, 99, total_steps=100)


# Valid extremes work quietly, bad input is named (issue 15) ---------------------------------------------


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (lambda: exponential_lr(1e300, 40, gamma=1e-10), 1e-100),  # gamma**40 alone underflows to 0
        (lambda: exponential_lr(1e-300, 40, gamma=1e10), 1e100),  # gamma**40 alone overflows
        (lambda: exponential_lr(1e-300, 70, gamma=1e10), math.inf),  # the rate itself is beyond the floats
        (lambda: step_lr(1e300, 80, step_size=2, gamma=1e-10), 1e-100),
        (lambda: step_lr(0.1, 10**6, step_size=2**70), 0.1),  # a step size beyond int64: never reached
        (lambda: linear_lr(0.3, 5, start_factor=0.1, total_iters=2**70), 0.03),
        (lambda: cosine_annealing_lr(1e308, 0, T_max=4), 1e308),  # (lr0 - eta_min) * 2 would overflow
        (lambda: cosine_annealing_lr(0.1, 5, T_max=2**70), 0.1),
        (lambda: one_cycle_lr(0.1, 0, total_steps=2**70), 0.004),
    ],
    ids=range(9),
)
def test_extreme_settings_give_the_right_rate_quietly(rate, expected):
    assert rate() == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: step_lr(0.1, 2**70, 2), ValueError, "step"),
        (lambda: step_lr(0.1, np.array([2**64 - 1], dtype=np.uint64), 2), ValueError, "step"),
        (lambda: step_lr(0.1, [[1, 2], [3]], 2), ValueError, "step"),
        (lambda: step_lr(0.1, [True], 2), TypeError, "step"),
        (lambda: step_lr(0.1, np.bool_(True), 2), TypeError, "step"),
        (lambda: one_cycle_lr(1e308, 0, total_steps=10, div_factor=0.5), ValueError, "div_factor"),
    ],
)
def test_steps_beyond_int64_and_other_bad_steps_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
