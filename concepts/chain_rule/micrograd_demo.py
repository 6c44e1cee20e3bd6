"""micrograd's demo on two engines: a network of scalar `Value`s and the vectorised `MLP`.

micrograd's demo (Karpathy 2020) trains a network with two hidden layers of 16 ReLU units on 100
points of two moons, with the max-margin (hinge) loss plus an L2 penalty, by full-batch gradient
descent. Here it runs on two engines that compute the same numbers: `ValueMLP`, built from scalar
`Value`s, where every multiply and add is a node of the graph, and the vectorised `MLP` of
`concepts.network`, whose backward pass is a few matrix products per layer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ..datasets import two_moons
from ..network import MLP
from ..validation import as_choice, as_finite_array, as_float_array, as_positive, as_positive_int, as_real, as_rng
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


def _quietly() -> np.errstate:
    """numpy's error state for training: a step that diverges (a huge learning rate or input) gives inf and
    nan without a warning, as PyTorch and `concepts.learning_rate.gradient_descent` do."""
    return np.errstate(over="ignore", invalid="ignore")


def _plus_minus_one(target: np.ndarray, name: str) -> np.ndarray:
    if not np.isin(target, (-1, 1)).all():
        wrong = target[~np.isin(target, (-1, 1))]
        raise ValueError(f"{name} must hold only -1 and +1, got {float(wrong[0])!r} among them")
    return target


def _scores_and_target(scores: ArrayLike, target: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    # scores may hold NaN or inf (NaN in, NaN out, as PyTorch's losses); the targets are labels, -1 or +1
    scores = as_float_array(scores, "scores", ndim=1, empty_ok=False)
    target = as_finite_array(target, "target", ndim=1)
    if target.shape != scores.shape:
        raise ValueError(f"target must have the shape of scores {scores.shape}, got {target.shape}")
    return scores, _plus_minus_one(target, "target")


def hinge_loss(scores: ArrayLike, target: ArrayLike) -> float:
    """The max-margin loss of micrograd's demo: `mean(max(0, 1 - target * scores))`.

    The hinge loss of support vector machines, with targets -1 and +1: a point costs nothing once it
    is on the right side with a margin of 1. (PyTorch's `hinge_embedding_loss` is a different loss.)

    Examples:
        >>> hinge_loss([2.0, 0.5, -1.0], [1, 1, 1])   # (0 + 0.5 + 2) / 3
        0.8333333333333334
    """
    scores, target = _scores_and_target(scores, target)
    losses = np.maximum(1 - target * scores, 0)
    with np.errstate(over="ignore"):
        total = losses.sum()
    if np.isinf(total) and np.isfinite(losses).all():  # the sum overflowed, the mean does not: divide first
        return float((losses / losses.size).sum())
    return float(total / losses.size)


def hinge_loss_grad(scores: ArrayLike, target: ArrayLike) -> np.ndarray:
    """Gradient of `hinge_loss` with respect to `scores`: `-target / n` where the margin is short of 1.

    Examples:
        >>> hinge_loss_grad([2.0, 0.5, -1.0], [1, 1, 1]).round(4).tolist()
        [0.0, -0.3333, -0.3333]
    """
    scores, target = _scores_and_target(scores, target)
    # 0 where the margin is met, as PyTorch's relu passes no gradient at or below its kink (and passes it at NaN)
    return np.where(1 - target * scores <= 0, 0.0, -target) / scores.size


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
        self.activation = as_choice(activation, "activation", _VALUE_ACTIVATIONS)
        if isinstance(parameters, (str, bytes)) or not isinstance(parameters, Sequence):
            raise TypeError(
                f"parameters must be a list [W1, b1, W2, b2, ...] of arrays, got {type(parameters).__name__}"
            )
        if len(parameters) < 2 or len(parameters) % 2:
            raise ValueError(
                f"parameters must be a list [W1, b1, W2, b2, ...] of pairs of arrays, got {len(parameters)}"
            )
        self.shapes: list[tuple[int, ...]] = []
        self.layers: list[tuple[list[list[Value]], list[Value]]] = []  # per layer: columns of W, and b
        fan_in = None
        for i in range(0, len(parameters), 2):
            w = as_finite_array(parameters[i], f"parameters[{i}]", ndim=2, empty_ok=False)
            b = as_finite_array(parameters[i + 1], f"parameters[{i + 1}]", ndim=1, empty_ok=False)
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

    def _widths(self) -> tuple[int, int]:
        """(inputs, outputs): the width of the input and of the output."""
        return self.shapes[0][0], self.shapes[-1][0]

    def __call__(self, x: Sequence[float | Value]) -> list[Value]:
        """The outputs for one input `x` (a sequence of numbers or values)."""
        x = _row(x, self._widths()[0])
        last = len(self.layers) - 1
        act = None if self.activation == "identity" else getattr(Value, self.activation)
        outputs: list[Value] = []
        for index, (columns, biases) in enumerate(self.layers):
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


def _row(x, width: int) -> list:
    """`x` as a list of `width` entries, each a `Value` or a finite float; errors name `x`."""
    if isinstance(x, np.ndarray) and x.ndim != 1:
        raise ValueError(f"x must be 1-D, one point: a sequence of numbers or Values, got shape {x.shape}")
    if isinstance(x, (str, bytes)) or not isinstance(x, (Sequence, np.ndarray)):
        raise TypeError(f"x must be a sequence of numbers or Values, got {type(x).__name__}")
    if len(x) != width:
        raise ValueError(f"x must have {width} entries, got {len(x)}")
    return [
        v if isinstance(v, Value) or (type(v) is float and math.isfinite(v)) else _entry(v, i) for i, v in enumerate(x)
    ]


def _entry(v, i: int) -> float:
    """Entry `i` of a `ValueMLP`'s input `x` that is neither a Value nor a finite float: a finite real number?"""
    try:
        number = as_real(v, f"x[{i}]")
    except OverflowError:  # an int beyond the largest float
        raise ValueError(f"x[{i}] must be a finite real number or a Value, got one too large for a float") from None
    except TypeError:
        raise TypeError(f"x[{i}] must be a real number or a Value, got {type(v).__name__}") from None
    if not math.isfinite(number):
        raise ValueError(f"x[{i}] must be finite, got {number}")
    return number


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
    """micrograd's schedule: from 1 at step 0 down linearly, `1 - 0.9 * step / steps`, for step < steps."""
    steps = as_positive_int(steps, "steps")
    step = as_positive_int(step, "step", zero_allowed=True)
    if step >= steps:
        raise ValueError(f"step must be below steps ({steps}): steps count from 0, got {step}")
    return _learning_rate(step, steps)


def _learning_rate(step: int, steps: int) -> float:
    return 1.0 - 0.9 * step / steps


class _Target(NamedTuple):
    """The demo's targets as a column, and what each step needs of them, computed once."""

    column: np.ndarray  # y[:, None], -1 or +1
    positive: np.ndarray  # y > 0
    slope: np.ndarray  # d(hinge)/d(score) where the margin is short of 1: -y / n


def _demo_data(model: MLP | ValueMLP, x: ArrayLike, y: ArrayLike, name: str) -> tuple[np.ndarray, _Target]:
    """The checks of the demo's functions: `model` (called `name` by the caller) an `MLP` or a `ValueMLP`
    that gives one score per point, a batch `x` of finite points that fits it, and `y` of -1 and +1."""
    if isinstance(model, MLP):
        inputs, outputs = model.sizes[0], model.sizes[-1]
    elif isinstance(model, ValueMLP):
        inputs, outputs = model._widths()
    else:
        raise TypeError(f"{name} must be an MLP or a ValueMLP, got {type(model).__name__}")
    if outputs != 1:
        raise ValueError(
            f"{name} must give one score per point (an output width of 1), got an output width of {outputs}"
        )
    x = as_finite_array(x, "x", ndim=2, empty_ok=False)
    if x.shape[1] != inputs:
        raise ValueError(f"x must have {inputs} columns, the input width of {name}, got shape {x.shape}")
    y = as_finite_array(y, "y", ndim=1)
    if y.shape != (len(x),):
        raise ValueError(f"y must hold one target per row of x ({len(x)}), got shape {y.shape}")
    y = _plus_minus_one(y, "y")
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
    grads = net.backward(np.where(margins <= 0, 0.0, target.slope))  # dL/dscores, then the chain rule
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
    x, target = _demo_data(net, x, y, "net")
    alpha = as_positive(alpha, "alpha", zero_allowed=True)
    with _quietly():
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
    x, target = _demo_data(model, x, y, "model")
    alpha = as_positive(alpha, "alpha", zero_allowed=True)
    return _value_loss(model, x.tolist(), target.column[:, 0].tolist(), alpha)


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


def demo_step(
    model: MLP | ValueMLP, x: ArrayLike, y: ArrayLike, lr: float, alpha: float = DEMO_ALPHA
) -> tuple[float, float]:
    """One full-batch gradient-descent step of the demo, on either engine; returns (loss, accuracy).

    The loss and accuracy are those before the step, as micrograd's demo prints them. `lr` and `alpha`
    are numbers >= 0; a step that diverges gives inf or nan quietly, as PyTorch does.
    """
    x, target = _demo_data(model, x, y, "model")
    lr, alpha = as_positive(lr, "lr", zero_allowed=True), as_positive(alpha, "alpha", zero_allowed=True)
    with _quietly():
        return _step(model, x, target, lr, alpha)


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
    x, target = _demo_data(model, x, y, "model")
    steps, alpha = as_positive_int(steps, "steps"), as_positive(alpha, "alpha", zero_allowed=True)
    with _quietly():
        return np.array([_step(model, x, target, _learning_rate(k, steps), alpha) for k in range(steps)])
