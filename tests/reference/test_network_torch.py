"""concepts.network.MLP against PyTorch autograd: same parameters, same loss, gradients equal to 1e-10."""

import numpy as np
import pytest

from concepts.network import MLP

TORCH_ACTIVATIONS = {"tanh": "tanh", "relu": "relu", "sigmoid": "sigmoid", "leaky_relu": "nn.functional.leaky_relu"}


def torch_function(torch, path: str):
    function = torch
    for part in path.split("."):
        function = getattr(function, part)
    return function


@pytest.mark.parametrize("activation", sorted(TORCH_ACTIVATIONS))
@pytest.mark.parametrize("sizes", [[2, 16, 16, 1], [5, 7, 3], [3, 4, 4, 4, 4, 2]])
def test_mlp_gradients_equal_pytorch_autograd(torch, activation, sizes):
    rng = np.random.default_rng(0)
    net = MLP(sizes, activation=activation, rng=1)
    x = rng.normal(size=(9, sizes[0]))
    target = rng.normal(size=(9, sizes[-1]))

    out = net.forward(x)
    ours = net.backward(2 * (out - target) / out.size)  # gradient of the mean squared error

    params = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in net.parameters()]
    act = torch_function(torch, TORCH_ACTIVATIONS[activation])
    h = torch.tensor(x)
    for i in range(0, len(params), 2):
        h = h @ params[i] + params[i + 1]
        if i + 2 < len(params):
            h = act(h)
    loss = torch.mean((h - torch.tensor(target)) ** 2)
    loss.backward()

    np.testing.assert_allclose(out, h.detach().numpy(), rtol=1e-12, atol=1e-12)
    for mine, theirs in zip(ours, params):
        np.testing.assert_allclose(mine, theirs.grad.numpy(), rtol=1e-10, atol=1e-12)
