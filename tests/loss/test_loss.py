"""Tests for concepts.loss and concepts.loss: values, identities the page states, stability, errors.

The generic finite-difference check of every `_grad` is in test_gradients.py and the PyTorch
cross-checks in reference/test_loss_torch.py; here are known values, the properties a reader is told
(losses are >= 0, zero at a perfect prediction, gradients match finite differences on random inputs),
behaviour at extreme inputs, and the numbers the page's figures state.
"""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from concepts.datasets import line_with_outliers, noisy_sine
from concepts.gradient_check import numerical_gradient
from concepts.loss import (
    accuracy,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    fit_line,
    huber_loss,
    huber_loss_grad,
    l1_loss,
    l1_loss_grad,
    log_softmax,
    mse_loss,
    mse_loss_grad,
    naive_cross_entropy,
    smooth_l1_loss,
    smooth_l1_loss_grad,
    softmax,
    train_curves,
)
from concepts.loss.reduction import reduce
from concepts.network import MLP
from concepts.neuron import sigmoid

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=60)
REGRESSION = {  # name: loss, gradient, keyword arguments
    "mse": (mse_loss, mse_loss_grad, {}),
    "l1": (l1_loss, l1_loss_grad, {}),
    "huber": (huber_loss, huber_loss_grad, {}),
    "huber-delta-0.3": (huber_loss, huber_loss_grad, {"delta": 0.3}),
    "smooth_l1": (smooth_l1_loss, smooth_l1_loss_grad, {}),
    "smooth_l1-beta-2.5": (smooth_l1_loss, smooth_l1_loss_grad, {"beta": 2.5}),
}
ELEMENTWISE = {
    **{k: v[:2] for k, v in REGRESSION.items() if not v[2]},
    "bce": (binary_cross_entropy, binary_cross_entropy_grad),
    "bce_with_logits": (binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad),
}
ALL_PAIRS = {**ELEMENTWISE, "cross_entropy": (cross_entropy, cross_entropy_grad)}
FUNCTIONS = [f for pair in ALL_PAIRS.values() for f in pair]
REDUCTIONS = ["mean", "sum", "none"]


def name_of(f) -> str:
    return f.__name__


