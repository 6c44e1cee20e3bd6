"""Tests for concepts.chain_rule: the wrong update order, gradients through depth, the cost of a gradient."""

import copy

import numpy as np
import pytest

from concepts.chain_rule import (
    backprop_cost,
    deep_stack,
    demo_loss,
    demo_problem,
    layer_gradient_norms,
    saved_floats,
    update_last_layer_first,
)
from concepts.network import MLP

# The wrong order: update the last layer first -------------------------------------------------------


def test_updating_the_last_layer_first_changes_every_earlier_gradient():
    net, x, y = demo_problem(rng=0)
    _, _, true = demo_loss(net, x, y)
    used = update_last_layer_first(copy.deepcopy(net), x, y, lr=0.1)
    differences = [np.linalg.norm(u - t) / np.linalg.norm(t) for u, t in zip(used[::2], true[::2])]
    assert differences[-1] == 0.0  # the last layer's is computed first, at the true point
    assert all(d > 0.01 for d in differences[:-1])


def test_updating_as_you_go_costs_one_pass_per_layer(monkeypatch):
    net, x, y = demo_problem(rng=0)
    calls = []
    original = MLP.backward
    monkeypatch.setattr(MLP, "backward", lambda self, g: calls.append(1) or original(self, g))
    update_last_layer_first(net, x, y, lr=0.1)
    assert len(calls) == len(net.weights)


def test_with_a_tiny_step_the_wrong_order_approaches_the_gradient():
    net, x, y = demo_problem(rng=0)
    _, _, true = demo_loss(net, x, y)
    used = update_last_layer_first(copy.deepcopy(net), x, y, lr=1e-6)
    for u, t in zip(used, true):
        np.testing.assert_allclose(u, t, rtol=1e-3, atol=1e-6)


# Depth -----------------------------------------------------------------------------------------------


def deep_norms(activation: str, scaled: bool = True) -> np.ndarray:
    rng = np.random.default_rng(1)
    x, upstream = rng.normal(size=(128, 64)), rng.normal(size=(128, 64)) / 128
    return layer_gradient_norms(deep_stack(activation, 20, 64, rng=0, scaled=scaled), x, upstream)


def test_sigmoid_gradients_vanish_by_about_four_per_layer():
    norms = deep_norms("sigmoid")
    assert norms[0] / norms[-1] < 1e-10
    per_layer = (norms[0] / norms[-1]) ** (1 / 19)
    assert 0.15 < per_layer < 0.3


def test_relu_with_he_init_keeps_gradients_at_scale_and_the_default_init_does_not():
    he = deep_norms("relu")
    assert 0.1 < he[0] / he[-1] < 10
    assert deep_norms("relu", scaled=False)[0] / he[0] < 1e-4


def test_deep_stack_shapes_and_bad_activation():
    net = deep_stack("tanh", 3, 5, rng=0)
    assert net.sizes == [5, 5, 5, 5]
    with pytest.raises(ValueError, match="activation"):
        deep_stack("softmax", 3, 5)


# The cost of a gradient ------------------------------------------------------------------------------


def test_backprop_cost_counts_the_matrix_products():
    cost = backprop_cost([2, 16, 16, 1], batch=100)
    assert cost.parameters == sum(p.size for p in MLP([2, 16, 16, 1], rng=0).parameters())
    assert cost.forward == 100 * (2 * 16 + 16 * 16 + 16)
    assert cost.backward == 100 * (2 * (2 * 16 + 16 * 16 + 16) - 2 * 16)
    assert cost.finite_differences == 2 * cost.parameters * cost.forward


@pytest.mark.parametrize("width", [64, 256, 1024])
def test_backward_costs_about_twice_a_forward_pass_at_every_width(width):
    cost = backprop_cost([2, width, width, 1], batch=100)
    assert 1.9 < cost.backward / cost.forward < 2.0
    assert cost.finite_differences / cost.forward == 2 * cost.parameters


# The memory of a gradient ----------------------------------------------------------------------------


def test_saved_floats_counts_each_layers_input_and_pre_activation():
    net = MLP([2, 16, 16, 1], rng=0)
    x = np.zeros((100, 2))
    net.forward(x)
    assert saved_floats(net) == 100 * ((2 + 16 + 16) + (16 + 16 + 1))
    assert saved_floats(net) == sum(a.size for a in net.layer_inputs) + sum(z.size for z in net.pre_activations)


