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


@pytest.mark.parametrize("sizes, match", [([3], "sizes"), ("23", "sizes"), ([2, 0, 1], "sizes"),
                                          ([2, 1.5, 1], "sizes"), (None, "sizes")])
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


# Speed-minded internals: the parameters share one vector, relu skips the argument checks --------------

def test_parameters_are_views_of_one_vector_that_writes_through():
    net = MLP([3, 4, 2], rng=0)
    flat = net._flat_parameters()
    assert flat is not None and flat.size == sum(p.size for p in net.parameters())
    np.testing.assert_array_equal(flat, np.concatenate([p.ravel() for p in net.parameters()]))
    flat += 1.0
    assert net.weights[0][0, 0] == flat[0] and net.biases[-1][-1] == flat[-1]


def test_replacing_or_copying_parameters_drops_the_shared_vector():
    import copy

    assert copy.deepcopy(MLP([3, 4, 2], rng=0))._flat_parameters() is None  # copies are separate arrays
    net = MLP([3, 4, 2], rng=0)
    x = np.ones((2, 3))
    before = net.forward(x).copy()
    net.weights[0] = net.weights[0] + 1.0  # a new array: the network uses it, the vector no longer covers it
    assert net._flat_parameters() is None
    assert not np.allclose(net.forward(x), before)
    assert net.parameters()[0] is net.weights[0]


def test_relu_network_uses_the_values_of_concepts_neuron():
    from concepts.neuron import relu, relu_grad

    net = MLP([3, 5, 2], activation="relu", rng=0)
    z = np.array([[-1.0, -0.0, 0.0, 2.0, np.nan]])
    np.testing.assert_array_equal(net._act(z), relu(z))
    np.testing.assert_array_equal(net._act_grad(z) * 1.0, relu_grad(z))
    z32 = z.astype(np.float32)
    assert net._act(z32).dtype == np.float32
    np.testing.assert_array_equal(net._act(z32), relu(z32))