# Values at known points ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "kwargs", "expected"),
    [
        (mse_loss, {}, (0.25 + 0.25 + 49) / 3),
        (l1_loss, {}, (0.5 + 0.5 + 7) / 3),
        (huber_loss, {}, (0.125 + 0.125 + 6.5) / 3),
        (huber_loss, {"delta": 2.0}, (0.125 + 0.125 + 12) / 3),
        (smooth_l1_loss, {}, (0.125 + 0.125 + 6.5) / 3),
        (smooth_l1_loss, {"beta": 2.0}, (0.0625 + 0.0625 + 6) / 3),
        (smooth_l1_loss, {"beta": 0.0}, (0.5 + 0.5 + 7) / 3),  # beta = 0 is L1, as in PyTorch
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_regression_loss_values_at_known_points(f, kwargs, expected):
    assert float(f([1.5, 2.0, 10.0], [1.0, 2.5, 3.0], **kwargs)) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("f", "kwargs", "expected"),
    [
        (mse_loss_grad, {}, [1 / 3, -1 / 3, 14 / 3]),
        (l1_loss_grad, {}, [1 / 3, -1 / 3, 1 / 3]),
        (huber_loss_grad, {}, [0.5 / 3, -0.5 / 3, 1 / 3]),
        (huber_loss_grad, {"delta": 2.0}, [0.5 / 3, -0.5 / 3, 2 / 3]),
        (smooth_l1_loss_grad, {"beta": 2.0}, [0.25 / 3, -0.25 / 3, 1 / 3]),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_regression_gradients_at_known_points(f, kwargs, expected):
    np.testing.assert_allclose(f([1.5, 2.0, 10.0], [1.0, 2.5, 3.0], **kwargs), expected, rtol=1e-15)


def test_l1_gradient_is_zero_at_a_perfect_prediction_as_in_pytorch():
    assert l1_loss_grad([2.0], [2.0]).tolist() == [0.0]


def test_huber_pieces_meet_with_the_same_value_and_slope_at_delta():
    delta = 1.7
    below, at, above = np.nextafter(delta, 0), delta, np.nextafter(delta, 2)
    values = huber_loss([below, at, above], [0.0] * 3, delta, reduction="none")
    np.testing.assert_allclose(values, 0.5 * delta**2, rtol=1e-15)
    np.testing.assert_allclose(
        huber_loss_grad([below, at, above], [0.0] * 3, delta, reduction="none"), delta, rtol=1e-15
    )


@given(st.floats(0.01, 100), st.integers(0, 2**32 - 1))
@PROPERTY
def test_smooth_l1_is_huber_divided_by_beta(beta, seed):
    rng = np.random.default_rng(seed)
    x, y = 10 * rng.normal(size=20), rng.normal(size=20)
    for reduction in REDUCTIONS:
        np.testing.assert_allclose(
            smooth_l1_loss(x, y, beta, reduction=reduction),
            huber_loss(x, y, beta, reduction=reduction) / beta,
            rtol=1e-13,
        )
        np.testing.assert_allclose(
            smooth_l1_loss_grad(x, y, beta, reduction=reduction),
            huber_loss_grad(x, y, beta, reduction=reduction) / beta,
            rtol=1e-13,
        )


def test_smooth_l1_gradient_is_bounded_by_one_and_huber_by_delta():
    errors = np.array([-1e300, -1e6, -3.0, 3.0, 1e6, 1e300])
    assert np.abs(smooth_l1_loss_grad(errors, 0 * errors, reduction="none")).max() == 1.0
    assert np.abs(huber_loss_grad(errors, 0 * errors, 2.5, reduction="none")).max() == 2.5
    assert mse_loss_grad(errors, 0 * errors, reduction="none")[3] == 6.0


@pytest.mark.parametrize(
    ("p", "y", "expected"),
    [
        (0.5, 1.0, np.log(2)),
        (0.9, 1.0, -np.log(0.9)),
        (0.2, 0.0, -np.log(0.8)),
        (0.3, 0.4, None),
        (0.0, 1.0, 100.0),
        (1.0, 0.0, 100.0),
        (0.0, 0.0, 0.0),
        (1.0, 1.0, 0.0),
        (0.0, 0.5, 50.0),
    ],
)
def test_binary_cross_entropy_values_with_the_log_clamped_at_minus_100(p, y, expected):
    if expected is None:
        expected = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert float(binary_cross_entropy([p], [y])) == pytest.approx(expected, rel=1e-15)


def test_binary_cross_entropy_gradient_is_finite_at_probabilities_0_and_1():
    g = binary_cross_entropy_grad([0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 0.0, 1.0], reduction="none")
    assert np.isfinite(g).all()
    assert g[0] < -1e11 and g[1] > 1e11 and g[2] == 0 and g[3] == 0


@pytest.mark.parametrize("z", [-50.0, -3.0, -0.1, 0.0, 0.1, 3.0, 50.0])
@pytest.mark.parametrize("y", [0.0, 0.25, 1.0])
def test_bce_with_logits_is_minus_the_log_likelihood_of_the_sigmoid(z, y):
    # -log sigmoid(z) = log(1 + e^-z) and -log(1 - sigmoid(z)) = log(1 + e^z), as numpy's logaddexp
    expected = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    assert float(binary_cross_entropy_with_logits([z], [y])) == pytest.approx(expected, rel=1e-14)
    if abs(z) < 30:  # where sigmoid keeps its digits, the same as BCE of the probability
        assert float(binary_cross_entropy([sigmoid(z)], [y])) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("logits", [[2.0, 0.0, 0.0], [1e4, -1e4, 0.0], [-3.0, 5.0, 1.0]])
def test_cross_entropy_is_minus_log_softmax_of_the_target(logits):
    z = np.array([logits])
    for t in range(3):
        p = np.exp(np.array(logits) - max(logits)) / np.exp(np.array(logits) - max(logits)).sum()
        with np.errstate(divide="ignore"):
            expected = -np.log(p[t]) if p[t] > 0 else logits[0 if t else 1] - logits[t]
        assert float(cross_entropy(z, [t])) == pytest.approx(expected, rel=1e-13)


# The page's identities ----------------------------------------------------------------------------------


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)), elements=st.floats(-1e4, 1e4)),
    st.integers(0, 2**32 - 1),
)
@PROPERTY
def test_cross_entropy_gradient_is_softmax_minus_one_hot_over_batch(z, seed):
    t = np.random.default_rng(seed).integers(0, z.shape[1], z.shape[0])
    expected = (softmax(z) - np.eye(z.shape[1])[t]) / z.shape[0]
    np.testing.assert_allclose(cross_entropy_grad(z, t), expected, rtol=0, atol=1e-15)
    np.testing.assert_allclose(cross_entropy_grad(z, t).sum(axis=1), 0, atol=1e-15)  # each row sums to 0


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)), elements=st.floats(-1e3, 1e3)),
    st.floats(-1e3, 1e3),
)
@PROPERTY
def test_softmax_sums_to_one_and_ignores_a_shift_of_every_logit(z, shift):
    np.testing.assert_allclose(softmax(z).sum(axis=1), 1, rtol=1e-14)
    np.testing.assert_allclose(log_softmax(z + shift), log_softmax(z), rtol=1e-9, atol=1e-9)


