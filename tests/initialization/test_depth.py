"""Tests for concepts.initialization.depth: the deep-stack statistics the page states.

The page's claims are asserted with margins that hold for any seed, while the numbers it prints come
from doctest blocks on the page: which starts vanish, explode or hold after 50 layers, and that the
variance rule predicts the ReLU stacks.
"""

import math
from functools import cache

import numpy as np
import pytest

from concepts.initialization import (
    SCHEMES,
    depth_statistics,
    initializer,
    scale_sweep,
)
from concepts.network import MLP

WIDTH, DEPTH = 256, 50


@cache
def stack(name: str, activation: str):
    """The page's stacks: 50 layers of width 256, batch 128, seed 0 (as the figures)."""
    return depth_statistics(name, activation, rng=0)


# The schemes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize(("fan_in", "fan_out"), [(256, 256), (512, 128)])
def test_scheme_variance_formula_matches_its_samples(name, fan_in, fan_out):
    scheme = SCHEMES[name]
    w = scheme.init(fan_in, fan_out, np.random.default_rng(0))
    assert w.var() == pytest.approx(scheme.variance(fan_in, fan_out), rel=0.02)


def test_xavier_and_lecun_have_the_same_variance_in_a_stack_of_equal_widths():
    assert SCHEMES["xavier"].variance(WIDTH, WIDTH) == SCHEMES["lecun"].variance(WIDTH, WIDTH) == 1 / WIDTH


# depth_statistics ---------------------------------------------------------------------------------------


def test_depth_statistics_shapes_and_what_they_hold():
    s = depth_statistics("he", "relu", depth=7, width=16, batch=5, rng=0)
    assert len(s.activations) == 7 and all(h.shape == (5, 16) for h in s.activations)
    for values in (s.activation_std, s.activation_var, s.weight_grad_norm, s.bias_grad_norm):
        assert values.shape == (7,)
    np.testing.assert_allclose(s.activation_var, [h.var() for h in s.activations])
    assert (s.activations[0] >= 0).all()  # ReLU outputs


def test_depth_statistics_gradients_are_mlp_backward_of_a_random_read_out():
    s = depth_statistics("lecun", "tanh", depth=3, width=8, batch=4, rng=3)
    rng = np.random.default_rng(3)  # the same draws in the same order: weights, input, read-out
    net = MLP([8] * 5, "tanh", rng, init=SCHEMES["lecun"].init)
    out = net.forward(rng.standard_normal((4, 8)))
    grads = net.backward(rng.standard_normal(out.shape) / 4)
    np.testing.assert_allclose(s.weight_grad_norm, [np.linalg.norm(g) for g in grads[0:6:2]], rtol=1e-12)
    np.testing.assert_allclose(s.bias_grad_norm, [np.linalg.norm(g) for g in grads[1:6:2]], rtol=1e-12)


def test_depth_statistics_is_reproducible_and_can_skip_gradients():
    a, b = depth_statistics("xavier", depth=5, width=8, rng=1), depth_statistics("xavier", depth=5, width=8, rng=1)
    np.testing.assert_array_equal(a.activation_var, b.activation_var)
    c = depth_statistics("xavier", depth=5, width=8, gradients=False, rng=1)
    assert c.weight_grad_norm is None and c.bias_grad_norm is None
    np.testing.assert_array_equal(c.activation_var, a.activation_var)


def test_depth_statistics_accepts_an_initializer():
    s = depth_statistics(initializer("constant", value=0.0), "tanh", depth=3, width=4, rng=0)
    assert (s.activation_var == 0).all()


# What the page says about 50 layers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("standard", 0, 1e-20),  # vanishes: a factor 3 per layer
        ("lecun", 0.004, 0.02),  # fades slowly, like 1/(2 x layer)
        ("xavier", 0.004, 0.02),
        ("he", 0.15, 0.6),  # holds, partly saturated
        ("fixed", 0.5, 0.85),  # saturated
        ("std1", 0.9, 1.0),  # saturated: almost every output at -1 or +1
    ],
)
def test_variance_after_50_tanh_layers(name, low, high):
    assert low <= stack(name, "tanh").activation_var[-1] <= high


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("standard", 0, 1e-35),
        ("lecun", 1e-17, 1e-13),
        ("xavier", 1e-17, 1e-13),  # vanish
        ("he", 0.3, 3.0),  # holds
        ("fixed", 1e25, 1e32),
        ("std1", 1e100, 1e110),  # explode
    ],
)
def test_variance_after_50_relu_layers(name, low, high):
    assert low <= stack(name, "relu").activation_var[-1] <= high


@pytest.mark.parametrize("name", SCHEMES)
def test_the_variance_rule_predicts_every_relu_stack_within_a_factor_3(name):
    # E[h_l^2] = (n Var(w) / 2)^l E[x^2] with E[x^2] = 1: from 1e-40 to 1e105, within a factor 3 at every layer
    mean_square = np.array([np.mean(h**2) for h in stack(name, "relu").activations])
    predicted = (WIDTH * SCHEMES[name].variance(WIDTH, WIDTH) / 2) ** np.arange(1, DEPTH + 1)
    ratio = mean_square / predicted
    assert (ratio > 1 / 3).all() and (ratio < 3).all()


