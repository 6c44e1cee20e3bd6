"""micrograd's demo on two engines: a network of scalar `Value`s and the vectorised `MLP`.

micrograd's demo (Karpathy 2020) trains a network with two hidden layers of 16 ReLU units on 100
points of two moons, with the max-margin (hinge) loss plus an L2 penalty, by full-batch gradient
descent. Here it runs on two engines that compute the same numbers: `ValueMLP`, built from scalar
`Value`s, where every multiply and add is a node of the graph, and the vectorised `MLP` of
`concepts.network`, whose backward pass is a few matrix products per layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ..datasets import two_moons
from ..network import MLP
from ..validation import as_float_array, as_positive_int, as_real, as_rng
from .value import Value, zero_grad

__all__ = [
    "hinge_loss",
    "hinge_loss_grad",
    "ValueMLP",
    "demo_problem",
    "demo_learning_rate",
    "demo_loss",
    "value_demo_loss",
    "demo_step",
    "train_demo",
    "DEMO_SIZES",
    "DEMO_ALPHA",
]

DEMO_SIZES = (2, 16, 16, 1)  # micrograd's MLP(2, [16, 16, 1])
DEMO_ALPHA = 1e-4  # weight of the L2 penalty in micrograd's demo


def _scores_and_target(scores: ArrayLike, target: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    scores = as_float_array(scores, "scores", ndim=1)
    target = as_float_array(target, "target", ndim=1)
    if target.shape != scores.shape:
        raise ValueError(f"target must have the shape of scores {scores.shape}, got {target.shape}")
    if not np.isin(target, (-1, 1)).all():
        raise ValueError("target must hold only -1 and +1")
    return scores, target


def hinge_loss(scores: ArrayLike, target: ArrayLike) -> float:
    """The max-margin loss of micrograd's demo: `mean(max(0, 1 - target * scores))`.

    The hinge loss of support vector machines, with targets -1 and +1: a point costs nothing once it
    is on the right side with a margin of 1. (PyTorch's `hinge_embedding_loss` is a different loss.)

    Examples:
        >>> hinge_loss([2.0, 0.5, -1.0], [1, 1, 1])   # (0 + 0.5 + 2) / 3
        0.8333333333333334
    """
    scores, target = _scores_and_target(scores, target)
    return float(np.maximum(1 - target * scores, 0).mean())


def hinge_loss_grad(scores: ArrayLike, target: ArrayLike) -> np.ndarray:
    """Gradient of `hinge_loss` with respect to `scores`: `-target / n` where the margin is short of 1.

    Examples:
        >>> hinge_loss_grad([2.0, 0.5, -1.0], [1, 1, 1]).round(4).tolist()
        [0.0, -0.3333, -0.3333]
    """
    scores, target = _scores_and_target(scores, target)
    return np.where(1 - target * scores > 0, -target, 0.0) / scores.size


_VALUE_ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")


class ValueMLP:
    """The network of `MLP`, made of scalar `Value`s: each multiply and add is a node of the graph.

    Neuron `j` of a layer computes `b[j] + W[0, j] * x[0] + W[1, j] * x[1] + ...`, in that order, as
    micrograd's `Neuron` does; hidden layers apply the activation, the output layer is linear.

    Args:
        parameters: `[W1, b1, W2, b2, ...]` with `W` of shape `(fan_in, fan_out)`, for example an
            `MLP`'s `parameters()`; the values are copied.
        activation: `"relu"`, `"tanh"`, `"sigmoid"` or `"identity"`.

    Examples:
        >>> net = MLP([2, 3, 1], activation="tanh", rng=0)
        >>> model = ValueMLP(net.parameters(), activation="tanh")
        >>> out = model([0.5, -1.0])[0]
        >>> bool(np.isclose(out.data, net.forward([[0.5, -1.0]])[0, 0]))
        True
    """

    def __init__(self, parameters: Sequence[ArrayLike], activation: str = "relu"):
        if activation not in _VALUE_ACTIVATIONS:
            raise ValueError(f"activation must be one of {list(_VALUE_ACTIVATIONS)}, got {activation!r}")
        if (
            isinstance(parameters, (str, bytes))
            or not isinstance(parameters, Sequence)
            or len(parameters) < 2
            or len(parameters) % 2
        ):
            raise ValueError("parameters must be a sequence [W1, b1, W2, b2, ...] of at least two arrays")
        self.activation = activation
        self.shapes: list[tuple[int, ...]] = []
        self.layers: list[tuple[list[list[Value]], list[Value]]] = []  # per layer: columns of W, and b
        fan_in = None
        for w, b in zip(parameters[::2], parameters[1::2]):
            w, b = as_float_array(w, "parameters", ndim=2), as_float_array(b, "parameters", ndim=1)
            if b.shape != (w.shape[1],) or (fan_in is not None and w.shape[0] != fan_in):
                raise ValueError(f"parameters: shapes {w.shape} and {b.shape} do not continue the network")
            fan_in = w.shape[1]
            weights = [[Value(float(v)) for v in row] for row in w]  # row i: the weights from input i
            self.layers.append(([list(column) for column in zip(*weights)], [Value(float(v)) for v in b]))
            self.shapes += [w.shape, b.shape]

    def parameters(self) -> list[Value]:
        """Every weight and bias as a `Value`, in the order of the arrays: W1 row by row, b1, W2, ..."""
        values = []
        for columns, biases in self.layers:
            values += [w for row in zip(*columns) for w in row] + biases
        return values

    def arrays(self) -> list[np.ndarray]:
        """The current parameters as numpy arrays `[W1, b1, ...]`, in the shapes they were given."""
        data = np.array([p.data for p in self.parameters()])
        sizes = np.cumsum([int(np.prod(shape)) for shape in self.shapes])[:-1]
        return [chunk.reshape(shape) for chunk, shape in zip(np.split(data, sizes), self.shapes)]

    def __call__(self, x: Sequence[float | Value]) -> list[Value]:
        """The outputs for one input `x` (a sequence of numbers or values)."""
        last = len(self.layers) - 1
        act = None if self.activation == "identity" else getattr(Value, self.activation)
        outputs: list[Value] = []
        for index, (columns, biases) in enumerate(self.layers):
            if len(x) != len(columns[0]):
                raise ValueError(f"x must have {len(columns[0])} entries, got {len(x)}")
            outputs = []
            # --8<-- [start:value_neuron]
            for weights, bias in zip(columns, biases):  # one neuron per column of W
                z = bias
                for w, xi in zip(weights, x):
                    z = z + w * xi  # b + w0 x0 + w1 x1 + ..., two nodes per input
                outputs.append(z if index == last or act is None else act(z))
            # --8<-- [end:value_neuron]
            x = outputs
        return outputs


def demo_problem(rng: np.random.Generator | int | None = 0) -> tuple[MLP, np.ndarray, np.ndarray]:
    """micrograd's demo: an `MLP([2, 16, 16, 1], "relu")` and 100 noisy two-moons points.

    As in micrograd, the weights start uniform in [-1, 1] and the biases at 0, and the targets are
    -1 and +1.

    Returns:
        The network, `x` of shape `(100, 2)` and `y` of shape `(100,)`.
    """
    rng = as_rng(rng)
    x, y = two_moons(100, noise=0.1, rng=rng)
    net = MLP(
        list(DEMO_SIZES),
        activation="relu",
        rng=rng,
        init=lambda fan_in, fan_out, rng: rng.uniform(-1.0, 1.0, size=(fan_in, fan_out)),
    )
    return net, x, 2 * y - 1


def demo_learning_rate(step: int, steps: int = 100) -> float:
    """micrograd's schedule: from 1 at step 0 down linearly, `1 - 0.9 * step / steps`."""
    return 1.0 - 0.9 * step / steps


class _Target(NamedTuple):
    """The demo's targets as a column, and what each step needs of them, computed once."""

    column: np.ndarray  # y[:, None], -1 or +1
    positive: np.ndarray  # y > 0
    slope: np.ndarray  # d(hinge)/d(score) where the margin is short of 1: -y / n


def _demo_data(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, _Target]:
    x = as_float_array(x, "x", ndim=2)
    _, y = _scores_and_target(np.zeros(len(x)), y)
    return x, _Target(y[:, None], y[:, None] > 0, -y[:, None] / y.size)


def _penalty(params: Sequence[np.ndarray]) -> float:
    """`sum(p**2)` over every entry of every array, as one dot product of them all."""
    flat = np.concatenate(params, axis=None)
    return float(np.vdot(flat, flat))


def _mlp_loss(net: MLP, x: np.ndarray, target: _Target, alpha: float) -> tuple[float, float, list[np.ndarray]]:
    """Loss, accuracy and the gradients of the hinge loss alone (the penalty's are added by the caller)."""
    scores = net.forward(x)  # shape (n, 1)
    margins = 1.0 - target.column * scores
    loss = float(np.maximum(margins, 0.0).sum()) / len(x) + alpha * _penalty(net.parameters())
    accuracy = float(np.count_nonzero((scores > 0) == target.positive)) / len(x)
    grads = net.backward(np.where(margins > 0, target.slope, 0.0))  # dL/dscores, then the chain rule
    return loss, accuracy, grads


def demo_loss(net: MLP, x: ArrayLike, y: ArrayLike, alpha: float = DEMO_ALPHA) -> tuple[float, float, list[np.ndarray]]:
    """Hinge loss plus `alpha * sum(p**2)` over every parameter, the accuracy, and the gradients.

    Returns:
        `(loss, accuracy, grads)` at the current parameters, the gradients in the order of
        `net.parameters()`.

    Examples:
        >>> net, x, y = demo_problem(rng=0)
        >>> loss, accuracy, grads = demo_loss(net, x, y)
        >>> round(loss, 4), accuracy, [g.shape for g in grads][:2]
        (0.9548, 0.46, [(2, 16), (16,)])
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    x, target = _demo_data(x, y)
    alpha = as_real(alpha, "alpha")
    loss, accuracy, grads = _mlp_loss(net, x, target, alpha)
    return loss, accuracy, [g + 2 * alpha * p for g, p in zip(grads, net.parameters())]  # + d(alpha p^2)/dp


def _value_loss(model: ValueMLP, x: list[list[float]], y: list[float], alpha: float) -> tuple[Value, float]:
    # --8<-- [start:value_loss]
    scores = [model(row)[0] for row in x]
    losses = [(1.0 - yi * s).relu() for yi, s in zip(y, scores)]  # hinge, per point
    penalty = sum(p * p for p in model.parameters())
    total = sum(losses) * (1.0 / len(losses)) + alpha * penalty
    # --8<-- [end:value_loss]
    assert isinstance(total, Value)  # sum() of values is a value; this tells mypy so
    accuracy = sum((yi > 0) == (s.data > 0) for yi, s in zip(y, scores)) / len(y)
    return total, accuracy


def value_demo_loss(model: ValueMLP, x: ArrayLike, y: ArrayLike, alpha: float = DEMO_ALPHA) -> tuple[Value, float]:
    """The loss of `demo_loss`, built from `Value`s on a `ValueMLP`, and the accuracy.

    Returns:
        `(loss, accuracy)`: `loss` is the `Value` at the top of the graph; `loss.backward()` puts the
        gradients into the `.grad` of `model.parameters()` (adding them to what is there).

    Examples:
        >>> net, x, y = demo_problem(rng=0)
        >>> loss, accuracy = value_demo_loss(ValueMLP(net.parameters()), x, y)
        >>> round(loss.data, 4), accuracy
        (0.9548, 0.46)
    """
    if not isinstance(model, ValueMLP):
        raise TypeError(f"model must be a ValueMLP, got {type(model).__name__}")
    x, target = _demo_data(x, y)
    return _value_loss(model, x.tolist(), target.column[:, 0].tolist(), as_real(alpha, "alpha"))


def _mlp_step(net: MLP, x: np.ndarray, target: _Target, lr: float, alpha: float) -> tuple[float, float]:
    loss, accuracy, grads = _mlp_loss(net, x, target, alpha)
    decay = 1.0 - 2.0 * alpha * lr  # p - lr (g + 2 alpha p) = decay p - lr g
    for p, g in zip(net.parameters(), grads):
        p *= decay
        p -= lr * g
    return loss, accuracy


def _value_step(model: ValueMLP, x: np.ndarray, target: _Target, lr: float, alpha: float) -> tuple[float, float]:
    total, accuracy = _value_loss(model, x.tolist(), target.column[:, 0].tolist(), alpha)
    params = model.parameters()
    zero_grad(params)
    total.backward()
    for p in params:
        p.data -= lr * p.grad
    return total.data, accuracy


def _step(model: MLP | ValueMLP, x: np.ndarray, target: _Target, lr: float, alpha: float) -> tuple[float, float]:
    if isinstance(model, MLP):
        return _mlp_step(model, x, target, lr, alpha)
    return _value_step(model, x, target, lr, alpha)


def _check_model(model) -> None:
    if not isinstance(model, (MLP, ValueMLP)):
        raise TypeError(f"model must be an MLP or a ValueMLP, got {type(model).__name__}")


def demo_step(
    model: MLP | ValueMLP, x: ArrayLike, y: ArrayLike, lr: float, alpha: float = DEMO_ALPHA
) -> tuple[float, float]:
    """One full-batch gradient-descent step of the demo, on either engine; returns (loss, accuracy).

    The loss and accuracy are those before the step, as micrograd's demo prints them.
    """
    _check_model(model)
    x, target = _demo_data(x, y)
    return _step(model, x, target, as_real(lr, "lr"), as_real(alpha, "alpha"))


def train_demo(
    model: MLP | ValueMLP, x: ArrayLike, y: ArrayLike, steps: int = 100, alpha: float = DEMO_ALPHA
) -> np.ndarray:
    """Run `steps` demo steps with `demo_learning_rate`; return the (loss, accuracy) of each, `(steps, 2)`.

    Examples:
        >>> net, x, y = demo_problem(rng=0)
        >>> history = train_demo(net, x, y)
        >>> float(history[-1, 1])    # accuracy at the last step
        1.0
    """
    _check_model(model)
    x, target = _demo_data(x, y)
    steps, alpha = as_positive_int(steps, "steps"), as_real(alpha, "alpha")
    return np.array([_step(model, x, target, demo_learning_rate(k, steps), alpha) for k in range(steps)])