def test_bce_with_logits_gradient_is_sigmoid_minus_target():
    z, y = np.array([-2.0, 0.0, 3.0]), np.array([1.0, 0.5, 0.0])
    np.testing.assert_array_equal(binary_cross_entropy_with_logits_grad(z, y, reduction="sum"), sigmoid(z) - y)


@pytest.mark.parametrize("name", ALL_PAIRS)
def test_reductions_mean_sum_and_none_agree(name):
    f, grad = ALL_PAIRS[name]
    x, y = example(name, 0)
    n = len(y) if name == "cross_entropy" else np.size(x)
    each = f(x, y, reduction="none")
    assert each.shape == (np.shape(x)[0],) if name == "cross_entropy" else each.shape == np.shape(x)
    assert float(f(x, y, reduction="sum")) == pytest.approx(each.sum(), rel=1e-14)
    assert float(f(x, y)) == pytest.approx(each.mean(), rel=1e-14)
    np.testing.assert_allclose(grad(x, y, reduction="sum"), n * grad(x, y), rtol=1e-14)
    np.testing.assert_allclose(grad(x, y, reduction="none"), grad(x, y, reduction="sum"), rtol=0)


def example(name: str, seed: int, dtype=np.float64):
    """A prediction and target valid for the named loss: shape (4, 3), or logits (4, 3) and classes (4,)."""
    rng = np.random.default_rng(seed)
    if name == "cross_entropy":
        return (3 * rng.normal(size=(4, 3))).astype(dtype), rng.integers(0, 3, 4)
    if name == "bce":
        return rng.uniform(0.02, 0.98, (4, 3)).astype(dtype), rng.uniform(0, 1, (4, 3)).astype(dtype)
    if name == "bce_with_logits":
        return (3 * rng.normal(size=(4, 3))).astype(dtype), rng.uniform(0, 1, (4, 3)).astype(dtype)
    return (3 * rng.normal(size=(4, 3))).astype(dtype), rng.normal(size=(4, 3)).astype(dtype)


# Properties a reader is told ----------------------------------------------------------------------------

finite = st.floats(-1e6, 1e6)
probability = st.floats(0, 1)


@given(hnp.arrays(np.float64, st.integers(1, 8), elements=finite), st.integers(0, 2**32 - 1))
@PROPERTY
def test_regression_losses_are_non_negative_and_zero_only_at_a_perfect_prediction(x, seed):
    y = x + np.random.default_rng(seed).normal(size=x.shape)
    for f, _, kwargs in REGRESSION.values():
        assert f(x, y, **kwargs) > 0
        assert f(x, x.copy(), **kwargs) == 0
        assert (f(x, y, reduction="none", **kwargs) >= 0).all()


@given(
    hnp.arrays(np.float64, st.integers(1, 8), elements=probability),
    hnp.arrays(np.float64, st.integers(1, 8), elements=probability),
)
@PROPERTY
def test_binary_cross_entropy_is_non_negative_and_zero_for_a_certain_right_answer(p, y):
    n = min(len(p), len(y))
    assert (binary_cross_entropy(p[:n], y[:n], reduction="none") >= 0).all()
    hard = np.round(y[:n])
    assert binary_cross_entropy(hard, hard) == 0


@given(hnp.arrays(np.float64, st.integers(1, 8), elements=st.floats(-1e4, 1e4)), st.integers(0, 2**32 - 1))
@PROPERTY
def test_logit_losses_are_non_negative_for_any_logits_up_to_1e4(z, seed):
    rng = np.random.default_rng(seed)
    assert (binary_cross_entropy_with_logits(z, rng.uniform(0, 1, z.shape), reduction="none") >= 0).all()
    logits = np.column_stack([z, z[::-1], np.zeros_like(z)])
    assert (cross_entropy(logits, rng.integers(0, 3, len(z)), reduction="none") >= 0).all()


