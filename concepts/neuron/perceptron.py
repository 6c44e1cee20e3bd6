"""Neurons before learning and the first learning rule: McCulloch and Pitts (1943), Rosenblatt (1958)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from ..validation import as_finite_array, as_flag, as_positive, as_positive_int, as_rng
from .activations import step
from .units import Neuron

__all__ = ["mcculloch_pitts", "Perceptron"]


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
    x = as_finite_array(x, "x", ndim=(1, 2))
    if not np.isin(x, (0, 1)).all():
        raise ValueError("x must hold only 0 and 1: McCulloch-Pitts inputs are binary")
    threshold = as_positive_int(threshold, "threshold", zero_allowed=True)
    if not isinstance(inhibitory, Iterable) or isinstance(inhibitory, (str, bytes)):
        raise TypeError(f"inhibitory must be a list of input indices, got {type(inhibitory).__name__}")
    mask = np.zeros(x.shape[-1], dtype=bool)
    for i, index in enumerate(inhibitory):
        index = as_positive_int(index, f"inhibitory[{i}]", zero_allowed=True)
        if index >= x.shape[-1]:
            raise ValueError(f"inhibitory must hold input indices in [0, {x.shape[-1]}), got {index}")
        mask[index] = True
    excited = x[..., ~mask].sum(axis=-1)
    vetoed = x[..., mask].sum(axis=-1) > 0
    return ((excited >= threshold) & ~vetoed).astype(np.float64)


class Perceptron:
    """Rosenblatt's perceptron (1958): a step neuron trained by the perceptron learning rule.

    For each example in turn, predict `step(x @ w + b)`; when the prediction is wrong, correct the
    weights with the example: `w += lr * (y - prediction) * x` and `b += lr * (y - prediction)`. After a
    miss (y = 1) that adds the example, turning the weights towards it; after a false alarm (y = 0) it
    subtracts it, turning them away. Either way the example's own `x @ w + b` moves towards the side of
    its label. If the two classes can be split by a straight line (a hyperplane), this stops after
    finitely many mistakes (Novikoff 1962); if they cannot, as for XOR, every sweep makes at least one.

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
        self.lr = as_positive(lr, "lr")
        self.rng = as_rng(rng)
        self.weights = np.zeros(self.n_features)
        self.bias = 0.0
        self.mistakes: list[int] = []  # mistakes made in each epoch of the last fit
        self.converged = False

    def predict(self, x: ArrayLike) -> np.ndarray:
        """0 or 1 for each example of `x`, shape `(features,)` or `(batch, features)`."""
        return self.as_neuron()(as_finite_array(x, "x", ndim=(1, 2)))

    def fit(self, x: ArrayLike, y: ArrayLike, epochs: int = 100, *, shuffle: bool = False) -> Perceptron:
        """Sweep the data up to `epochs` times; stop after the first sweep without a mistake."""
        x = as_finite_array(x, "x", ndim=2)
        y = as_finite_array(y, "y", ndim=1, empty_ok=False)
        if x.shape[1] != self.n_features:
            raise ValueError(f"x must have {self.n_features} features (columns), got shape {x.shape}")
        if x.shape[0] != y.size:
            raise ValueError(f"x and y must have one row per example: x has {x.shape[0]} rows, y has {y.size}")
        if not np.isin(y, (0, 1)).all():
            raise ValueError("y must hold only 0 and 1")
        epochs = as_positive_int(epochs, "epochs")
        shuffle = as_flag(shuffle, "shuffle")
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