@pytest.mark.parametrize("depth, batch, width", [(2, 8, 4), (4, 8, 4), (4, 16, 4), (4, 16, 8)])
def test_saved_floats_grow_with_depth_times_batch_times_width(depth, batch, width):
    net = MLP([width] * (depth + 1), rng=0)
    net.forward(np.zeros((batch, width)))
    assert saved_floats(net) == 2 * depth * batch * width


def test_the_parameters_do_not_grow_with_the_batch_the_saved_floats_do():
    net = MLP([8, 8, 8], rng=0)
    parameters = sum(p.size for p in net.parameters())
    counts = []
    for batch in (10, 20, 40):
        net.forward(np.zeros((batch, 8)))
        counts.append(saved_floats(net))
    assert counts == [counts[0], 2 * counts[0], 4 * counts[0]]
    assert sum(p.size for p in net.parameters()) == parameters


# Bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: backprop_cost([2], batch=10), ValueError, "sizes"),
        (lambda: backprop_cost([2, 3], batch=0), ValueError, "batch"),
        (lambda: deep_stack("relu", 0, 4), ValueError, "depth"),
        (lambda: update_last_layer_first(MLP([2, 1], rng=0), np.ones((2, 2)), [1, -1], lr="big"), TypeError, "lr"),
        (lambda: saved_floats("net"), TypeError, "net"),
        (lambda: saved_floats(MLP([2, 1], rng=0)), RuntimeError, "forward"),
        (lambda: backprop_cost(None, batch=10), TypeError, "sizes"),
        (lambda: backprop_cost([2, "a"], batch=10), TypeError, "sizes"),
        (lambda: deep_stack(["relu"], 3, 4), TypeError, "activation"),
        (lambda: deep_stack("relu", 3, 4, scaled="yes"), TypeError, "scaled"),
        (lambda: deep_stack("relu", 3, 4, rng=-1), ValueError, "rng"),
        (lambda: update_last_layer_first(None, np.ones((2, 2)), [1, -1], lr=0.1), TypeError, "net"),
        (lambda: update_last_layer_first(MLP([2, 1], rng=0), np.ones((2, 2)), [1, -1], lr=np.nan), ValueError, "lr"),
        (lambda: update_last_layer_first(MLP([3, 1], rng=0), np.ones((2, 2)), [1, -1], lr=0.1), ValueError, "net"),
        (lambda: layer_gradient_norms(None, np.ones((2, 2)), np.ones((2, 1))), TypeError, "net"),
        (lambda: layer_gradient_norms(MLP([2, 1], rng=0), np.ones((0, 2)), np.ones((0, 1))), ValueError, "x"),
        (lambda: layer_gradient_norms(MLP([2, 1], rng=0), np.ones((2, 2)), np.ones((3, 1))), ValueError, "grad_output"),
    ],
)
def test_bad_input_is_rejected_with_the_argument_named(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_update_last_layer_first_moves_nothing_when_an_argument_is_refused():
    net, x, y = demo_problem(rng=0)
    before = [p.copy() for p in net.parameters()]
    with pytest.raises(ValueError, match="y"):
        update_last_layer_first(net, x, y[:10], lr=0.1)
    assert all(np.array_equal(p, q) for p, q in zip(net.parameters(), before))


# Valid extremes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1e200, 1e-200])
def test_gradient_norms_scale_with_the_gradient_even_where_their_squares_do_not_fit_a_float(scale):
    """np.linalg.norm squares the entries: 1e200 overflowed (with a warning) and 1e-200 gave 0."""
    net = MLP([2, 3, 3, 1], "tanh", rng=0)
    x = np.array([[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8]])
    plain = layer_gradient_norms(net, x, np.ones((3, 1)))
    scaled = layer_gradient_norms(net, x, np.full((3, 1), scale))
    np.testing.assert_allclose(scaled, scale * plain, rtol=1e-14)


def test_gradient_norms_of_the_page_are_numpys():
    """Where nothing overflows, the norms are np.linalg.norm's to the last bit (the figure's numbers)."""
    net = deep_stack("sigmoid", depth=5, width=8, rng=0)
    x, upstream = np.random.default_rng(1).normal(size=(16, 8)), np.ones((16, 8)) / 16
    net.forward(x)
    expected = [np.linalg.norm(g) for g in net.backward(upstream)[::2]]
    np.testing.assert_array_equal(layer_gradient_norms(net, x, upstream), expected)


def test_backprop_cost_of_a_huge_network_is_exact():
    cost = backprop_cost([10**6] * 4, batch=10**6)
    assert cost.forward == 10**6 * 3 * 10**12 and cost.finite_differences == 2 * cost.parameters * cost.forward