@given(st.sampled_from(sorted(ALL_PAIRS)), st.integers(0, 2**32 - 1))
@PROPERTY
def test_gradients_equal_central_differences_on_random_inputs(name, seed):
    f, grad = ALL_PAIRS[name]
    x, y = example(name, seed)
    if name in ("l1", "huber", "smooth_l1"):  # keep the errors off the kinks at 0 and at delta = beta = 1
        e = np.abs(x - y)
        assume(np.min(np.abs(e)) > 1e-3 and np.min(np.abs(e - 1)) > 1e-3)
    numeric = numerical_gradient(lambda v: f(v, y), x)
    np.testing.assert_allclose(grad(x, y), numeric, rtol=1e-5, atol=1e-8)


def test_the_pages_nudge_a_prediction_of_3_with_target_1_changes_mse_by_4_per_unit_of_nudge():
    """The intuition's worked example: the change of the squared error per unit of nudge is 2e + nudge,
    so it comes closer to the gradient 2e = 4 as the nudge shrinks, and a step against it lowers the loss."""
    prediction, target = 3.0, 1.0
    loss, gradient = float(mse_loss(prediction, target)), float(mse_loss_grad(prediction, target))
    assert (loss, gradient) == (4.0, 4.0)
    gaps = []
    for nudge in (0.1, 0.01, 0.001):
        rate = (float(mse_loss(prediction + nudge, target)) - loss) / nudge
        assert rate == pytest.approx(gradient + nudge, rel=1e-9)
        gaps.append(rate - gradient)
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] > 0
    assert float(mse_loss(prediction - 0.1 * gradient, target)) < loss  # positive gradient: lower the prediction


@given(st.sampled_from(sorted(REGRESSION)), st.floats(-50, 50), st.floats(-50, 50))
@PROPERTY
def test_a_small_nudge_of_one_prediction_changes_each_regression_loss_by_its_gradient_times_the_nudge(
    name, prediction, target
):
    """What the page calls the gradient: the change of the loss per unit of a small nudge of the prediction."""
    f, grad, kwargs = REGRESSION[name]
    error = abs(prediction - target)
    switch = kwargs.get("delta", kwargs.get("beta", 1.0))
    assume(error > 1e-2 and abs(error - switch) > 1e-2)  # off the kinks, where the rate jumps
    nudge = 1e-6
    rate = (float(f(prediction + nudge, target, **kwargs)) - float(f(prediction, target, **kwargs))) / nudge
    assert rate == pytest.approx(float(grad(prediction, target, **kwargs)), rel=1e-4, abs=1e-4)


# Stability: huge logits, no warnings (pytest turns warnings into errors) ----------------------------------


@pytest.mark.parametrize("scale", [1e3, 1e4])
def test_bce_with_logits_is_exact_for_huge_logits(scale):
    z = np.array([scale, -scale, scale, -scale])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    assert binary_cross_entropy_with_logits(z, y, reduction="none").tolist() == [0.0, 0.0, scale, scale]
    assert binary_cross_entropy_with_logits_grad(z, y, reduction="none").tolist() == [0.0, 0.0, 1.0, -1.0]


@pytest.mark.parametrize("scale", [1e3, 1e4])
def test_cross_entropy_is_finite_and_exact_for_huge_logits(scale):
    z = np.array([[scale, -scale, 0.0]] * 3)
    t = np.array([0, 1, 2])
    assert cross_entropy(z, t, reduction="none").tolist() == [0.0, 2 * scale, scale]
    assert cross_entropy_grad(z, t, reduction="none").tolist() == [[0, 0, 0], [1, -1, 0], [1, 0, -1]]


def test_naive_cross_entropy_breaks_where_exp_overflows_and_the_stable_one_does_not():
    overflow = float(np.log(np.finfo(np.float64).max))  # 709.78
    assert overflow == pytest.approx(709.78, abs=0.01)
    below, above = np.array([[709.7, 0.0]] * 2), np.array([[709.9, 0.0]] * 2)
    assert np.isfinite(naive_cross_entropy(below, [0, 1])).all()
    assert np.isnan(naive_cross_entropy(above, [0, 1])[0]) and naive_cross_entropy(above, [0, 1])[1] == np.inf
    assert cross_entropy(above, [0, 1], reduction="none").tolist() == [0.0, 709.9]


def test_sigmoid_rounds_to_one_from_logits_of_about_36_7_which_is_why_bce_needs_logits():
    assert float(sigmoid(36.7)) < 1.0 and float(sigmoid(36.8)) == 1.0  # e^-z below half an ulp of 1
    assert float(binary_cross_entropy(sigmoid(800.0), 0.0)) == 100.0
    assert float(binary_cross_entropy_with_logits(800.0, 0.0)) == 800.0


