"""Valid calls of concepts.neuron: the activations, Neuron, Layer, forward, McCulloch-Pitts and the Perceptron."""

from __future__ import annotations

import numpy as np
from battery import Spec

from concepts.neuron import activations, perceptron, units
from concepts.neuron.units import Layer, Neuron

Z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])  # the four inputs of a two-input gate
AND = np.array([0.0, 0.0, 0.0, 1.0])

# An activation is elementwise: NaN in gives NaN out (as PyTorch), so `z` is an "array", not a
# "finite-array"; an empty array gives an empty array (nothing is averaged).
_ELEMENTWISE = {
    name: Spec(getattr(activations, name), {"z": Z})
    for name in ("sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad", "step")
}
# A slope of any sign is valid (PyTorch's too); NaN and inf are refused by the "real" battery.
_LEAKY = {
    name: Spec(getattr(activations, name), {"z": Z, "negative_slope": 0.2})
    for name in ("leaky_relu", "leaky_relu_grad")
}

_WEIGHTS_EXTRA = {"2-d": np.ones((2, 2)), "empty": np.ones(0)}  # a neuron's weights: one per input, at least one
_LAYER_WEIGHTS_EXTRA = {
    "1-d": np.ones(2),
    "empty": np.ones((0, 3)),
    "3-d": np.ones((2, 3, 1)),
    "nan-entry": np.array([[1.0, np.nan, 0.0], [0.0, 1.0, 0.0]]),  # the battery's NaN has the wrong shape
    "inf-entry": np.array([[1.0, 0.0, 0.0], [0.0, 1.0, -np.inf]]),
}
_X_EXTRA = {"wrong-width": np.ones((4, 3)), "3-d": np.ones((1, 4, 2)), "scalar": 1.0}


def _layer() -> Layer:
    return Layer([[1.0, -1.0, 0.5], [2.0, 0.5, -0.5]], [0.0, 1.0, -1.0], activation="relu")


def _trained() -> perceptron.Perceptron:
    return perceptron.Perceptron(2, rng=0).fit(X, AND)


SPECS = {
    **{f"concepts.neuron.activations.{name}": spec for name, spec in {**_ELEMENTWISE, **_LEAKY}.items()},
    # --- units ---
    "concepts.neuron.units.Neuron": Spec(
        Neuron,
        {"weights": [0.5, -1.0], "bias": 0.1, "activation": "tanh"},
        kinds={"weights": "finite-array"},  # a unit's parameters: NaN or inf would make every output NaN
        extra={"weights": _WEIGHTS_EXTRA},
    ),
    "concepts.neuron.units.Neuron.pre_activation": Spec(
        lambda: Neuron([0.5, -1.0], 0.1).pre_activation, {"x": X}, make=True, extra={"x": _X_EXTRA}
    ),
    "concepts.neuron.units.Neuron.__call__": Spec(
        lambda: Neuron([0.5, -1.0], 0.1).__call__, {"x": X}, make=True, extra={"x": _X_EXTRA}
    ),
    "concepts.neuron.units.Layer": Spec(
        Layer,
        {"weights": np.ones((2, 3)), "bias": np.zeros(3), "activation": "sigmoid"},
        kinds={"weights": "finite-array", "bias": "finite-array"},
        extra={
            "weights": _LAYER_WEIGHTS_EXTRA,
            "bias": {
                "wrong-length": np.zeros(2),
                "scalar": 0.0,
                "2-d": np.zeros((1, 3)),
                "nan-entry": np.array([0.0, np.nan, 0.0]),
                "inf-entry": np.array([0.0, 0.0, np.inf]),
            },
        },
    ),
    "concepts.neuron.units.Layer.pre_activation": Spec(
        lambda: _layer().pre_activation, {"x": X}, make=True, extra={"x": _X_EXTRA}
    ),
    "concepts.neuron.units.Layer.__call__": Spec(lambda: _layer().__call__, {"x": X}, make=True, extra={"x": _X_EXTRA}),
    "concepts.neuron.units.Layer.neurons": Spec(lambda: _layer().neurons, make=True),
    "concepts.neuron.units.forward": Spec(
        units.forward,
        lambda: {"x": X, "layers": units.xor_network()},
        extra={
            "x": {"wrong-width": np.ones((4, 3)), "3-d": np.ones((1, 4, 2))},
            "layers": {
                "one-layer-not-a-list": _layer(),
                "not-chaining": [_layer(), _layer()],  # 3 outputs into a layer that reads 2
                "neurons": [Neuron([1.0, 1.0], 0.0)],
                "with-none": [_layer(), None],
                "set": {_layer()},
            },
        },
    ),
    "concepts.neuron.units.xor_network": Spec(units.xor_network),
    # --- perceptron ---
    "concepts.neuron.perceptron.mcculloch_pitts": Spec(
        perceptron.mcculloch_pitts,
        {"x": X, "threshold": 1, "inhibitory": [1]},
        kinds={"x": "finite-array", "inhibitory": "sizes"},  # inhibitory: a list of input indices
        valid={"inhibitory": {"empty": "no inhibitory input, the default"}},
        extra={
            "x": {"not-binary": [[0.0, 2.0]], "fraction": [[0.5, 1.0]], "3-d": np.zeros((1, 4, 2))},
            "inhibitory": {"out-of-range": [2], "array-out-of-range": np.array([0, 5]), "nested": [[0]]},
        },
    ),
    "concepts.neuron.perceptron.Perceptron": Spec(
        perceptron.Perceptron,
        {"n_features": 2, "lr": 0.5, "rng": 0},
        extra={"lr": {"zero": 0.0, "negative": -0.5}, "n_features": {"zero": 0}},
    ),
    "concepts.neuron.perceptron.Perceptron.predict": Spec(
        lambda: _trained().predict,
        {"x": X},
        make=True,
        kinds={"x": "finite-array"},  # a prediction is a label, 0 or 1: a NaN input has none
        extra={"x": _X_EXTRA},
    ),
    "concepts.neuron.perceptron.Perceptron.fit": Spec(
        lambda: perceptron.Perceptron(2, rng=0).fit,
        {"x": X, "y": AND, "epochs": 5, "shuffle": True},
        make=True,
        kinds={"x": "finite-array", "y": "finite-array"},
        extra={
            "x": {
                "1-d": np.ones(4),
                "wrong-width": np.ones((4, 3)),
                "rows-not-matching-y": np.ones((3, 2)),
                "empty-batch": np.ones((0, 2)),
                "nan-entry": np.where(X == 1.0, np.nan, X),  # the battery's NaN is 1-D, refused for its shape
                "inf-entry": np.where(X == 1.0, np.inf, X),
            },
            "y": {
                "not-0-or-1": [0.0, 1.0, 2.0, 1.0],
                "minus-one": [-1.0, 1.0, 1.0, 1.0],
                "2-d": np.zeros((4, 1)),
                "rows-not-matching-x": AND[:3],
                "empty": np.zeros(0),
            },
            "epochs": {"zero": 0},
        },
    ),
    "concepts.neuron.perceptron.Perceptron.as_neuron": Spec(lambda: _trained().as_neuron, make=True),
}
