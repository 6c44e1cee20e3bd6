"""Backpropagation through a whole network: the order of the updates, the depth, the cost.

`update_last_layer_first` is the wrong way round of the misconception that the last layer must be
updated before the earlier ones can be; `deep_stack` and `layer_gradient_norms` watch gradients
vanish through depth; `backprop_cost` counts the arithmetic of a forward pass, a backward pass and
finite differences, and `saved_floats` the memory the forward pass keeps for the backward pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ..initialization import calculate_gain, kaiming_normal, xavier_normal
from ..network import HIDDEN_ACTIVATIONS, MLP
from ..validation import as_choice, as_finite_array, as_flag, as_positive, as_positive_int, as_rng, as_sizes
from .micrograd_demo import DEMO_ALPHA, demo_loss

__all__ = [
    "update_last_layer_first",
    "deep_stack",
    "layer_gradient_norms",
    "backprop_cost",
    "BackpropCost",
    "saved_floats",
]


def update_last_layer_first(
    net: MLP, x: ArrayLike, y: ArrayLike, lr: float, alpha: float = DEMO_ALPHA
) -> list[np.ndarray]:
    """The wrong procedure: update the last layer, then compute the next layer's gradient, and so on.

    On micrograd's demo loss (`concepts.micrograd_demo.demo_loss`).

    Each layer's gradient is computed after the layers above it have already moved, so it is the
    gradient at a point where the network no longer is, and it costs one forward and backward pass per
    layer instead of one in all. Updates `net` in place; returns the gradients it used, in the order of
    `parameters()`. Backpropagation computes every gradient first, at the same weights, then updates.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    lr = as_positive(lr, "lr", zero_allowed=True)
    params = net.parameters()
    used: list[np.ndarray] = [np.empty(0)] * len(params)
    for layer in reversed(range(len(params) // 2)):
        # a fresh forward and backward pass each time; the first checks net, x, y and alpha (demo_loss's
        # arguments of the same names) before any weight moves
        _, _, grads = demo_loss(net, x, y, alpha)
        with np.errstate(over="ignore", invalid="ignore"):  # a huge lr diverges quietly, as demo_step does
            for k in (2 * layer, 2 * layer + 1):
                used[k] = grads[k]
                params[k] -= lr * grads[k]
    return used


def deep_stack(
    activation: str, depth: int, width: int, rng: np.random.Generator | int | None = None, *, scaled: bool = True
) -> MLP:
    """`depth` square layers of `width` units, for watching gradients through depth.

    With `scaled=True` the weights follow the initialization made for the activation, so that the
    curves differ by the activations' slopes, not by the scale of the weights: He's
    `kaiming_normal` for ReLU (He et al. 2015), `xavier_normal` with PyTorch's gain for sigmoid and
    tanh (Glorot and Bengio 2010); biases start at 0. With `scaled=False` they keep `MLP`'s default,
    PyTorch's `nn.Linear` initialization.
    """
    activation = as_choice(activation, "activation", HIDDEN_ACTIVATIONS)
    depth, width = as_positive_int(depth, "depth"), as_positive_int(width, "width")
    rng, scaled = as_rng(rng), as_flag(scaled, "scaled")
    init = None
    if scaled and activation in ("relu", "leaky_relu"):

        def init(fan_in, fan_out, rng):
            return kaiming_normal(fan_in, fan_out, nonlinearity=activation, rng=rng)
    elif scaled:
        gain = calculate_gain(activation if activation in ("sigmoid", "tanh") else "linear")

        def init(fan_in, fan_out, rng):
            return xavier_normal(fan_in, fan_out, gain, rng=rng)

    return MLP([width] * (depth + 1), activation=activation, rng=rng, init=init)


def layer_gradient_norms(net: MLP, x: ArrayLike, grad_output: ArrayLike) -> np.ndarray:
    """The size of each layer's weight gradient, `||dL/dW||` (Frobenius), input side first.

    `grad_output` is dL/d(output) for the batch `x`, as for `MLP.backward`.

    Examples:
        >>> net = deep_stack("sigmoid", depth=10, width=32, rng=0)
        >>> x = np.random.default_rng(1).normal(size=(64, 32))
        >>> norms = layer_gradient_norms(net, x, np.ones((64, 32)) / 64)
        >>> bool(norms[0] < 1e-4 * norms[-1])  # the first layer gets almost nothing
        True
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    x = as_finite_array(x, "x", ndim=2, empty_ok=False)
    if x.shape[1] != net.sizes[0]:
        raise ValueError(f"x must have {net.sizes[0]} columns, the input width of net, got shape {x.shape}")
    grad_output = as_finite_array(grad_output, "grad_output", ndim=2)
    if grad_output.shape != (len(x), net.sizes[-1]):
        raise ValueError(
            f"grad_output must have the shape of net's output for x, {(len(x), net.sizes[-1])}, got {grad_output.shape}"
        )
    with np.errstate(over="ignore", invalid="ignore"):  # huge inputs overflow quietly, as in PyTorch
        net.forward(x)
        grads = net.backward(grad_output)
    return np.array([_norm(g) for g in grads[::2]])


def _norm(g: np.ndarray) -> float:
    """`np.linalg.norm(g)`, and where its sum of squares overflows or underflows, the norm of `g / max|g|`
    times `max|g|`: finite (and not 0) wherever the true norm is."""
    with np.errstate(over="ignore", under="ignore"):
        norm = float(np.linalg.norm(g))
        if (norm == 0.0 or not np.isfinite(norm)) and np.isfinite(g).all() and g.any():
            largest = float(np.abs(g).max())
            norm = largest * float(np.linalg.norm(g / largest))
    return norm


class BackpropCost(NamedTuple):
    """Multiply-adds in the matrix products of one gradient computation, by each method."""

    parameters: int
    forward: int
    backward: int
    finite_differences: int


def backprop_cost(sizes: Sequence[int], batch: int) -> BackpropCost:
    """The arithmetic of a forward pass, a backward pass and central differences on an `MLP(sizes)`.

    A layer with `W` of shape `(m, n)` costs `batch * m * n` multiply-adds forward (`x @ W`); backward
    it costs that for `dL/dW = x.T @ g` and again for `dL/dx = g @ W.T`, except in the first layer,
    whose input needs no gradient. Central differences run the forward pass twice per parameter.
    The elementwise work (activations, biases) grows only as `batch * width` and is left out.

    Examples:
        >>> cost = backprop_cost([2, 16, 16, 1], batch=100)
        >>> cost.parameters, round(cost.backward / cost.forward, 2)
        (337, 1.89)
    """
    sizes = as_sizes(sizes, "sizes", min_length=2)
    batch = as_positive_int(batch, "batch")
    products = [m * n for m, n in zip(sizes[:-1], sizes[1:])]
    parameters = sum(products) + sum(sizes[1:])
    forward = batch * sum(products)
    backward = batch * (2 * sum(products) - products[0])
    return BackpropCost(parameters, forward, backward, 2 * parameters * forward)


def saved_floats(net: MLP) -> int:
    """How many numbers `net.forward` kept for the backward pass: each layer's input and pre-activation.

    The backward pass needs each layer's input `x` for `dL/dW = x.T @ g` and its pre-activation `z`
    for the activation's slope `f'(z)`, so the forward pass keeps both until the backward pass is done
    (PyTorch's autograd keeps its "saved tensors" in the same way). That is `batch * width` numbers per
    layer and per array: the memory grows with depth × batch × width, while the parameters do not
    depend on the batch.

    Examples:
        >>> net = MLP([64, 64, 64], rng=0)
        >>> _ = net.forward(np.zeros((128, 64)))
        >>> saved_floats(net), sum(p.size for p in net.parameters())  # 2 layers × 2 arrays × 128 × 64
        (32768, 8320)
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    if not net.pre_activations:
        raise RuntimeError("call net.forward(x) first: saved_floats counts what it kept")
    return sum(a.size for a in net.layer_inputs + net.pre_activations)