def test_mse_of_errors_beyond_the_float_range_is_inf_without_a_warning():
    assert mse_loss([1e200], [-1e200]) == np.inf
    assert mse_loss_grad([1e308], [-1e308]).tolist() == [np.inf]


@pytest.mark.parametrize("name", ALL_PAIRS)
def test_float32_stays_float32(name):
    f, grad = ALL_PAIRS[name]
    x, y = example(name, 1, np.float32)
    assert f(x, y).dtype == np.float32
    assert f(x, y, reduction="none").dtype == np.float32
    assert grad(x, y).dtype == np.float32
    x64 = x.astype(np.float64)
    np.testing.assert_allclose(f(x, y), f(x64, y), rtol=1e-5)
    np.testing.assert_allclose(grad(x, y), grad(x64, y), rtol=1e-4, atol=1e-6)


# Errors that name the argument --------------------------------------------------------------------------


@pytest.mark.parametrize("f", [f for name, pair in ELEMENTWISE.items() for f in pair], ids=name_of)
def test_a_column_against_a_row_of_targets_is_an_error_not_a_broadcast(f):
    with pytest.raises(ValueError, match=r"target must have the shape of input, \(3, 1\), got \(3,\)"):
        f(np.full((3, 1), 0.5), np.full(3, 0.5))


@pytest.mark.parametrize("f", [f for name, pair in ELEMENTWISE.items() for f in pair], ids=name_of)
@pytest.mark.parametrize(
    ("x", "y", "error", "match"),
    [
        ("abc", [1.0], TypeError, "input"),
        ([0.5], ["a"], TypeError, "target"),
        ([np.nan], [0.5], ValueError, "input must be finite"),
        ([0.5], [np.inf], ValueError, "target must be finite"),
        ([], [], ValueError, "input must not be empty"),
    ],
)
def test_bad_inputs_raise_errors_that_name_the_argument(f, x, y, error, match):
    with pytest.raises(error, match=match):
        f(x, y)


@pytest.mark.parametrize("f", FUNCTIONS, ids=name_of)
def test_unknown_reduction_is_an_error(f):
    x, y = ([[1.0, 2.0]], [0]) if f in (cross_entropy, cross_entropy_grad) else ([0.5], [0.5])
    with pytest.raises(ValueError, match="reduction"):
        f(x, y, reduction="average")


@pytest.mark.parametrize("f", [binary_cross_entropy, binary_cross_entropy_grad], ids=name_of)
def test_probabilities_outside_0_1_are_an_error(f):
    with pytest.raises(ValueError, match="input must lie in"):
        f([1.2], [1.0])
    with pytest.raises(ValueError, match="target must lie in"):
        f([0.5], [-0.1])


@pytest.mark.parametrize("f", [binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad], ids=name_of)
def test_logits_may_be_any_number_but_targets_must_be_probabilities(f):
    assert np.isfinite(f([-3e4, 3e4], [0.0, 1.0], reduction="none")).all()
    with pytest.raises(ValueError, match="target must lie in"):
        f([0.5], [2.0])


@pytest.mark.parametrize(
    ("f", "arg", "value", "error"),
    [
        (huber_loss, "delta", 0.0, ValueError),
        (huber_loss_grad, "delta", -1.0, ValueError),
        (huber_loss, "delta", np.inf, ValueError),
        (huber_loss, "delta", "1", TypeError),
        (smooth_l1_loss, "beta", -0.5, ValueError),
        (smooth_l1_loss_grad, "beta", np.nan, ValueError),
        (smooth_l1_loss, "beta", None, TypeError),
    ],
    ids=lambda v: getattr(v, "__name__", repr(v)),
)  # stable ids: xdist workers must collect the same names
def test_bad_delta_or_beta_is_an_error_naming_it(f, arg, value, error):
    with pytest.raises(error, match=arg):
        f([1.0], [0.0], **{arg: value})


