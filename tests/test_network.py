"""concepts.network.MLP: shapes, the parameters it trains with, and its backward pass."""

import numpy as np
import pytest

from concepts.datasets import two_moons
from concepts.gradient_check import numerical_parameter_gradients
from concepts.network import HIDDEN_ACTIVATIONS, MLP


@pytest.mark.parametrize("activation", sorted(HIDDEN_ACTIVATIONS))
def test_backward_matches_central_differences(activation):
    rng = np.random.default_rng(3)
    net = MLP([3, 5, 4, 2], activation=activation, rng=1)
    x = rng.normal(size=(6, 3))
    upstream = rng.normal(size=(6, 2))
    net.forward(x)
    analytic = net.backward(upstream)
    numeric = numerical_parameter_gradients(lambda: np.sum(upstream * net.forward(x)), net.parameters())
    for a, n in zip(analytic, numeric):
        np.testing.assert_allclose(a, n, rtol=1e-6, atol=1e-8)


def test_parameters_are_the_arrays_the_network_uses():
    net = MLP([2, 3, 1], rng=0)
    x = np.array([[1.0, -1.0]])
    before = net.forward(x).copy()
    for p in net.parameters():
        p += 0.5  # in place, as an optimizer does
    assert not np.allclose(net.forward(x), before)
    assert [p.shape for p in net.parameters()] == [(2, 3), (3,), (3, 1), (1,)]


def test_output_layer_is_linear():
    net = MLP([1, 4, 1], activation="sigmoid", rng=0)
    x = np.array([[0.3]])
    hidden = 1 / (1 + np.exp(-(x @ net.weights[0] + net.biases[0])))
    expected = hidden @ net.weights[1] + net.biases[1]
    np.testing.assert_allclose(net.forward(x), expected, rtol=1e-15)


def test_default_init_is_pytorch_linear_default():
    net = MLP([400, 300, 1], rng=0)
    bound = 1 / np.sqrt(400)
    w, b = net.weights[0], net.biases[0]
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    assert w.var() == pytest.approx(bound**2 / 3, rel=0.02)  # U(-a, a) has variance a^2 / 3


def test_custom_init_sets_weights_and_zero_biases():
    net = MLP([4, 3, 2], rng=0, init=lambda fan_in, fan_out, rng: np.full((fan_in, fan_out), 0.5))
    assert all((w == 0.5).all() for w in net.weights)
    assert all((b == 0).all() for b in net.biases)


def test_same_seed_same_network():
    a, b = MLP([2, 8, 1], rng=7), MLP([2, 8, 1], rng=7)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))


def test_forward_keeps_inputs_and_pre_activations_per_layer():
    net = MLP([2, 4, 4, 1], rng=0)
    net.forward(np.ones((5, 2)))
    assert [x.shape for x in net.layer_inputs] == [(5, 2), (5, 4), (5, 4)]
    assert [z.shape for z in net.pre_activations] == [(5, 4), (5, 4), (5, 1)]


def test_training_by_gradient_descent_fits_two_moons():
    x, y = two_moons(100, noise=0.1, rng=0)
    net = MLP([2, 16, 16, 1], activation="tanh", rng=0)
    for _ in range(500):
        p = 1 / (1 + np.exp(-net.forward(x)[:, 0]))
        grads = net.backward(((p - y) / len(y))[:, None])  # binary cross-entropy through the logit
        for param, grad in zip(net.parameters(), grads):
            param -= 0.5 * grad
    accuracy = ((net.forward(x)[:, 0] > 0) == (y == 1)).mean()
    assert accuracy >= 0.97


@pytest.mark.parametrize(
    "sizes, match", [([3], "sizes"), ("23", "sizes"), ([2, 0, 1], "sizes"), ([2, 1.5, 1], "sizes"), (None, "sizes")]
)
def test_bad_sizes_are_rejected(sizes, match):
    with pytest.raises((ValueError, TypeError), match=match):
        MLP(sizes)


def test_bad_activation_init_and_inputs_are_rejected():
    with pytest.raises(ValueError, match="activation"):
        MLP([2, 1], activation="softmax")
    with pytest.raises(TypeError, match="init"):
        MLP([2, 1], init="he")
    with pytest.raises(ValueError, match="init"):
        MLP([2, 3], init=lambda fi, fo, rng: np.zeros((fo, fi)))
    net = MLP([2, 3, 1], rng=0)
    with pytest.raises(RuntimeError, match="forward"):
        net.backward(np.ones((1, 1)))
    with pytest.raises(ValueError, match="x"):
        net.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match="x"):
        net.forward(np.ones(2))
    net.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match="grad_output"):
        net.backward(np.ones((4, 2)))
    with pytest.raises(TypeError, match="rng"):
        MLP([2, 1], rng="seed")


# A stack of concepts.neuron.Layer ---------------------------------------------------------------------


def test_the_network_is_a_stack_of_neuron_layers():
    from concepts.neuron import Layer, forward

    net = MLP([3, 5, 4, 2], activation="relu", rng=0)
    assert all(isinstance(layer, Layer) for layer in net.layers)
    assert [layer.activation_name for layer in net.layers] == ["relu", "relu", "identity"]  # linear output
    x = np.random.default_rng(1).normal(size=(6, 3))
    np.testing.assert_array_equal(net.forward(x), forward(x, net.layers))


def test_weights_biases_and_parameters_are_the_layers_own_arrays():
    net = MLP([3, 4, 2], rng=0)
    for layer, w, b in zip(net.layers, net.weights, net.biases):
        assert w is layer.weights and b is layer.bias
    own = [array for layer in net.layers for array in (layer.weights, layer.bias)]
    assert all(p is q for p, q in zip(net.parameters(), own, strict=True))
    net.weights[0][0, 0] += 1.0  # in place: the layer sees it
    assert net.layers[0].weights[0, 0] == net.parameters()[0][0, 0]


def test_init_output_is_copied_once_into_the_network():
    shared = np.full((4, 3), 0.5)
    net = MLP([4, 3, 3], rng=0, init=lambda fan_in, fan_out, rng: shared[:fan_in, :fan_out])
    assert net.weights[0] is not shared and not np.shares_memory(net.weights[0], net.weights[1])
    net.weights[0] += 1.0
    assert (shared == 0.5).all()


def test_the_default_init_draws_what_pytorchs_order_draws():
    """Weights then biases, layer by layer, each U(-1/sqrt(fan_in), 1/sqrt(fan_in)): the figures depend on it."""
    rng = np.random.default_rng(5)
    expected = []
    for fan_in, fan_out in [(2, 3), (3, 1)]:
        bound = 1 / np.sqrt(fan_in)
        expected += [rng.uniform(-bound, bound, size=(fan_in, fan_out)), rng.uniform(-bound, bound, size=fan_out)]
    for mine, theirs in zip(MLP([2, 3, 1], rng=5).parameters(), expected):
        np.testing.assert_array_equal(mine, theirs)
