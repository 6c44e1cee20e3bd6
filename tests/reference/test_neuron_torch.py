"""concepts.neuron against PyTorch: activation values, autograd gradients, and Neuron/Layer forwards.

Tolerances are a few units in the last place of the dtype. Where PyTorch's backward formulas
(`(1 - y) * y` for sigmoid, `1 - y**2` for tanh) round to 0 in the tails, ours keep their digits
(sigmoid'(50) = 1.9e-22, not 0), so gradients also get an absolute tolerance of a few eps.
"""

import functools
import sys

import numpy as np
import pytest

from concepts.neuron import (
    ACTIVATIONS,
    Layer,
    Neuron,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)

SPECIAL = [0.0, -0.0, 1e-8, -1e-8, 1.0, -1.0, 50.0, -50.0, 1e4, -1e4]  # kinks, tails and overflow territory
DTYPES = ["float64", "float32"]
CASES = {  # name: ours, our gradient, PyTorch's function (a path under `torch`), keyword arguments of both
    "sigmoid": (sigmoid, sigmoid_grad, "sigmoid", {}),
    "tanh": (tanh, tanh_grad, "tanh", {}),
    "relu": (relu, relu_grad, "relu", {}),
    "leaky_relu": (leaky_relu, leaky_relu_grad, "nn.functional.leaky_relu", {}),  # both default to 0.01
    "leaky_relu-slope-0": (leaky_relu, leaky_relu_grad, "nn.functional.leaky_relu", {"negative_slope": 0.0}),
    "leaky_relu-slope-0.2": (leaky_relu, leaky_relu_grad, "nn.functional.leaky_relu", {"negative_slope": 0.2}),
    "leaky_relu-slope-3": (leaky_relu, leaky_relu_grad, "nn.functional.leaky_relu", {"negative_slope": 3.0}),
}


def inputs(dtype: str) -> np.ndarray:
    normal = np.random.default_rng(0).normal(scale=5.0, size=200)
    return np.concatenate([SPECIAL, normal]).astype(dtype)


def tolerance(dtype: str) -> dict:
    eps = float(np.finfo(dtype).eps)
    return {"rtol": 4 * eps, "atol": 4 * eps}


def summed(dtype: str) -> dict:
    """A sum of a few products may be added up in another order by PyTorch: a few more eps."""
    eps = float(np.finfo(dtype).eps)
    return {"rtol": 16 * eps, "atol": 16 * eps}


def resolve(torch, path: str):
    return functools.reduce(getattr, path.split("."), torch)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", CASES)
def test_activation_values_equal_pytorch(torch, name, dtype):
    ours, _, theirs, kwargs = CASES[name]
    z = inputs(dtype)
    out = ours(z, **kwargs)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, resolve(torch, theirs)(torch.from_numpy(z), **kwargs).numpy(), **tolerance(dtype))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", CASES)
def test_grad_equals_pytorch_autograd_of_the_sum(torch, name, dtype):
    _, ours_grad, theirs, kwargs = CASES[name]
    z = inputs(dtype)
    t = torch.from_numpy(z.copy()).requires_grad_()
    resolve(torch, theirs)(t, **kwargs).sum().backward()
    grad = ours_grad(z, **kwargs)
    assert grad.dtype == dtype
    np.testing.assert_allclose(grad, t.grad.numpy(), **tolerance(dtype))


def test_kink_gradients_follow_pytorch(torch):
    F = torch.nn.functional
    zero = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    torch.relu(zero).sum().backward()
    assert relu_grad(0.0) == zero.grad.item() == 0.0
    zero.grad = None
    F.leaky_relu(zero, negative_slope=0.2).sum().backward()
    assert leaky_relu_grad(0.0, 0.2) == zero.grad.item() == 0.2


def torch_activation(torch, name):
    """PyTorch's function for each name in ACTIVATIONS."""
    return {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": torch.nn.functional.leaky_relu,
        "identity": lambda t: t,
        "step": lambda t: torch.heaviside(t, torch.ones((), dtype=t.dtype)),
    }[name]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_layer_equals_pytorch_linear_with_transposed_weights(torch, activation, dtype):
    rng = np.random.default_rng(1)
    weights, bias = rng.normal(size=(5, 3)).astype(dtype), rng.normal(size=3).astype(dtype)
    x = rng.normal(size=(8, 5)).astype(dtype)
    expected = torch_activation(torch, activation)(
        torch.nn.functional.linear(torch.from_numpy(x), torch.from_numpy(weights.T.copy()), torch.from_numpy(bias))
    )
    out = Layer(weights, bias, activation)(x)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, expected.numpy(), **summed(dtype))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_neuron_equals_pytorch_linear_with_one_output(torch, activation, dtype):
    rng = np.random.default_rng(2)
    weights, bias = rng.normal(size=4).astype(dtype), float(rng.normal())
    x = rng.normal(size=(6, 4)).astype(dtype)
    one_row = torch.from_numpy(weights[None, :].copy())  # torch's (out, in) layout, out = 1
    z = torch.nn.functional.linear(torch.from_numpy(x), one_row, torch.tensor([bias], dtype=one_row.dtype))
    out = Neuron(weights, bias, activation)(x)
    assert out.shape == (6,)
    np.testing.assert_allclose(out, torch_activation(torch, activation)(z).numpy()[:, 0], **summed(dtype))


def test_missing_torch_skips_with_the_reason(request, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` raise ImportError
    monkeypatch.delenv("REQUIRE_TORCH", raising=False)
    with pytest.raises(pytest.skip.Exception, match="`make torch` installs the CPU build"):
        request.getfixturevalue("torch")


def test_missing_torch_fails_when_required(request, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    monkeypatch.setenv("REQUIRE_TORCH", "1")
    with pytest.raises(pytest.fail.Exception, match="PyTorch is not installed"):
        request.getfixturevalue("torch")


@pytest.mark.parametrize("slope", [1e200, -1e308, 1e308], ids=lambda v: f"{v:g}")
def test_leaky_relu_with_a_huge_slope_equals_pytorch_quietly(torch, slope):
    """float64: the product past the range is ±inf in both, 0 stays 0, and nothing warns. (PyTorch
    refuses such a slope for a float32 tensor; ours rounds the product to float32, tested in tests/neuron.)"""
    z = np.array([-1e200, -1.0, -1e-300, 0.0, 2.0])
    t = torch.from_numpy(z.copy()).requires_grad_()
    expected = torch.nn.functional.leaky_relu(t, slope)
    expected.sum().backward()
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(leaky_relu(z, slope), expected.detach().numpy())
        np.testing.assert_array_equal(leaky_relu_grad(z, slope), t.grad.numpy())


def test_weighted_sums_past_the_float_range_equal_pytorch_linear_quietly(torch):
    """±inf where the sum passes 1.8e308, NaN for inf - inf and for inf times a zero weight, no warning."""
    weights, bias = np.array([[1e308, 1e308, 0.0], [1e308, -1e308, 1.0]]), np.array([0.0, 1e308, 0.0])
    x = np.array([[1.0, 1.0], [1.0, -1.0], [np.inf, 0.0], [-1.0, -1.0]])
    expected = torch.nn.functional.linear(
        torch.from_numpy(x), torch.from_numpy(weights.T.copy()), torch.from_numpy(bias)
    ).numpy()
    with np.errstate(all="raise"):
        layer = Layer(weights, bias, "identity")
        np.testing.assert_array_equal(layer(x), expected)
        for j, unit in enumerate(layer.neurons()):
            np.testing.assert_array_equal(unit(x), expected[:, j])