@pytest.mark.parametrize("f", [cross_entropy, cross_entropy_grad, naive_cross_entropy], ids=name_of)
@pytest.mark.parametrize(
    ("z", "t", "error", "match"),
    [
        ([[1.0, 2.0]], [0.0], TypeError, "integer class indices"),  # float targets
        ([[1.0, 2.0]], [True], TypeError, "integer class indices"),
        ([[1.0, 2.0]], "0", TypeError, "integer class indices"),
        ([[1.0, 2.0]], [2], ValueError, "target must hold classes 0 to 1"),
        ([[1.0, 2.0]], [-1], ValueError, "target must hold classes"),
        ([[1.0, 2.0]], [0, 1], ValueError, r"target must have shape \(batch,\)"),
        ([[1.0, 2.0]], [[0]], ValueError, r"target must have shape \(batch,\)"),
        ([1.0, 2.0], [0], ValueError, "input must be 2-D"),
        ([[1.0, np.inf]], [0], ValueError, "input must be finite"),
        (np.zeros((0, 2)), np.zeros(0, dtype=int), ValueError, "input must have at least one"),
    ],
)
def test_cross_entropy_checks_logits_and_class_targets(f, z, t, error, match):
    with pytest.raises(error, match=match):
        f(z, t)


# concepts.loss ---------------------------------------------------------------------------------


def test_fit_line_with_mse_is_the_least_squares_line():
    x, y, _ = line_with_outliers(rng=0)
    slope, intercept = fit_line(x, y, "mse", lr=0.05, steps=3000)
    np.testing.assert_allclose([slope, intercept], np.polyfit(x, y, 1), rtol=1e-8)


def test_outlier_figure_huber_keeps_the_slope_mse_loses_it_and_the_outliers_pull_about_9():
    x, y, outlier = line_with_outliers(rng=0)
    slopes = {name: fit_line(x, y, name, lr=0.05, steps=3000) for name in ("mse", "huber")}
    assert round(slopes["mse"][0], 2) == 0.36 and round(slopes["huber"][0], 2) == 0.72
    mse_pull = np.abs(mse_loss_grad(slopes["mse"][0] * x + slopes["mse"][1], y, reduction="none"))
    assert np.all((mse_pull[outlier] > 8.5) & (mse_pull[outlier] < 9.5))
    assert mse_pull[outlier].min() > 2.5 * mse_pull[~outlier].max()  # several times harder
    huber_pull = np.abs(huber_loss_grad(slopes["huber"][0] * x + slopes["huber"][1], y, reduction="none"))
    assert huber_pull.max() == 1.0


def test_line_with_outliers_moves_every_third_point_from_the_right():
    x, y, outlier = line_with_outliers(12, 2, slope=0.0, intercept=0.0, noise=0.0, shift=-6.0, rng=3)
    assert np.all(np.diff(x) >= 0)
    assert outlier.nonzero()[0].tolist() == [8, 11]
    assert y[outlier].tolist() == [-6.0, -6.0] and np.all(y[~outlier] == 0)


def test_noisy_sine_noise_has_the_requested_spread():
    x, y = noisy_sine(20_000, 0.3, rng=0)
    assert x.shape == y.shape == (20_000, 1) and x.min() >= -2 and x.max() <= 2
    assert np.std(y - np.sin(2 * x)) == pytest.approx(0.3, rel=0.02)


def test_train_curves_records_the_requested_steps_and_lowers_the_training_loss():
    net = MLP([1, 8, 1], rng=0)
    curves = train_curves(net, noisy_sine(10, rng=1), noisy_sine(30, rng=2), steps=40, record=[0, 10, 40])
    assert curves["step"].tolist() == [0, 10, 40]
    assert curves["train"][-1] < curves["train"][0]
    assert train_curves(MLP([1, 4, 1], rng=0), noisy_sine(5, rng=1), noisy_sine(5, rng=2), steps=3, record=[])[
        "step"
    ].shape == (0,)


def test_train_curves_steps_are_pytorch_sgd_with_momentum():
    """Two runs, one by the function, one written out by hand, give the same weights."""
    train, held = noisy_sine(8, rng=1), noisy_sine(8, rng=2)
    a, b = MLP([1, 5, 1], rng=0), MLP([1, 5, 1], rng=0)
    train_curves(a, train, held, lr=0.1, momentum=0.5, steps=3, record=[])
    velocity = [np.zeros_like(p) for p in b.parameters()]
    for _ in range(3):
        grads = b.backward(mse_loss_grad(b.forward(train[0]), train[1]))
        for p, v, g in zip(b.parameters(), velocity, grads):
            v[...] = 0.5 * v + g
            p -= 0.1 * v
    for p, q in zip(a.parameters(), b.parameters()):
        np.testing.assert_allclose(p, q, rtol=1e-14)


