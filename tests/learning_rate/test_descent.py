"""Tests for concepts.learning_rate: gradient descent, the quadratic bowl and the theory the page states.

0 < lr < 2/L converges and nothing else does, 2/(mu + L) is the best fixed rate (measured), the useful
range is set by curvature (and so by the units of the data), and bad input gets a named error. The
schedules, optimizers and range test have their own test files; PyTorch cross-checks are in
reference/test_learning_rate_torch.py.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concepts import learning_rate
from concepts.gradient_check import numerical_gradient
from concepts.learning_rate import SGD, Quadratic, gradient_descent, optimize

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=60)
BOWL = Quadratic([1.0, 10.0])  # the page's bowl
START = np.array([-4.0, 1.5])  # the page's start
CONTRACT = [
    "gradient_descent",
    "step_lr",
    "exponential_lr",
    "cosine_annealing_lr",
    "one_cycle_lr",
    "SGD",
    "Adam",
    "lr_range_test",
]


def test_contract_names_import_from_learning_rate():
    for name in CONTRACT:
        assert name in learning_rate.__all__ and callable(getattr(learning_rate, name))


def test_all_names_exist():
    assert all(hasattr(learning_rate, name) for name in learning_rate.__all__)


# gradient_descent -------------------------------------------------------------------------------------


@pytest.mark.parametrize("steps", [0, 1, 7])
def test_gradient_descent_returns_every_iterate_starting_at_x0(steps):
    path = gradient_descent(BOWL.grad, START, 0.1, steps)
    assert path.shape == (steps + 1, 2)
    np.testing.assert_array_equal(path[0], START)


def test_gradient_descent_on_a_quadratic_follows_the_closed_form():
    # along an axis of curvature c, every step multiplies the coordinate by 1 - lr * c
    lr, steps = 0.15, 30
    path = gradient_descent(BOWL.grad, START, lr, steps)
    k = np.arange(steps + 1)[:, None]
    np.testing.assert_allclose(path, START * (1 - lr * BOWL.curvatures) ** k, rtol=1e-12, atol=1e-300)


def test_gradient_descent_is_sgd_without_momentum():
    grad = Quadratic.stretched(1.0, 20.0, angle=25).grad
    np.testing.assert_array_equal(gradient_descent(grad, START, 0.05, 50), optimize(SGD(0.05), grad, START, 50))


def test_gradient_descent_does_not_change_x0_or_alias_its_iterates():
    x0 = START.copy()
    seen = []
    path = gradient_descent(lambda x: seen.append(x) or 2 * x, x0, 0.1, 3)
    np.testing.assert_array_equal(x0, START)
    assert all(not np.shares_memory(x, path) for x in seen)


def test_gradient_descent_accepts_a_number_and_keeps_float32():
    assert gradient_descent(lambda x: 2 * x, 1.0, 0.25, 2).tolist() == [[1.0], [0.5], [0.25]]
    path = gradient_descent(lambda x: 2 * x, np.array([1.0], np.float32), 0.25, 2)
    assert path.dtype == np.float32


def test_diverging_run_returns_inf_without_warnings():
    path = gradient_descent(BOWL.grad, START, 0.5, 2000)  # |1 - 0.5 * 10| = 4 per step
    assert np.isinf(path[-1]).any()
    first = int(np.argmax(~np.isfinite(path).all(axis=1)))
    assert 0 < first < 2000
    np.testing.assert_array_equal(path[first:], np.broadcast_to(path[first], path[first:].shape))
    assert np.isfinite(path[:first]).all()


def test_grad_is_not_called_after_the_overflow():
    calls = []

    def grad(x):
        calls.append(np.isfinite(x).all())
        return 10 * x

    gradient_descent(grad, [1.0], 1.0, 5000)
    assert all(calls) and len(calls) < 5000


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": -0.1}, ValueError, "lr"),
        ({"lr": float("nan")}, ValueError, "lr"),
        ({"lr": float("inf")}, ValueError, "lr"),
        ({"lr": "0.1"}, TypeError, "lr"),
        ({"steps": -1}, ValueError, "steps"),
        ({"steps": 2.0}, TypeError, "steps"),
        ({"steps": True}, TypeError, "steps"),
        ({"x0": [np.nan, 1.0]}, ValueError, "x0"),
        ({"x0": [np.inf, 1.0]}, ValueError, "x0"),
        ({"x0": [[1.0, 2.0]]}, ValueError, "x0"),
        ({"x0": []}, ValueError, "x0"),
        ({"x0": ["a", "b"]}, TypeError, "x0"),
        ({"x0": [1.0, 2.0, 3.0]}, ValueError, r"grad\(x\)"),  # the bowl's gradient has 2 coordinates
    ],
    ids=lambda v: repr(v) if isinstance(v, dict) else None,
)
def test_gradient_descent_rejects_bad_input_naming_the_argument(kwargs, error, match):
    args = {"grad": lambda x: x[:2] @ BOWL.hessian, "x0": START, "lr": 0.1, "steps": 3, **kwargs}
    with pytest.raises(error, match=match):
        gradient_descent(**args)


def test_a_gradient_of_the_wrong_shape_is_named():
    with pytest.raises(ValueError, match=r"grad\(x\) must return the shape of x"):
        gradient_descent(lambda x: np.ones(3), START, 0.1, 2)


# One weight on a number line: the loss c x^2 / 2, every step multiplies x by 1 - lr c ----------------------


@PROPERTY
@given(st.floats(0.01, 100.0), st.floats(0.001, 3.0), st.floats(-10.0, 10.0))
def test_one_weight_is_multiplied_by_one_minus_lr_c_at_every_step(c, lr_c, x0):
    lr = lr_c / c  # lr * c from 0.001 to 3: every regime of the factor
    path = gradient_descent(lambda x: c * x, [x0], lr, 8).ravel()
    factor = 1 - lr * c
    np.testing.assert_allclose(path, x0 * factor ** np.arange(9), rtol=1e-9, atol=1e-12 * abs(x0))


def test_the_four_regimes_of_one_weight_are_read_off_the_factor():
    c = 4.0  # the page's number line: 2/c = 0.5
    runs = {lr: gradient_descent(lambda x: c * x, [1.0], lr, 6).ravel() for lr in (0.05, 0.25, 0.4, 0.55)}
    creep, land, zigzag_in, zigzag_out = runs.values()
    assert (creep > 0).all() and (np.diff(creep) < 0).all()  # one side, shrinking: too small a rate
    assert land[1:].tolist() == [0.0] * 6  # lr = 1/c: on the minimum in one step
    for zigzag in (zigzag_in, zigzag_out):  # the sign flips at every step
        assert (np.sign(zigzag[1:]) == -np.sign(zigzag[:-1])).all()
    assert (np.diff(np.abs(zigzag_in)) < 0).all() and (np.diff(np.abs(zigzag_out)) > 0).all()
    assert 0.4 < Quadratic([c]).max_stable_lr < 0.55  # the two zigzags lie either side of 2/c = 0.5


@pytest.mark.parametrize("lr_c", [0.5, 1.0, 1.5, 1.99, 2.01, 2.5])
def test_one_weight_converges_exactly_when_lr_is_below_two_over_c(lr_c):
    c = 4.0
    end = gradient_descent(lambda x: c * x, [1.0], lr_c / c, 5000)[-1, 0]
    assert (abs(end) < 1e-9) == (lr_c < 2)


# The theory: 0 < lr < 2/L, and 2/(mu + L) ----------------------------------------------------------------

CURVATURES = st.lists(st.floats(0.01, 100.0), min_size=1, max_size=5)


@PROPERTY
@given(CURVATURES, st.floats(0.02, 0.98))
def test_rates_below_two_over_L_converge_at_the_predicted_rate(curvatures, fraction):
    bowl = Quadratic(curvatures)
    lr = fraction * bowl.max_stable_lr
    x0 = np.ones(len(curvatures))
    path = gradient_descent(bowl.grad, x0, lr, 60)
    errors = np.linalg.norm(path, axis=1)
    rho = float(bowl.contraction(lr))
    assert rho < 1
    assert (errors <= rho ** np.arange(61) * errors[0] * (1 + 1e-9) + 1e-300).all()


@PROPERTY
@given(CURVATURES, st.floats(1.02, 3.0))
def test_rates_above_two_over_L_diverge(curvatures, factor):
    bowl = Quadratic(curvatures)
    lr = factor * bowl.max_stable_lr
    path = gradient_descent(bowl.grad, np.ones(len(curvatures)), lr, 400)
    steepest = path[:, int(np.argmax(curvatures))]  # a diagonal bowl: its axes are the coordinates
    assert abs(steepest[-1]) > 1e3 * abs(steepest[0]) or not np.isfinite(steepest[-1])


def test_rate_exactly_two_over_L_bounces_forever():
    path = gradient_descent(BOWL.grad, [0.0, 1.0], BOWL.max_stable_lr, 40)
    np.testing.assert_allclose(path[:, 1], (-1.0) ** np.arange(41), rtol=1e-12)


@PROPERTY
@given(st.floats(0.01, 10.0), st.floats(1.0, 1000.0), st.floats(0, 180))
def test_two_over_mu_plus_L_minimises_the_contraction(mu, kappa, angle):
    bowl = Quadratic.stretched(mu, mu * kappa, angle)
    rates = np.linspace(1e-6, bowl.max_stable_lr, 2001)
    best = float(bowl.contraction(bowl.optimal_lr))
    assert best <= bowl.contraction(rates).min() * (1 + 1e-9)
    assert best == pytest.approx((bowl.condition_number - 1) / (bowl.condition_number + 1), rel=1e-9)


def test_measured_fewest_steps_include_two_over_mu_plus_L():
    """The page: on its bowl, from its start, the fastest measured rates bracket 2/(mu + L)."""
    rates = np.linspace(0.15, 0.2, 501)
    steps = BOWL.steps_to_converge(rates, START, max_steps=1000)
    fastest = rates[steps == steps.min()]
    assert steps.min() == 69
    assert fastest.min() <= BOWL.optimal_lr <= fastest.max()
    assert fastest.max() - fastest.min() < 0.01 * BOWL.optimal_lr


@pytest.mark.parametrize("start", [[1.0, 1.0], [1.0, 0.1], [0.1, 1.0], [-4.0, 1.5]])
def test_measured_best_rate_approaches_the_theory_as_the_tolerance_shrinks(start):
    rates = np.linspace(0.15, 0.2, 1001)
    gaps = []
    for tol in (1e-3, 1e-10):
        steps = BOWL.steps_to_converge(rates, start, tol=tol, max_steps=1000)
        gaps.append(abs(rates[steps == steps.min()].mean() / BOWL.optimal_lr - 1))
    assert gaps[1] <= gaps[0] and gaps[1] < 0.02


def test_steps_to_converge_counts_what_gradient_descent_does():
    for lr in (0.02, 0.1, 0.18, 0.19):
        measured = BOWL.steps_to_converge(lr, START)
        path = gradient_descent(BOWL.grad, START, lr, int(measured))
        errors = np.linalg.norm(path, axis=1)
        assert errors[-1] <= 1e-6 * errors[0] < errors[-2]


@PROPERTY
@given(
    st.floats(0.1, 10.0),
    st.floats(1.0, 50.0),
    st.floats(0, 180),
    st.floats(0.05, 0.99),
    st.lists(st.floats(-5, 5), min_size=2, max_size=2).filter(lambda p: any(p)),
)
def test_steps_to_converge_counts_what_gradient_descent_does_on_turned_bowls(mu, kappa, angle, fraction, start):
    # the count comes from the closed form along the bowl's axes; here it is checked against running
    bowl = Quadratic.stretched(mu, mu * kappa, angle)
    lr, tol = fraction * bowl.max_stable_lr, 1e-4
    steps = bowl.steps_to_converge(lr, start, tol=tol)
    path = gradient_descent(bowl.grad, start, lr, int(steps))
    errors = np.linalg.norm(path - bowl.minimum, axis=1)
    assert errors[-1] <= tol * errors[0] * (1 + 1e-9) and errors[-2] >= tol * errors[0] * (1 - 1e-9)


def test_steps_to_converge_counts_an_axis_that_starts_at_zero_as_zero():
    # the steep axis would diverge at 0.3, but the start has nothing along it
    assert BOWL.steps_to_converge([0.1, 0.3], [1.0, 0.0]).tolist() == [132.0, 39.0]
    assert BOWL.steps_to_converge(0.1, BOWL.minimum) == 1


def test_steps_to_converge_is_inf_for_diverging_and_too_slow_rates():
    assert BOWL.steps_to_converge(0.21, START) == np.inf
    assert BOWL.steps_to_converge(1e-4, START, max_steps=100) == np.inf
    assert BOWL.steps_to_converge([[0.1, 0.2]], START).shape == (1, 2)


def test_steps_vs_rate_falls_then_rises_then_diverges():
    steps = BOWL.steps_to_converge([0.02, 0.1, 0.18, 0.195, 0.21], START)
    assert steps[0] > steps[1] > steps[2] < steps[3] and steps[4] == np.inf


def test_too_large_a_rate_oscillates_to_the_true_minimum_not_to_an_early_one():
    """Claim L3: between 1/L and 2/L the steep coordinate flips sign every step, yet it converges to 0."""
    path = gradient_descent(BOWL.grad, START, 0.195, 600)
    signs = np.sign(path[1:40, 1])
    assert (signs[1:] == -signs[:-1]).all()
    np.testing.assert_allclose(path[-1], BOWL.minimum, atol=1e-9)


# Curvature sets the range: claim L1 ------------------------------------------------------------------


def houses():
    rng = np.random.default_rng(0)
    area = rng.uniform(50, 150, 100)
    return area, 3.0 * area + rng.normal(0, 20, 100)


def test_the_same_regression_in_other_units_needs_other_rates():
    area, price = houses()
    metres = Quadratic.least_squares(area[:, None], price)
    thousands = Quadratic.least_squares(area[:, None] / 1000, price)
    assert metres.L == pytest.approx(1e6 * thousands.L, rel=1e-12)
    assert np.isinf(gradient_descent(metres.grad, [0.0], 0.01, 200)[-1]).all()  # 0.01 diverges
    fit = gradient_descent(thousands.grad, [0.0], 5.0, 200)[-1]  # 5 converges
    np.testing.assert_allclose(fit, thousands.minimum, rtol=1e-6)


def test_least_squares_bowl_is_the_mse_up_to_a_constant():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(30, 3)), rng.normal(size=30)
    bowl = Quadratic.least_squares(x, y)
    best = np.mean((x @ bowl.minimum - y) ** 2)
    for w in rng.normal(size=(5, 3)):
        assert bowl(w) == pytest.approx(np.mean((x @ w - y) ** 2) - best, rel=1e-10, abs=1e-12)
        np.testing.assert_allclose(bowl.grad(w), 2 * x.T @ (x @ w - y) / 30, rtol=1e-10)


# Quadratic ------------------------------------------------------------------------------------------


def test_quadratic_value_and_gradient_match_finite_differences():
    bowl = Quadratic([[3.0, 1.0], [1.0, 2.0]], minimum=[0.5, -1.0])
    x = np.array([0.3, 0.7])
    np.testing.assert_allclose(bowl.grad(x), numerical_gradient(bowl, x), rtol=1e-8)
    assert bowl(bowl.minimum) == 0.0


def test_quadratic_accepts_batches_of_points():
    points = np.random.default_rng(0).normal(size=(4, 5, 2))
    assert BOWL(points).shape == (4, 5)
    assert BOWL.grad(points).shape == (4, 5, 2)


@PROPERTY
@given(st.floats(0.01, 10.0), st.floats(1.0, 100.0), st.floats(-360, 360))
def test_stretched_bowl_has_the_curvatures_asked_for(mu, kappa, angle):
    bowl = Quadratic.stretched(mu, mu * kappa, angle)
    assert bowl.mu == pytest.approx(mu, rel=1e-9) and bowl.L == pytest.approx(mu * kappa, rel=1e-9)


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (([[1.0, 2.0], [0.0, 1.0]],), ValueError, "symmetric"),
        (([1.0, -1.0],), ValueError, "positive definite"),
        (([1.0, 0.0],), ValueError, "positive definite"),
        (([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],), ValueError, "square"),
        (([1.0, np.nan],), ValueError, "finite"),
        (([1.0, 2.0], [1.0]), ValueError, "minimum"),
        (("ab",), TypeError, "hessian"),
    ],
    ids=repr,
)
def test_quadratic_rejects_bad_input_naming_the_argument(args, error, match):
    with pytest.raises(error, match=match):
        Quadratic(*args)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: BOWL([1.0, 2.0, 3.0]), "x"),
        (lambda: BOWL.steps_to_converge(0.0, START), "lr"),
        (lambda: BOWL.steps_to_converge(0.1, START, tol=2.0), "tol"),
        (lambda: BOWL.steps_to_converge(0.1, [1.0, 2.0, 3.0]), "x0"),
        (lambda: Quadratic.stretched(2.0, 1.0), "mu"),
        (lambda: Quadratic.least_squares([[1.0], [2.0]], [1.0]), "x"),
    ],
)
def test_quadratic_methods_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@PROPERTY
@given(
    st.floats(0.01, 10.0),
    st.floats(1.0, 100.0),
    st.floats(0, 180),
    st.floats(0.01, 0.99),
    st.lists(st.floats(-10, 10), min_size=2, max_size=2),
)
def test_every_step_below_two_over_L_lowers_the_loss_by_the_descent_bound(mu, kappa, angle, fraction, point):
    # f(w - lr g) <= f(w) - lr (1 - lr L / 2) |g|^2, the inequality the page states
    bowl = Quadratic.stretched(mu, mu * kappa, angle)
    lr, w = fraction * bowl.max_stable_lr, np.array(point)
    g = bowl.grad(w)
    bound = bowl(w) - lr * (1 - lr * bowl.L / 2) * (g @ g)
    assert bowl(w - lr * g) <= bound + 1e-9 * (1 + abs(bowl(w)))


def test_the_descent_bound_is_an_equality_along_the_steepest_axis():
    w, lr = np.array([0.0, 1.0]), 0.15
    g = BOWL.grad(w)
    assert BOWL(w - lr * g) == pytest.approx(BOWL(w) - lr * (1 - lr * BOWL.L / 2) * (g @ g), rel=1e-12)


# Valid extremes work quietly, bad input is named (issue 15) ---------------------------------------------
QUIET = pytest.mark.filterwarnings("error")  # any warning fails the test


@QUIET
@pytest.mark.parametrize("scale", [2.0**-600, 1e-300, 1e-3, 1e3, 1e200, 1e300])
def test_steps_to_converge_does_not_depend_on_the_size_of_the_start(scale):
    # the count is relative to |x0 - minimum|: a start of 2**-600 (whose squares underflow) or of 1e300
    # (whose squares overflow) needs exactly the steps a start of size 1 needs
    rates = [0.02, 0.1, 0.18, 0.19, 0.199, 0.21]
    expected = BOWL.steps_to_converge(rates, [1.0, 0.5])
    assert BOWL.steps_to_converge(rates, [scale, scale / 2]).tolist() == expected.tolist()
    assert (expected > 1).all()  # nothing is settled at the first step


@QUIET
def test_steps_to_converge_from_a_tiny_start_is_not_one_step():
    assert BOWL.steps_to_converge(0.1, [2.0**-600, 2.0**-600]) == BOWL.steps_to_converge(0.1, [1.0, 1.0]) == 128.0


@QUIET
def test_steps_to_converge_with_a_tolerance_whose_square_underflows():
    # along the flat axis (c = 1) the error shrinks by 0.9 per step; half the squared start lies there
    k = BOWL.steps_to_converge(0.1, [1.0, 1.0], tol=1e-200, max_steps=10_000)
    assert k == np.ceil((2 * np.log(1e-200) - np.log(0.5)) / np.log(0.81)) == 4368


@QUIET
def test_steps_to_converge_with_the_start_and_the_minimum_far_apart_near_the_float_limit():
    bowl = Quadratic([1.0, 10.0], minimum=[-1e308, -1e308])
    assert bowl.steps_to_converge(0.1, [1e308, 1e308]) == BOWL.steps_to_converge(0.1, [1.0, 1.0])


@QUIET
def test_a_diverging_rate_is_settled_as_inf_without_running_to_max_steps():
    assert BOWL.steps_to_converge([0.21, 1e300], START, max_steps=10**6).tolist() == [np.inf, np.inf]


@QUIET
def test_contraction_of_a_huge_rate_is_inf_quietly():
    assert BOWL.contraction([1e308, 0.1]).tolist() == [np.inf, 0.9]


@QUIET
def test_curvatures_far_apart_are_kept_exactly():
    bowl = Quadratic([1e-300, 1e300])
    assert (bowl.mu, bowl.L, bowl.max_stable_lr) == (1e-300, 1e300, 2e-300)


@QUIET
def test_optimal_lr_of_a_bowl_near_the_float_limit_is_finite():
    bowl = Quadratic([1e308, 1.5e308])
    assert bowl.optimal_lr == pytest.approx(2 / 2.5e308, rel=1e-15)


@QUIET
def test_a_bowl_far_away_answers_inf_quietly():
    assert BOWL([1e200, 1e200]) == np.inf
    assert BOWL.grad([1e308, -1e308]).tolist() == [1e308, -np.inf]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: Quadratic.stretched(1.0, 10.0, angle=float("inf")), ValueError, "angle"),
        (lambda: Quadratic.stretched(1.0, 10.0, angle="30"), TypeError, "angle"),
        (lambda: Quadratic.stretched(1e-300, 1e300, angle=30.0), ValueError, "mu and L"),
        (lambda: Quadratic.least_squares([[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0]), ValueError, "x must have linearly"),
        (lambda: Quadratic.least_squares([[1e-200], [1e-200]], [1.0, 1.0]), ValueError, "x is too small"),
        (lambda: Quadratic.least_squares([[1e200], [1.0]], [1.0, 1.0]), ValueError, "x and y are too large"),
        (lambda: Quadratic.least_squares([[1.0], [np.nan]], [1.0, 1.0]), ValueError, "x"),
        (lambda: Quadratic.least_squares(np.ones((0, 1)), []), ValueError, "x"),
        (lambda: BOWL.contraction([0.1, -0.1]), ValueError, "lr"),
        (lambda: BOWL.contraction(np.nan), ValueError, "lr"),
        (lambda: gradient_descent(3, START, 0.1, 2), TypeError, "grad"),
        (lambda: optimize(SGD(0.1), None, START, 2), TypeError, "grad"),
    ],
)
def test_extreme_or_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


@QUIET
def test_a_huge_angle_turns_the_bowl_quietly():
    bowl = Quadratic.stretched(1.0, 10.0, angle=1e300)
    assert bowl.mu == pytest.approx(1.0, rel=1e-9) and bowl.L == pytest.approx(10.0, rel=1e-9)
