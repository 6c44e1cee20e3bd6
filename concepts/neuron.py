"""A neuron: a weighted sum of the inputs, plus a bias, passed through an activation function.

`output = activation(x @ w + b)`. Everything on the neuron page is computed here: the activations and
their derivatives, a `Neuron`, a `Layer` of neurons sharing their inputs, the threshold unit of
McCulloch and Pitts (1943) and Rosenblatt's `Perceptron` (1958) with its learning rule.

Convention: for an elementwise function `f`, `f_grad(z)` is the derivative `f'(z)` at every element,
which is also the gradient of `f(z).sum()` with respect to `z`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from .validation import as_float_array, as_positive_int, as_real, as_rng, check_finite

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "relu",
    "relu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "step",
    "ACTIVATIONS",
    "Neuron",
    "Layer",
    "forward",
    "xor_network",
    "mcculloch_pitts",
    "Perceptron",
]


def sigmoid(z: ArrayLike) -> np.ndarray:
    """The logistic function `1 / (1 + exp(-z))`, squashing any real number into (0, 1).

    Same definition and formula as `torch.sigmoid`. Where `exp(-z)` overflows (z below about -709 in
    float64, -88 in float32) the result is exactly 0, as it should be, so `z = ±1e4` gives exactly 1
    and 0. (The form `e / (1 + e)` with `e = exp(z)` avoids the overflow but rounds twice, and then a
    larger z can give a smaller result by one unit in the last place; in float64 this one never does.)

    Examples:
        >>> float(sigmoid(0.0)), float(sigmoid(1e4)), float(sigmoid(-1e4))
        (0.5, 1.0, 0.0)
    """
    # --8<-- [start:sigmoid]
    z = as_float_array(z, "z")
    with np.errstate(over="ignore"):  # exp(-z) = inf gives 1 / inf = 0, exactly right
        return 1 / (1 + np.exp(-z))
    # --8<-- [end:sigmoid]


def sigmoid_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of `sigmoid`: `sigmoid(z) * sigmoid(-z)`, at most 1/4 (at z = 0).

    The form `s * (1 - s)` loses every digit for large z, where `1 - s` rounds to 0; this one does not.
    Both factors come from the same `e = exp(-|z|)`, which keeps the rounded result at most 1/4.

    Examples:
        >>> float(sigmoid_grad(0.0))
        0.25
    """
    # --8<-- [start:sigmoid_grad]
    e = np.exp(-np.abs(as_float_array(z, "z")))  # in [0, 1]: never overflows
    return (1 / (1 + e)) * (e / (1 + e))  # sigmoid(|z|) * sigmoid(-|z|)
    # --8<-- [end:sigmoid_grad]


def tanh(z: ArrayLike) -> np.ndarray:
    """The hyperbolic tangent, squashing into (-1, 1); `tanh(z) = 2 * sigmoid(2z) - 1`.

    Examples:
        >>> float(tanh(0.0)), float(tanh(1e4))
        (0.0, 1.0)
    """
    return np.tanh(as_float_array(z, "z"))


def tanh_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of `tanh`: `1 - tanh(z)**2`, at most 1 (at z = 0).

    Computed as `4e / (1 + e)**2` with `e = exp(-2|z|)`, which keeps full precision in the tails, in
    the form `4 * (1 / (1 + e)) * (e / (1 + e))`: written as `4 * e / (1 + e)**2` it rounds above 1
    for some z near 0.

    Examples:
        >>> float(tanh_grad(0.0))
        1.0
    """
    e = np.exp(-np.abs(as_float_array(z, "z"))) ** 2  # exp(-2|z|); 2|z| itself overflows at |z| = 1e308
    return 4 * (1 / (1 + e)) * (e / (1 + e))


def relu(z: ArrayLike) -> np.ndarray:
    """Rectified linear unit `max(z, 0)` (Nair and Hinton 2010); same as `torch.relu`.

    Examples:
        >>> relu([-2.0, 0.0, 3.0]).tolist()
        [0.0, 0.0, 3.0]
    """
    z = as_float_array(z, "z")
    return np.maximum(z, np.zeros((), z.dtype))


def relu_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of `relu`: 1 where z > 0, else 0 (0 at the kink, as PyTorch's autograd takes it).

    Examples:
        >>> relu_grad([-2.0, 0.0, 3.0]).tolist()
        [0.0, 0.0, 1.0]
    """
    z = as_float_array(z, "z")
    return (z > 0).astype(z.dtype)


def _slope(negative_slope) -> float:
    return check_finite(as_real(negative_slope, "negative_slope"), "negative_slope")