def test_overfitting_figure_training_loss_goes_towards_zero_while_held_out_loss_turns_up():
    train, held = noisy_sine(16, 0.3, rng=1), noisy_sine(400, 0.3, rng=2)
    curves = train_curves(
        MLP([1, 48, 48, 1], "tanh", rng=0),
        train,
        held,
        steps=6000,
        record=np.unique(np.geomspace(1, 6000, 90).round().astype(int)),
    )
    best = int(np.argmin(curves["held_out"]))
    assert curves["step"][best] == 50 and round(curves["held_out"][best], 3) == 0.119
    assert curves["train"][-1] < 0.01 < 0.3**2 < curves["held_out"][best] < curves["held_out"][-1]


def test_accuracy_and_loss_move_in_opposite_directions_in_the_page_example():
    target = np.array([0, 0, 1, 1])
    unsure = np.array([[0.1, 0.0], [-0.1, 0.0], [0.0, 0.1], [0.0, -0.1]])
    bold = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [3.0, 0.0]])
    assert accuracy(bold, target) > accuracy(unsure, target)
    assert cross_entropy(bold, target) > cross_entropy(unsure, target)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: fit_line([1.0, 2.0], [1.0], "mse"), ValueError, "y must have the shape of x"),
        (lambda: fit_line([1.0], [1.0], "cross_entropy"), ValueError, "loss must be one of"),
        (lambda: fit_line([1.0], [1.0], steps=0), ValueError, "steps"),
        (lambda: fit_line([1.0], [1.0], lr=np.nan), ValueError, "lr"),
        (lambda: line_with_outliers(6, 3), ValueError, "n_outliers"),
        (lambda: noisy_sine(5, -0.1), ValueError, "noise"),
        (lambda: accuracy([[1.0, 0.0]], [0.0]), TypeError, "target must hold integer class indices"),
        (
            lambda: train_curves(MLP([1, 2, 1], rng=0), ([[0.0]], [[0.0]]), ([[0.0]], [[0.0]]), loss="hinge"),
            ValueError,
            "loss must be one of",
        ),
        (lambda: train_curves(MLP([1, 2, 1], rng=0), ([[0.0]], [[0.0]]), ([[0.0]], [[0.0]]), lr=0.0), ValueError, "lr"),
        (
            lambda: train_curves(MLP([1, 2, 1], rng=0), ([[0.0]], [[0.0]]), ([[0.0]], [[0.0]]), momentum=1.0),
            ValueError,
            "momentum",
        ),
        (lambda: fit_line([1.0], [1.0], lr=-0.1), ValueError, "lr"),
    ],
)
def test_loss_practice_bad_inputs_raise_errors_that_name_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


# Valid extremes quietly, an empty batch refused by name ---------------------------------------------------