def test_the_standard_start_shrinks_a_tanh_stack_by_about_3_per_layer():
    var = stack("standard", "tanh").activation_var
    factors = var[20:] / var[19:-1]  # deep enough that tanh is linear
    np.testing.assert_allclose(factors, 1 / 3, rtol=0.1)  # each layer's own weights: some spread
    assert np.exp(np.mean(np.log(factors))) == pytest.approx(1 / 3, rel=0.02)
    assert var[-1] <= 3.0**-50


def test_xavier_tanh_variance_fades_like_one_over_twice_the_depth():
    var = stack("xavier", "tanh").activation_var
    layers = np.arange(1, DEPTH + 1)
    np.testing.assert_allclose(var[9:], 1 / (2 * layers[9:]), rtol=0.3)


def test_standard_tanh_outputs_from_layer_10_on_are_all_within_two_hundredths():
    assert max(np.abs(h).max() for h in stack("standard", "tanh").activations[9:]) < 0.02


def test_std1_tanh_outputs_are_almost_all_saturated():
    assert np.mean(np.abs(stack("std1", "tanh").activations[-1]) > 0.9) > 0.85


@pytest.mark.parametrize("name", SCHEMES)
def test_relu_weight_gradients_are_the_same_size_in_every_layer(name):
    # the forward growth and the backward shrinkage cancel in dL/dW = x.T @ dL/dz
    norm = stack(name, "relu").weight_grad_norm
    assert norm.max() / norm.min() < 4


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("standard", 0, 1e-15),
        ("lecun", 1e-8, 1e-5),
        ("xavier", 1e-8, 1e-5),
        ("he", 3, 300),
        ("fixed", 1e13, 1e18),
        ("std1", 1e50, 1e57),
    ],
)
def test_relu_weight_gradients_vanish_hold_or_explode_with_the_start(name, low, high):
    norm = stack(name, "relu").weight_grad_norm
    assert low <= norm.min() and norm.max() <= high


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("std1", 1e20, np.inf),
        ("fixed", 1e4, 1e8),  # grow towards the input
        ("xavier", 0.5, 2),
        ("lecun", 0.5, 2),
        ("standard", 0.5, 2),  # the same in every layer
    ],
)
def test_tanh_weight_gradient_ratio_first_to_last_layer(name, low, high):
    norm = stack(name, "tanh").weight_grad_norm
    assert low <= norm[0] / norm[-1] <= high


@pytest.mark.parametrize(
    ("name", "activation", "low", "high"),
    [
        ("standard", "relu", 0, 1e-15),
        ("standard", "tanh", 0, 1e-8),  # the error signal vanishes at the input
        ("std1", "relu", 1e40, np.inf),
        ("std1", "tanh", 1e15, np.inf),  # and explodes
        ("he", "relu", 0.2, 5),
    ],
)
def test_error_signal_ratio_first_to_last_layer(name, activation, low, high):
    norm = stack(name, activation).bias_grad_norm
    assert low <= norm[0] / norm[-1] <= high


@pytest.mark.parametrize(("width", "vanishes"), [(16, True), (256, False), (512, False)])
def test_the_fixed_range_is_wrong_at_widths_far_from_67(width, vanishes):
    var = depth_statistics("fixed", "relu", width=width, batch=32, gradients=False, rng=0).activation_var[-1]
    assert var < 1e-20 if vanishes else var > 1e20


def test_the_fixed_range_is_he_at_width_about_67():
    assert 2 / SCHEMES["fixed"].variance(67, 67) == pytest.approx(66.67, abs=0.01)
    var = depth_statistics("fixed", "relu", width=67, batch=64, gradients=False, rng=0).activation_var
    assert 0.02 < var[-1] < 5


@pytest.mark.parametrize(("width", "low", "high"), [(16, 1e-4, 100), (64, 0.01, 20), (256, 0.01, 20), (512, 0.01, 20)])
def test_he_holds_at_every_width(width, low, high):
    # 50 narrow layers each multiply the variance by a random factor near 1: at width 16 the product wanders
    var = depth_statistics("he", "relu", width=width, batch=32, gradients=False, rng=0).activation_var[-1]
    assert low < var < high


# scale_sweep --------------------------------------------------------------------------------------------


def test_scale_sweep_of_a_relu_stack_scales_by_m_squared_per_layer():
    # ReLU(c z) = c ReLU(z) for c > 0: with the same random matrices, layer l's variance scales by m^(2l)
    var = scale_sweep([1.0, 1.5, 0.5], "relu", depth=20, width=32, rng=0)
    layers = np.arange(1, 21)
    np.testing.assert_allclose(var[1], var[0] * 1.5 ** (2 * layers), rtol=1e-9)
    np.testing.assert_allclose(var[2], var[0] * 0.5 ** (2 * layers), rtol=1e-9)


def test_scale_sweep_matches_depth_statistics_with_the_same_variance():
    swept = scale_sweep([math.sqrt(2)], "relu", rng=0)[0, -1]
    direct = stack("he", "relu").activation_var[-1]
    assert 0.1 < swept / direct < 10  # different random numbers, the same regime


def test_scale_sweep_with_zero_weights_gives_zero_variance():
    assert (scale_sweep([0.0], "tanh", depth=3, width=4, rng=0) == 0).all()
