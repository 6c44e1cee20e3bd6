"""A small dense network with its backward pass written out, layer by layer, with the chain rule.

`MLP([2, 16, 16, 1])` is a stack of three `concepts.neuron.Layer`s: two hidden layers with the named
activation and a linear output layer. `forward` keeps what the backward pass needs (each layer's input
and pre-activation); `backward(grad_output)` takes the gradient of the loss with respect to the
network's output and returns the gradient with respect to every parameter, in the order of
`parameters()`.

Used by the learning-rate page (the LR range test), the initialization page (statistics through deep
stacks), the loss page (training curves) and the chain-rule page (backpropagation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from .neuron import Layer, leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad, tanh, tanh_grad
from .validation import as_callable, as_choice, as_finite_array, as_float_array, as_rng, as_sizes

__all__ = ["MLP", "HIDDEN_ACTIVATIONS"]

# name -> (activation, its derivative), from concepts.neuron
HIDDEN_ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "identity": (lambda z: z, lambda z: np.ones_like(z)),
}

Initializer = Callable[[int, int, np.random.Generator], np.ndarray]


def _default_init(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    """PyTorch's `nn.Linear` default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), in our (fan_in, fan_out) layout."""
    bound = 1 / np.sqrt(fan_in)
    return rng.uniform(-bound, bound, size=(fan_in, fan_out))


class MLP:
    """A multilayer perceptron: a stack of dense `concepts.neuron.Layer`s, `x @ W + b`, the named
    activation between them.

    Args:
        sizes: widths from input to output, e.g. `[2, 16, 16, 1]`; at least two entries.
        activation: hidden-layer activation, a key of `HIDDEN_ACTIVATIONS`; the output layer is linear.
        rng: a Generator, an int seed or None.
        init: optional `init(fan_in, fan_out, rng) -> (fan_in, fan_out) array` for the weights; biases
            then start at 0. By default weights and biases follow PyTorch's `nn.Linear`:
            U(-1/sqrt(fan_in), 1/sqrt(fan_in)).

    Examples:
        >>> net = MLP([2, 16, 1], activation="tanh", rng=0)
        >>> [p.shape for p in net.parameters()]
        [(2, 16), (16,), (16, 1), (1,)]
        >>> out = net.forward([[0.5, -1.0], [1.0, 2.0]])
        >>> grads = net.backward(np.ones_like(out))   # gradient of out.sum()
        >>> [g.shape for g in grads] == [p.shape for p in net.parameters()]
        True
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "tanh",
        rng: np.random.Generator | int | None = None,
        *,
        init: Initializer | None = None,
    ):
        self.sizes = as_sizes(sizes, "sizes", min_length=2)  # input and output widths at least
        as_choice(activation, "activation", HIDDEN_ACTIVATIONS)
        if init is not None:
            as_callable(init, "init")
        self.activation = activation
        self._act_grad = HIDDEN_ACTIVATIONS[activation][1]
        rng = as_rng(rng)
        self.layers: list[Layer] = []
        for i, (fan_in, fan_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            if init is None:
                w = _default_init(fan_in, fan_out, rng)
                bound = 1 / np.sqrt(fan_in)
                b = rng.uniform(-bound, bound, size=fan_out)
            else:
                w = np.array(as_finite_array(init(fan_in, fan_out, rng), "init"), dtype=np.float64)  # its own copy
                if w.shape != (fan_in, fan_out):
                    raise ValueError(f"init must return shape ({fan_in}, {fan_out}), got {w.shape}")
                b = np.zeros(fan_out)
            hidden = i < len(self.sizes) - 2
            self.layers.append(Layer(w, b, activation if hidden else "identity"))  # the output layer is linear
        self.layer_inputs: list[np.ndarray] = []  # after forward: the input of each layer
        self.pre_activations: list[np.ndarray] = []  # after forward: z = x @ W + b of each layer

    @property
    def weights(self) -> list[np.ndarray]:
        """Each layer's `W`, shape `(fan_in, fan_out)`: the arrays the layers compute with (a new list each
        time: change the arrays in place, or replace one with `layers[i].weights = ...`)."""
        return [layer.weights for layer in self.layers]

    @property
    def biases(self) -> list[np.ndarray]:
        """Each layer's `b`, shape `(fan_out,)`: the arrays the layers compute with (as for `weights`)."""
        return [layer.bias for layer in self.layers]

    def parameters(self) -> list[np.ndarray]:
        """`[W1, b1, W2, b2, ...]`: the arrays the network computes with, so updating them in place trains it."""
        return [p for layer in self.layers for p in (layer.weights, layer.bias)]

    def __call__(self, x: ArrayLike) -> np.ndarray:
        return self.forward(x)

    def forward(self, x: ArrayLike) -> np.ndarray:
        """The output for a batch `x` of shape `(batch, sizes[0])`: shape `(batch, sizes[-1])`."""
        h = as_float_array(x, "x", ndim=2, empty_ok=False)
        if h.shape[1] != self.sizes[0]:
            raise ValueError(f"x must have shape (batch, {self.sizes[0]}), got {h.shape}")
        # Kept for the backward pass, which needs each layer's input (for x.T @ g) and z (for f'(z)): batch × width
        # numbers per layer and array, the memory cost of backpropagation (concepts.chain_rule.saved_floats).
        inputs, pre_activations = [], []
        with np.errstate(over="ignore", invalid="ignore"):  # past float64's range: ±inf or NaN, as in PyTorch
            for layer in self.layers:
                inputs.append(h)
                z = h @ layer.weights + layer.bias  # layer.pre_activation(h), h checked once above
                pre_activations.append(z)
                h = layer.activation(z)  # the output layer's is the identity
        self.layer_inputs, self.pre_activations = inputs, pre_activations
        return h

    def backward(self, grad_output: ArrayLike) -> list[np.ndarray]:
        """Gradients of the loss with respect to `[W1, b1, W2, b2, ...]`, given `grad_output` = dL/d(output).

        The chain rule, one layer at a time from the last: with `z = x @ W + b` and upstream gradient
        `g = dL/dz`, the layer's gradients are `dL/dW = x.T @ g`, `dL/db = g.sum(axis=0)`, and the
        gradient passed down is `dL/dx = g @ W.T`, multiplied by the previous activation's derivative.
        """
        if not self.pre_activations:
            raise RuntimeError("call forward(x) before backward(grad_output)")
        g = as_float_array(grad_output, "grad_output", ndim=2)
        expected = self.pre_activations[-1].shape
        if g.shape != expected:
            raise ValueError(f"grad_output must have the output's shape {expected}, got {g.shape}")
        grads: list[np.ndarray] = []
        # --8<-- [start:backward]
        for i in range(len(self.layers) - 1, -1, -1):  # last layer first
            grads.append(g.sum(axis=0))  # dL/db: g summed over the batch, each column alike (equal columns, equal sums)
            grads.append(self.layer_inputs[i].T @ g)  # dL/dW = x.T @ g
            if i > 0:  # dL/dz one layer down: back through W, then the activation
                g = g @ self.layers[i].weights.T
                g *= self._act_grad(self.pre_activations[i - 1])
        # --8<-- [end:backward]
        return grads[::-1]

    def __repr__(self) -> str:
        return f"MLP({self.sizes}, activation={self.activation!r})"
