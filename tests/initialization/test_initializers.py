"""Tests for concepts.initialization: shapes, distributions, PyTorch's formulas, the identities of the page.

The distributions are compared with PyTorch's own samples in reference/test_initialization_torch.py;
here each initializer is checked against its formula (standard deviation, support) on large samples,
the page's derivations are checked on samples, and every bad input raises an error naming it.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concepts.initialization import (
    INITIALIZERS,
    calculate_gain,
    constant,
    initializer,
    kaiming_normal,
    kaiming_uniform,
    lecun_normal,
    normal,
    uniform,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from concepts.network import MLP
from concepts.neuron import relu

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=40)
RANDOM = [uniform, normal, xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal, lecun_normal]
ALL = [zeros, *RANDOM]  # constant needs its value
N_IN, N_OUT = 600, 400  # 240,000 weights: sample std within about 0.3 % of the true one

# initializer, keyword arguments, its standard deviation, its bound (None for a normal)
DISTRIBUTIONS = {
    "uniform(-0.3, 0.3)": (uniform, {"a": -0.3, "b": 0.3}, 0.6 / math.sqrt(12), 0.3),
    "normal(std=0.05)": (normal, {"std": 0.05}, 0.05, None),
    "xavier_uniform": (xavier_uniform, {}, math.sqrt(2 / (N_IN + N_OUT)), math.sqrt(6 / (N_IN + N_OUT))),
    "xavier_uniform(gain=5/3)": (
        xavier_uniform,
        {"gain": 5 / 3},
        5 / 3 * math.sqrt(2 / (N_IN + N_OUT)),
        5 / 3 * math.sqrt(6 / (N_IN + N_OUT)),
    ),
    "xavier_normal": (xavier_normal, {}, math.sqrt(2 / (N_IN + N_OUT)), None),
    "kaiming_uniform": (kaiming_uniform, {}, math.sqrt(2 / (1 + 0.0) / N_IN), math.sqrt(6 / N_IN)),
    "kaiming_uniform(a=sqrt5)": (kaiming_uniform, {"a": math.sqrt(5)}, 1 / math.sqrt(3 * N_IN), 1 / math.sqrt(N_IN)),
    "kaiming_uniform(fan_out)": (
        kaiming_uniform,
        {"mode": "fan_out", "nonlinearity": "relu"},
        math.sqrt(2 / N_OUT),
        math.sqrt(6 / N_OUT),
    ),
    "kaiming_normal": (kaiming_normal, {}, math.sqrt(2 / N_IN), None),
    "kaiming_normal(tanh)": (kaiming_normal, {"nonlinearity": "tanh"}, 5 / 3 / math.sqrt(N_IN), None),
    "kaiming_normal(leaky 0.2, fan_out)": (
        kaiming_normal,
        {"a": 0.2, "mode": "fan_out"},
        math.sqrt(2 / 1.04 / N_OUT),
        None,
    ),
    "lecun_normal": (lecun_normal, {}, 1 / math.sqrt(N_IN), None),
}


def test_initializers_registry_holds_every_initializer_by_its_name():
    assert INITIALIZERS == {f.__name__: f for f in [*ALL, constant]}


# Shapes, dtypes, randomness ------------------------------------------------------------------------------


@pytest.mark.parametrize("f", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("fan_in", "fan_out"), [(1, 1), (3, 5), (5, 3), (64, 1)])
def test_initializers_return_fan_in_by_fan_out_float64(f, fan_in, fan_out):
    w = f(fan_in, fan_out)
    assert w.shape == (fan_in, fan_out) and w.dtype == np.float64


def test_constant_fills_every_weight_with_the_value():
    w = constant(3, 4, -1.5)
    assert w.shape == (3, 4) and (w == -1.5).all()


@pytest.mark.parametrize("f", RANDOM, ids=lambda f: f.__name__)
def test_float32_is_kept_and_holds_the_float64_draw_rounded(f):
    w32, w64 = f(20, 30, rng=5, dtype=np.float32), f(20, 30, rng=5)
    assert w32.dtype == np.float32
    np.testing.assert_array_equal(w32, w64.astype(np.float32))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_zeros_and_constant_keep_the_dtype(dtype):
    assert zeros(2, 2, dtype=dtype).dtype == dtype and constant(2, 2, 0.5, dtype=dtype).dtype == dtype


@pytest.mark.parametrize("f", RANDOM, ids=lambda f: f.__name__)
def test_a_seed_gives_the_same_weights_and_another_seed_others(f):
    np.testing.assert_array_equal(f(10, 8, rng=3), f(10, 8, rng=np.random.default_rng(3)))
    assert not np.array_equal(f(10, 8, rng=3), f(10, 8, rng=4))


@pytest.mark.parametrize("f", RANDOM, ids=lambda f: f.__name__)
def test_a_generator_is_advanced_so_two_draws_differ(f):
    rng = np.random.default_rng(0)
    assert not np.array_equal(f(10, 8, rng=rng), f(10, 8, rng=rng))


# Distributions against their formulas -------------------------------------------------------------------


@pytest.mark.parametrize("case", DISTRIBUTIONS)
def test_sample_std_and_support_match_the_formula(case):
    f, kwargs, std, bound = DISTRIBUTIONS[case]
    w = f(N_IN, N_OUT, **kwargs, rng=0)
    assert abs(w.mean()) < 4 * std / math.sqrt(w.size)
    assert w.std() == pytest.approx(std, rel=0.01)
    if bound is None:  # a normal: about 0.27 % of the weights beyond 3 std, as N(0, 1) has
        assert np.mean(np.abs(w) > 3 * std) == pytest.approx(0.0027, abs=0.0005)
    else:  # a uniform: inside [-bound, bound), and filling it
        assert w.min() >= -bound and w.max() < bound
        assert w.min() < -0.999 * bound and w.max() > 0.999 * bound


def test_uniform_draws_from_a_to_b():
    w = uniform(N_IN, N_OUT, a=2.0, b=5.0, rng=1)
    assert 2.0 <= w.min() < 2.001 and 4.999 < w.max() < 5.0
    assert w.mean() == pytest.approx(3.5, abs=0.01)


def test_normal_has_the_given_mean():
    assert normal(N_IN, N_OUT, mean=3.0, std=0.5, rng=1).mean() == pytest.approx(3.0, abs=0.005)


def test_defaults_are_pytorchs():
    assert kaiming_normal(N_IN, N_OUT, rng=0).std() == pytest.approx(math.sqrt(2 / N_IN), rel=0.01)  # He, ReLU
    w = uniform(N_IN, N_OUT, rng=0)
    assert 0.0 <= w.min() and w.max() < 1.0  # U(0, 1)
    assert normal(N_IN, N_OUT, rng=0).std() == pytest.approx(1.0, rel=0.01)  # N(0, 1)


def test_kaiming_uniform_with_a_sqrt5_is_nn_linears_default_and_the_standard_heuristic():
    n, m = 256, 30
    standard = uniform(n, m, -1 / math.sqrt(n), 1 / math.sqrt(n), rng=7)
    np.testing.assert_allclose(kaiming_uniform(n, m, a=math.sqrt(5), rng=7), standard, rtol=0, atol=1e-16)
    # MLP's default draws its first weights the same way, from the same stream
    np.testing.assert_allclose(MLP([n, m], rng=7).weights[0], standard, rtol=0, atol=1e-16)
    assert calculate_gain("leaky_relu", math.sqrt(5)) ** 2 == pytest.approx(1 / 3)  # variance 1/(3n)


def test_kaiming_mode_is_case_insensitive_as_in_pytorch():
    np.testing.assert_array_equal(
        kaiming_normal(5, 7, mode="FAN_OUT", rng=0), kaiming_normal(5, 7, mode="fan_out", rng=0)
    )


def test_lecun_normal_is_kaiming_normal_for_a_linear_layer():
    np.testing.assert_allclose(
        lecun_normal(50, 20, rng=2), kaiming_normal(50, 20, nonlinearity="linear", rng=2), rtol=1e-15
    )


@pytest.mark.parametrize("n", [64, 256, 1024])
def test_xavier_and_lecun_have_the_same_variance_for_square_layers(n):
    assert xavier_normal(n, n, rng=0).std() == pytest.approx(lecun_normal(n, n, rng=0).std(), rel=1e-12)


@PROPERTY
@given(st.integers(1, 300), st.integers(1, 300), st.floats(0, 3), st.integers(0, 2**32 - 1))
def test_uniform_schemes_never_leave_their_bound(fan_in, fan_out, gain, seed):
    assert np.abs(xavier_uniform(fan_in, fan_out, gain, rng=seed)).max() <= gain * math.sqrt(6 / (fan_in + fan_out))
    assert np.abs(kaiming_uniform(fan_in, fan_out, rng=seed)).max() <= math.sqrt(6 / fan_in)


# calculate_gain -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nonlinearity", "param", "gain"),
    [
        ("linear", None, 1.0),
        ("conv1d", None, 1.0),
        ("conv2d", None, 1.0),
        ("conv3d", None, 1.0),
        ("conv_transpose1d", None, 1.0),
        ("conv_transpose2d", None, 1.0),
        ("conv_transpose3d", None, 1.0),
        ("sigmoid", None, 1.0),
        ("tanh", None, 5 / 3),
        ("relu", None, math.sqrt(2)),
        ("selu", None, 0.75),
        ("leaky_relu", None, math.sqrt(2 / (1 + 0.01**2))),
        ("leaky_relu", 0.2, math.sqrt(2 / 1.04)),
        ("leaky_relu", 0, math.sqrt(2)),
        ("leaky_relu", 1, 1.0),
        ("leaky_relu", -0.5, math.sqrt(2 / 1.25)),
        ("relu", "ignored", math.sqrt(2)),  # PyTorch ignores param for everything but leaky_relu
    ],
)
def test_calculate_gain_has_pytorchs_table(nonlinearity, param, gain):
    assert calculate_gain(nonlinearity, param) == gain


def test_leaky_relu_gain_with_slope_zero_is_relus():
    assert calculate_gain("leaky_relu", 0.0) == calculate_gain("relu")


# The page's derivations, on samples ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [16, 128, 512])
@pytest.mark.parametrize("std", [0.01, 0.1, 1.0])
def test_variance_of_a_weighted_sum_is_n_times_var_w_times_var_x(n, std):
    # Var(sum_i w_i x_i) = n Var(w) Var(x) for independent, zero-mean w and x: checked over 20,000 sums
    rng = np.random.default_rng(n)
    x = rng.normal(0.0, 2.0, size=(20_000, n))
    w = rng.normal(0.0, std, size=(20_000, n))  # a fresh weight vector for each sum: the expectation over both
    out = np.sum(w * x, axis=1)
    assert out.var() == pytest.approx(n * std**2 * 4.0, rel=0.04)


def test_relu_keeps_half_the_mean_square_of_a_symmetric_input():
    z = np.random.default_rng(0).normal(0.0, 3.0, size=1_000_000)
    assert np.mean(relu(z) ** 2) == pytest.approx(np.mean(z**2) / 2, rel=0.01)


@pytest.mark.parametrize("n", [16, 64, 256])
def test_he_start_keeps_the_mean_square_through_a_relu_layer(n):
    rng = np.random.default_rng(n)
    x = relu(rng.normal(size=(64, n)))  # a ReLU layer's output: mean square 1/2
    z = x @ kaiming_normal(n, 16384, nonlinearity="relu", rng=rng)  # many units: the average over the weights
    assert np.mean(relu(z) ** 2) == pytest.approx(np.mean(x**2), rel=0.05)


@PROPERTY
@given(st.integers(64, 400), st.integers(64, 400), st.integers(0, 2**32 - 1))
def test_lecun_start_preserves_the_variance_of_a_linear_layer(fan_in, fan_out, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(256, fan_in))
    assert (x @ lecun_normal(fan_in, fan_out, rng=rng)).var() == pytest.approx(x.var(), rel=0.15)


def test_xavier_bound_gives_variance_two_over_fan_in_plus_fan_out():
    n, m = 300, 100
    bound = math.sqrt(6 / (n + m))
    assert bound**2 / 3 == pytest.approx(2 / (n + m), rel=1e-15)
    assert xavier_uniform(n, m, rng=0).var() == pytest.approx(2 / (n + m), rel=0.02)


# initializer(): the adapter for MLP ---------------------------------------------------------------------


@pytest.mark.parametrize("scheme", sorted(INITIALIZERS))
def test_initializer_gives_mlp_what_it_needs(scheme):
    kwargs = {"value": 0.25} if scheme == "constant" else {}
    net = MLP([3, 4, 2], "tanh", rng=0, init=initializer(scheme, **kwargs))
    assert [w.shape for w in net.weights] == [(3, 4), (4, 2)]
    assert all((b == 0).all() for b in net.biases)


def test_initializer_passes_the_networks_generator_and_the_arguments():
    init = initializer(kaiming_normal, mode="fan_out", nonlinearity="relu")
    np.testing.assert_array_equal(
        init(30, 20, np.random.default_rng(1)), kaiming_normal(30, 20, mode="fan_out", nonlinearity="relu", rng=1)
    )
    assert init.__name__ == "kaiming_normal"


def test_initializer_of_a_constant_ignores_the_generator():
    np.testing.assert_array_equal(initializer("constant", value=0.5)(2, 3, 0), np.full((2, 3), 0.5))


# Bad input -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("f", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("fan_in", "fan_out", "error", "name"),
    [
        (0, 3, ValueError, "fan_in"),
        (-2, 3, ValueError, "fan_in"),
        (2.5, 3, TypeError, "fan_in"),
        (True, 3, TypeError, "fan_in"),
        ("3", 3, TypeError, "fan_in"),
        (None, 3, TypeError, "fan_in"),
        (3, 0, ValueError, "fan_out"),
        (3, 1.0, TypeError, "fan_out"),
    ],
)
def test_fans_must_be_positive_integers(f, fan_in, fan_out, error, name):
    with pytest.raises(error, match=name):
        f(fan_in, fan_out)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: normal(2, 2, std=-0.1), ValueError, "std"),
        (lambda: normal(2, 2, std=math.inf), ValueError, "std"),
        (lambda: normal(2, 2, mean=math.nan), ValueError, "mean"),
        (lambda: normal(2, 2, std="1"), TypeError, "std"),
        (lambda: uniform(2, 2, a=1.0, b=0.0), ValueError, "a must be <= b"),
        (lambda: uniform(2, 2, a=-math.inf), ValueError, "a must be finite"),
        (lambda: constant(2, 2, math.nan), ValueError, "value"),
        (lambda: constant(2, 2, [1.0]), TypeError, "value"),
        (lambda: xavier_uniform(2, 2, gain=-1.0), ValueError, "gain"),
        (lambda: xavier_normal(2, 2, gain=None), TypeError, "gain"),
        (lambda: kaiming_normal(2, 2, mode="fan_avg"), ValueError, "mode"),
        (lambda: kaiming_uniform(2, 2, mode=None), TypeError, "mode"),
        (lambda: kaiming_normal(2, 2, nonlinearity="gelu"), ValueError, "nonlinearity"),
        (lambda: kaiming_uniform(2, 2, a=True), TypeError, "a must be a real number"),
        (lambda: calculate_gain("Tanh"), ValueError, "nonlinearity"),  # case-sensitive, as PyTorch
        (lambda: calculate_gain(None), ValueError, "nonlinearity"),
        (lambda: calculate_gain("leaky_relu", True), ValueError, "param"),
        (lambda: calculate_gain("leaky_relu", "0.2"), ValueError, "param"),
        (lambda: calculate_gain("leaky_relu", math.nan), ValueError, "param"),
        (lambda: lecun_normal(2, 2, rng="seed"), TypeError, "rng"),
        (lambda: lecun_normal(2, 2, dtype=np.int64), ValueError, "dtype"),
        (lambda: zeros(2, 2, dtype="no such type"), TypeError, "dtype"),
        (lambda: initializer("he"), ValueError, "scheme"),
        (lambda: initializer(np.ones), TypeError, "scheme"),
        (lambda: initializer("kaiming_normal", nonlinearity="gelu"), ValueError, "nonlinearity"),
        (lambda: initializer("normal", rng=0), TypeError, "rng"),
    ],
    ids=lambda v: None,
)
def test_bad_arguments_raise_errors_that_name_them(call, error, name):
    with pytest.raises(error, match=name):
        call()


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: uniform(2, 2, -1e308, 1e308, dtype=np.float32), ValueError, "a must lie within"),
        (lambda: uniform(2, 2, 0.0, 1e39, dtype=np.float32), ValueError, "b must lie within"),
        (lambda: constant(2, 2, 1e300, dtype=np.float32), ValueError, "value must lie within"),
        (lambda: xavier_uniform(1, 1, gain=1.7e308), ValueError, "gain"),
        (lambda: kaiming_normal(2, 2, a=math.inf), ValueError, "a must be finite"),
        (lambda: calculate_gain(["tanh"]), ValueError, "nonlinearity"),  # a list is no name, and not hashable
        (lambda: initializer("constant"), TypeError, "value"),  # a constant needs its value
        (lambda: initializer("zeros", std=1.0), TypeError, "std"),
        (lambda: initializer("normal", fan_in=3), TypeError, "fan_in"),  # the network passes the fans
        (lambda: initializer(np.ones(3)), TypeError, "scheme"),  # not compared elementwise by numpy
        (lambda: zeros(2, 2, dtype=np.complex128), ValueError, "dtype"),
    ],
    ids=lambda v: None,
)
def test_more_bad_arguments_raise_errors_that_name_them(call, error, name):
    with pytest.raises(error, match=name):
        call()


# Valid extremes: a finite answer, no warning ---------------------------------------------------------------


# pyproject.toml turns every warning into an error: these pass only if nothing warns.


@pytest.mark.parametrize("slope", [1e200, -1e200, 1.3e154, 1e150, 1.7e308])
def test_leaky_relu_gain_of_a_huge_slope_is_finite(slope):
    """sqrt(2 / (1 + slope²)) once slope² overflows is sqrt(2) / |slope|, not an OverflowError."""
    gain = calculate_gain("leaky_relu", slope)
    assert 0 < gain < 1e-149 and gain == pytest.approx(math.sqrt(2) / abs(slope), rel=1e-15)


@pytest.mark.parametrize("f", [kaiming_normal, kaiming_uniform], ids=lambda f: f.__name__)
def test_kaiming_with_a_huge_slope_gives_tiny_finite_weights(f):
    w = f(4, 4, a=1e200, rng=0)
    reference = f(4, 4, a=1.0, rng=0) * (math.sqrt(2) / 1e200)  # the same draws; gain 1 at a = 1, sqrt(2)/a here
    assert np.isfinite(w).all() and np.abs(w).max() < 1e-199
    np.testing.assert_allclose(w, reference, rtol=1e-12)


@pytest.mark.parametrize(("a", "b"), [(-1e308, 1e308), (-1.79e308, 1.79e308), (1e308, 1.7e308), (-5e-324, 5e-324)])
def test_uniform_draws_a_range_wider_than_the_largest_float(a, b):
    """numpy's uniform forms b - a, which overflows for ±1e308 (PyTorch refuses them); the draw does not."""
    w = uniform(50, 40, a, b, rng=0)
    assert np.isfinite(w).all() and (w >= a).all() and (w <= b).all()
    np.testing.assert_array_equal(w, uniform(50, 40, a, b, rng=0))  # the seed decides it
    if b > 1:  # scaled to U(-1, 1) (halved first, so that nothing overflows): mean 0, variance 1/3
        scaled = (w / 2 - a / 2) / (b / 2 - a / 2) * 2 - 1
        assert abs(scaled.mean()) < 0.05 and scaled.var() == pytest.approx(1 / 3, rel=0.05)


def test_uniform_keeps_numpys_draw_where_the_range_fits():
    np.testing.assert_array_equal(uniform(3, 4, -0.3, 0.3, rng=5), np.random.default_rng(5).uniform(-0.3, 0.3, (3, 4)))


def test_huge_normal_weights_overflow_to_inf_quietly_in_float32():
    """As PyTorch's normal_ on a float32 tensor: a weight beyond float32's range is ±inf, with no warning."""
    w = normal(3, 3, std=1e300, rng=0, dtype=np.float32)
    assert w.dtype == np.float32 and np.isinf(w).all()
    assert np.isfinite(normal(3, 3, mean=1e307, std=1e307, rng=0)).all()


def test_xavier_with_the_largest_gain_that_fits():
    w = xavier_uniform(1, 1, gain=1e308, rng=0)
    assert np.isfinite(w).all() and np.abs(w).max() <= math.sqrt(3) * 1e308
    assert np.isfinite(xavier_normal(1, 1, gain=1.7e308, rng=0)).all()
    assert (constant(2, 2, 1e308) == 1e308).all() and (
        constant(2, 2, -3e38, dtype=np.float32) == np.float32(-3e38)
    ).all()