def quietly(f, *args, **kwargs):
    """`f(*args, **kwargs)`, failing on any warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return f(*args, **kwargs)


@pytest.mark.parametrize("lr", [10.0, 1e308])
def test_fit_line_that_diverges_returns_infinities_without_a_warning(lr):
    """As `gradient_descent` diverges: no error, no numpy warning, the divergence visible in the result."""
    slope, intercept = quietly(fit_line, [0.0, 1.0, 2.0], [1.0, 3.0, 5.0], lr=lr, steps=2000)
    assert np.isinf(slope) and np.isinf(intercept)


def test_fit_line_on_points_whose_predictions_overflow_diverges_quietly():
    slope, intercept = quietly(fit_line, [0.0, 1e200, 2e200], [1.0, 3.0, 5.0], steps=20)
    assert np.isinf(slope) and np.isinf(intercept)


def test_train_curves_that_diverge_record_inf_from_the_step_the_output_overflows_without_a_warning():
    train, held_out = noisy_sine(10, rng=1), noisy_sine(10, rng=2)
    curves = quietly(train_curves, MLP([1, 8, 1], rng=0), train, held_out, lr=1e3, momentum=0.0, steps=300)
    assert curves["step"].tolist() == list(range(301))
    finite = np.isfinite(curves["train"])
    assert finite[0] and not finite[-1]
    first_inf = int(np.argmin(finite))
    assert not finite[first_inf:].any() and not np.isfinite(curves["held_out"][first_inf:]).any()


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: fit_line([], []), "x must not be empty"),
        (lambda: accuracy(np.zeros((0, 3)), np.zeros(0, dtype=int)), "input must have at least one example"),
        (lambda: cross_entropy(np.zeros((0, 3)), np.zeros(0, dtype=int)), "input must have at least one example"),
        (lambda: mse_loss([], []), "input must not be empty"),
        (lambda: reduce(np.zeros(0), "mean"), "losses must not be empty"),
        (
            lambda: train_curves(MLP([1, 2, 1], rng=0), (np.zeros((0, 1)), np.zeros((0, 1))), noisy_sine(4, rng=0)),
            r"train\[0\] must not be empty",
        ),
        (
            lambda: train_curves(MLP([1, 2, 1], rng=0), noisy_sine(4, rng=0), (np.zeros((0, 1)), np.zeros((0, 1)))),
            r"held_out\[0\] must not be empty",
        ),
    ],
    ids=["fit_line", "accuracy", "cross_entropy", "mse_loss", "reduce", "train_curves-train", "train_curves-held_out"],
)
def test_an_empty_batch_is_refused_by_name_not_averaged_to_nan(call, match):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=match):
            call()


def test_a_sum_of_nothing_is_zero_and_no_reduction_of_nothing_is_nothing():
    assert reduce(np.zeros(0), "sum") == 0.0 and reduce(np.zeros(0), "none").shape == (0,)


@pytest.mark.parametrize("target", [[0, 2], [-1, 0]], ids=["beyond-the-width", "negative"])
def test_accuracy_refuses_classes_the_logits_do_not_have(target):
    """They were scored as wrong answers: an accuracy of 0.5 for a target that is not a class."""
    with pytest.raises(ValueError, match="target must hold classes 0 to 1"):
        accuracy([[2.0, 0.0], [0.0, 1.0]], target)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"loss": "huber", "beta": 1.0}, TypeError, r"loss 'huber' takes only \['delta'\], got \['beta'\]"),
        ({"loss": "mse", "delta": 1.0}, TypeError, "loss 'mse' takes no keyword arguments"),
        ({"loss": "huber", "delta": -1.0}, ValueError, "delta"),
        ({"loss": "smooth_l1", "beta": np.nan}, ValueError, "beta"),
        ({"loss": "bce_with_logits"}, ValueError, "y must lie in"),
        ({"loss": ["mse"]}, TypeError, "loss must be one of"),
    ],
)
def test_fit_line_checks_the_loss_and_its_keyword_arguments_by_name(kwargs, error, match):
    with pytest.raises(error, match=match):
        fit_line([0.0, 1.0], [1.0, 3.0], **kwargs)


def test_fit_line_with_huber_passes_delta_to_the_loss():
    x, y, _ = line_with_outliers(rng=0)
    assert fit_line(x, y, "huber", steps=50, delta=0.5) != fit_line(x, y, "huber", steps=50, delta=2.0)


def curves_call(**changes):
    args = {"net": MLP([1, 4, 1], rng=0), "train": noisy_sine(4, rng=1), "held_out": noisy_sine(4, rng=2), "steps": 3}
    return lambda: train_curves(**{**args, **changes})


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"net": [1, 4, 1]}, TypeError, "net must be an MLP"),
        ({"net": MLP([2, 4, 1], rng=0)}, ValueError, r"train\[0\] must have shape \(batch, 2\), net's input width"),
        ({"net": MLP([1, 4, 2], rng=0)}, ValueError, r"train\[1\] must have shape \(4, 2\)"),
        ({"train": None}, TypeError, "train must be a pair"),
        ({"held_out": (np.zeros((4, 1)),)}, ValueError, "held_out must be a pair"),
        ({"train": ([[np.nan]], [[0.0]])}, ValueError, r"train\[0\] must hold finite numbers"),
        ({"held_out": (np.zeros((4, 1)), np.zeros((3, 1)))}, ValueError, r"held_out\[1\] must have shape \(4, 1\)"),
        ({"loss": "bce_with_logits", "train": ([[0.0]], [[2.0]])}, ValueError, r"train\[1\] must lie in \[0, 1\]"),
        ({"record": [0, 4]}, ValueError, r"record\[1\] must be a step from 0 to steps = 3"),
        ({"record": [0, -1]}, ValueError, r"record\[1\]"),
        ({"record": [0, 1.5]}, TypeError, r"record\[1\]"),
        ({"record": 3}, TypeError, "record must be a list of steps"),
        ({"momentum": -0.1}, ValueError, "momentum"),
    ],
)
def test_train_curves_checks_its_arguments_by_name(changes, error, match):
    with pytest.raises(error, match=match):
        curves_call(**changes)()


def test_train_curves_may_record_nothing_as_the_overfitting_figure_does_for_its_early_copy():
    curves = curves_call(record=[])()
    assert all(len(v) == 0 for v in curves.values())
