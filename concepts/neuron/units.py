"""One neuron, and a layer of neurons that read the same inputs.

`Neuron(weights, bias, activation)` computes `activation(x @ w + b)`; a `Layer` computes every neuron of
it at once with a matrix product; `forward` feeds inputs through layers in turn, and `xor_network` is two
layers of step neurons computing what no single neuron can.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from ..validation import as_finite_array, as_float_array, as_real, check_finite
from .activations import ACTIVATIONS

__all__ = ["Neuron", "Layer", "forward", "xor_network"]


def _activation(activation) -> tuple[str, Callable]:
    """The activation's name and function, from a name in ACTIVATIONS or a function."""
    if callable(activation):
        return getattr(activation, "__name__", "custom"), activation
    wanted = f"one of {sorted(ACTIVATIONS)} or a function"
    if not isinstance(activation, str):
        raise TypeError(f"activation must be {wanted}, got {type(activation).__name__}")
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be {wanted}, got {activation!r}")
    return activation, ACTIVATIONS[activation]


def _inputs(x: ArrayLike, features: int) -> np.ndarray:
    x = as_float_array(x, "x", ndim=(1, 2))
    if x.shape[-1] != features:
        raise ValueError(f"x must have {features} features in its last axis, got shape {x.shape}")
    return x


class Neuron:
    """One neuron: `activation(x @ weights + bias)`.

    Args:
        weights: shape `(features,)`, one weight per input.
        bias: a single number, added once (not once per input).
        activation: a name from `ACTIVATIONS` or a callable applied elementwise.

    Examples:
        >>> n = Neuron([0.5, -1.0, 0.25], bias=0.1, activation="tanh")
        >>> x = [1.0, 2.0, 3.0]
        >>> round(float(n.pre_activation(x)), 2), round(float(n(x)), 4)
        (-0.65, -0.5717)
    """

    def __init__(self, weights: ArrayLike, bias: float, activation: str | Callable = "sigmoid"):
        self.weights = as_finite_array(weights, "weights", ndim=1, empty_ok=False)
        self.bias = check_finite(as_real(bias, "bias"), "bias")
        self.activation_name, self.activation = _activation(activation)

    # --8<-- [start:neuron]
    def pre_activation(self, x: ArrayLike) -> np.ndarray:
        """The weighted sum plus the bias, `z = x @ w + b`: shape `()` for one
        input vector, `(batch,)` for a batch."""
        x = _inputs(x, self.weights.size)
        with np.errstate(over="ignore", invalid="ignore"):  # past float64's range: ±inf or NaN, as in PyTorch
            return x @ self.weights + self.bias

    def __call__(self, x: ArrayLike) -> np.ndarray:
        return self.activation(self.pre_activation(x))

    # --8<-- [end:neuron]

    def __repr__(self) -> str:
        return f"Neuron(weights={self.weights.tolist()}, bias={self.bias}, activation={self.activation_name!r})"


class Layer:
    """Many neurons reading the same inputs: `activation(x @ W + b)` with `W` of shape `(fan_in, fan_out)`.

    Column `j` of `W` and entry `j` of `b` are neuron `j`; `neurons()` returns them one by one, and the
    matrix product computes all of them at once. `weights` and `bias` given as float64 (or float32)
    arrays are kept, not copied: changing them in place changes the layer, as a training step does.

    Examples:
        >>> layer = Layer([[1.0, -1.0], [2.0, 0.5]], [0.0, 1.0], activation="relu")
        >>> layer([[1.0, 1.0]]).tolist()
        [[3.0, 0.5]]
        >>> [float(n([1.0, 1.0])) for n in layer.neurons()]
        [3.0, 0.5]
    """

    def __init__(self, weights: ArrayLike, bias: ArrayLike, activation: str | Callable = "sigmoid"):
        self.weights = as_finite_array(weights, "weights", ndim=2, empty_ok=False)
        self.bias = as_finite_array(bias, "bias", ndim=1)
        if self.bias.shape != (self.weights.shape[1],):
            raise ValueError(
                f"bias must have shape ({self.weights.shape[1]},) to match weights of shape "
                f"{self.weights.shape}, got {self.bias.shape}"
            )
        self.activation_name, self.activation = _activation(activation)

    # --8<-- [start:layer]
    def pre_activation(self, x: ArrayLike) -> np.ndarray:
        """Every neuron's weighted sum plus its bias at once, `z = x @ W + b`: shape `(fan_out,)` for one
        input vector, `(batch, fan_out)` for a batch."""
        x = _inputs(x, self.weights.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):  # past float64's range: ±inf or NaN, as in PyTorch
            return x @ self.weights + self.bias  # every neuron at once

    def __call__(self, x: ArrayLike) -> np.ndarray:
        return self.activation(self.pre_activation(x))

    # --8<-- [end:layer]

    def neurons(self) -> list[Neuron]:
        """The layer's neurons one by one. Their weights are views of the layer's columns: changing a
        neuron's weights changes the layer, and the other way round."""
        activation = self.activation_name if self.activation_name in ACTIVATIONS else self.activation
        return [Neuron(self.weights[:, j], float(self.bias[j]), activation) for j in range(self.weights.shape[1])]


def forward(x: ArrayLike, layers: Sequence[Layer]) -> np.ndarray:
    """Feed `x` through `layers` in order: each layer's outputs are the next layer's inputs."""
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence):
        raise TypeError(f"layers must be a list of Layer objects, got {type(layers).__name__}")
    for i, layer in enumerate(layers):
        if not isinstance(layer, Layer):
            raise TypeError(f"layers must hold Layer objects, got {type(layer).__name__} at layers[{i}]")
        if i and layer.weights.shape[0] != layers[i - 1].weights.shape[1]:
            raise ValueError(
                f"layers must chain: layers[{i}] reads {layer.weights.shape[0]} inputs, but layers[{i - 1}] "
                f"gives {layers[i - 1].weights.shape[1]} outputs"
            )
    x = as_float_array(x, "x", ndim=(1, 2))
    for layer in layers:
        x = layer(x)
    return x


def xor_network() -> list[Layer]:
    """Two layers of step neurons that compute XOR, which no single neuron can.

    Hidden neuron 1 is OR (fires if x1 + x2 >= 0.5), hidden neuron 2 is NAND (fires unless
    x1 + x2 > 1.5); the output neuron is AND of the two: XOR = OR and not AND.

    Examples:
        >>> forward([[0, 0], [0, 1], [1, 0], [1, 1]], xor_network()).ravel().tolist()
        [0.0, 1.0, 1.0, 0.0]
    """
    hidden = Layer([[1.0, -1.0], [1.0, -1.0]], [-0.5, 1.5], activation="step")
    output = Layer([[1.0], [1.0]], [-1.5], activation="step")
    return [hidden, output]