def leaky_relu(z: ArrayLike, negative_slope: float = 0.01) -> np.ndarray:
    """`z` where z > 0, else `negative_slope * z`; PyTorch's `leaky_relu` with its default slope.

    Examples:
        >>> leaky_relu([-2.0, 3.0]).tolist()
        [-0.02, 3.0]
    """
    z = as_float_array(z, "z")
    return np.where(z > 0, z, z * z.dtype.type(_slope(negative_slope)))


def leaky_relu_grad(z: ArrayLike, negative_slope: float = 0.01) -> np.ndarray:
    """Derivative of `leaky_relu`: 1 where z > 0, else `negative_slope` (also at the kink, as PyTorch).

    Examples:
        >>> leaky_relu_grad([-2.0, 0.0, 3.0], negative_slope=0.1).tolist()
        [0.1, 0.1, 1.0]
    """
    z = as_float_array(z, "z")
    return np.where(z > 0, 1, _slope(negative_slope)).astype(z.dtype)


def step(z: ArrayLike) -> np.ndarray:
    """The Heaviside step: 1 where z >= 0, else 0. The perceptron's activation; it has no useful
    derivative (0 almost everywhere), which is why gradient training needs smooth activations.

    Examples:
        >>> step([-0.1, 0.0, 0.1]).tolist()
        [0.0, 1.0, 1.0]
    """
    z = as_float_array(z, "z")
    return (z >= 0).astype(z.dtype)


ACTIVATIONS: dict[str, Callable] = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "step": step,
    "identity": lambda z: as_float_array(z, "z"),
}


def _activation(activation) -> tuple[str, Callable]:
    if callable(activation):
        return getattr(activation, "__name__", "custom"), activation
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)} or a callable, got {activation!r}")
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
        self.weights = as_float_array(weights, "weights", ndim=1)
        if self.weights.size == 0:
            raise ValueError("weights must hold at least one weight, got shape (0,)")
        self.bias = check_finite(as_real(bias, "bias"), "bias")
        self.activation_name, self.activation = _activation(activation)

    # --8<-- [start:neuron]
    def pre_activation(self, x: ArrayLike) -> np.ndarray:
        """The weighted sum plus the bias, `z = x @ w + b`: shape `()` for one
        input vector, `(batch,)` for a batch."""
        return _inputs(x, self.weights.size) @ self.weights + self.bias

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
        self.weights = as_float_array(weights, "weights", ndim=2)
        if self.weights.size == 0:
            raise ValueError(f"weights must hold at least one weight, got shape {self.weights.shape}")
        self.bias = as_float_array(bias, "bias", ndim=1)
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
        return _inputs(x, self.weights.shape[0]) @ self.weights + self.bias  # every neuron at once

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
    if not isinstance(layers, Sequence) or not all(isinstance(layer, Layer) for layer in layers):
        raise TypeError(f"layers must be a sequence of Layer objects, got {layers!r}")
    x = as_float_array(x, "x", ndim=(1, 2))
    for layer in layers:
        x = layer(x)
    return x


def xor_network() -> list[Layer]:
    """Two layers of step neurons that compute XOR, which no single neuron can.

    Hidden neuron 1 is OR (fires if x1 + x2 >= 0.5), hidden neuron 2 is NAND (fires unless
    x1 + x2 >= 1.5); the output neuron is AND of the two: XOR = OR and not AND.

    Examples:
        >>> forward([[0, 0], [0, 1], [1, 0], [1, 1]], xor_network()).ravel().tolist()
        [0.0, 1.0, 1.0, 0.0]
    """
    hidden = Layer([[1.0, -1.0], [1.0, -1.0]], [-0.5, 1.5], activation="step")
    output = Layer([[1.0], [1.0]], [-1.5], activation="step")
    return [hidden, output]


def mcculloch_pitts(x: ArrayLike, threshold: int, inhibitory: Sequence[int] = ()) -> np.ndarray:
    """The threshold unit of McCulloch and Pitts (1943): binary inputs, no learned weights.

    The unit fires (1) when at least `threshold` excitatory inputs are on and no inhibitory input is on:
    one active inhibitory input vetoes it.

    Args:
        x: 0/1 inputs of shape `(features,)` or `(batch, features)`.
        threshold: how many excitatory inputs must be on, a whole number >= 0.
        inhibitory: indices of the inputs that inhibit.

    Examples:
        >>> x = [[0, 0], [0, 1], [1, 0], [1, 1]]
        >>> mcculloch_pitts(x, threshold=2).tolist()        # AND
        [0.0, 0.0, 0.0, 1.0]
        >>> mcculloch_pitts(x, threshold=1).tolist()        # OR
        [0.0, 1.0, 1.0, 1.0]
        >>> mcculloch_pitts([[0], [1]], threshold=0, inhibitory=[0]).tolist()  # NOT
        [1.0, 0.0]
    """
    x = as_float_array(x, "x", ndim=(1, 2))
    if not np.isin(x, (0, 1)).all():
        raise ValueError("x must hold only 0 and 1: McCulloch-Pitts inputs are binary")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, np.integer)) or threshold < 0:
        raise ValueError(f"threshold must be a whole number >= 0, got {threshold!r}")
    if not isinstance(inhibitory, Iterable) or isinstance(inhibitory, (str, bytes)):
        raise TypeError(f"inhibitory must be a sequence of input indices, got {type(inhibitory).__name__}")
    mask = np.zeros(x.shape[-1], dtype=bool)
    for index in inhibitory:
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < x.shape[-1]:
            raise ValueError(f"inhibitory must hold input indices in [0, {x.shape[-1]}), got {index!r}")
        mask[index] = True
    excited = x[..., ~mask].sum(axis=-1)
    vetoed = x[..., mask].sum(axis=-1) > 0
    return ((excited >= threshold) & ~vetoed).astype(np.float64)


class Perceptron:
    """Rosenblatt's perceptron (1958): a step neuron trained by the perceptron learning rule.

    For each example in turn, predict `step(x @ w + b)`; when the prediction is wrong, move the weights
    towards the example: `w += lr * (y - prediction) * x` and `b += lr * (y - prediction)`. If the two
    classes can be split by a straight line (a hyperplane), this stops after finitely many mistakes
    (Novikoff 1962); if they cannot, as for XOR, it never stops making them.

    Args:
        n_features: number of inputs.
        lr: the step of each correction, > 0.
        rng: used only to shuffle the examples each epoch when `shuffle=True` in `fit`.

    Examples:
        >>> from concepts.datasets import logic_gate
        >>> x, y = logic_gate("and")
        >>> p = Perceptron(2).fit(x, y)
        >>> p.converged, p.predict(x).tolist()
        (True, [0.0, 0.0, 0.0, 1.0])
    """

    def __init__(self, n_features: int, lr: float = 1.0, *, rng: np.random.Generator | int | None = None):
        self.n_features = as_positive_int(n_features, "n_features")
        self.lr = as_real(lr, "lr")
        if not (np.isfinite(self.lr) and self.lr > 0):
            raise ValueError(f"lr must be a finite number > 0, got {lr}")
        self.rng = as_rng(rng)
        self.weights = np.zeros(self.n_features)
        self.bias = 0.0
        self.mistakes: list[int] = []  # mistakes made in each epoch of the last fit
        self.converged = False

    def predict(self, x: ArrayLike) -> np.ndarray:
        return step(_inputs(x, self.n_features) @ self.weights + self.bias)

    def fit(self, x: ArrayLike, y: ArrayLike, epochs: int = 100, *, shuffle: bool = False) -> Perceptron:
        """Sweep the data up to `epochs` times; stop after the first sweep without a mistake."""
        x = as_float_array(x, "x", ndim=2)
        y = as_float_array(y, "y", ndim=1)
        if x.shape != (y.size, self.n_features):
            raise ValueError(
                f"x must have shape ({y.size}, {self.n_features}) to match y of shape {y.shape}, got {x.shape}"
            )
        if not np.isin(y, (0, 1)).all():
            raise ValueError("y must hold only 0 and 1")
        epochs = as_positive_int(epochs, "epochs")
        if not isinstance(shuffle, (bool, np.bool_)):
            raise TypeError(f"shuffle must be True or False, got {type(shuffle).__name__}")
        self.mistakes, self.converged = [], False
        # --8<-- [start:perceptron]
        for _ in range(epochs):
            order = self.rng.permutation(y.size) if shuffle else range(y.size)
            mistakes = 0
            for i in order:
                error = y[i] - step(x[i] @ self.weights + self.bias)  # -1, 0 or +1
                if error:
                    self.weights += self.lr * error * x[i]
                    self.bias += float(self.lr * error)
                    mistakes += 1
            self.mistakes.append(mistakes)
            if mistakes == 0:
                self.converged = True
                break
        # --8<-- [end:perceptron]
        return self

    def as_neuron(self) -> Neuron:
        """The trained perceptron as a `Neuron` with a step activation."""
        return Neuron(self.weights.copy(), self.bias, "step")
