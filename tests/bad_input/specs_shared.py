"""Valid calls of the shared modules: concepts.network, datasets, gradient_check, validation."""

from __future__ import annotations

import numpy as np
from battery import Exempt, Spec

from concepts import datasets, gradient_check, validation
from concepts.network import MLP

X = np.array([[0.5, -1.0], [1.5, 0.25]])


def _trained_net():
    net = MLP([2, 3, 1], "tanh", rng=0)
    net.forward(X)
    return net


def _square(x):
    return float(np.sum(np.asarray(x) ** 2))


SPECS = {
    # --- network ---
    "concepts.network.MLP": Spec(
        MLP,
        {"sizes": [2, 3, 1], "activation": "tanh", "rng": 0},
        extra={"sizes": {"one-size": [2]}},
    ),
    "concepts.network.MLP.__call__": Spec(
        lambda: MLP([2, 3, 1], rng=0).__call__,
        {"x": X},
        make=True,
        extra={"x": {"wrong-width": np.ones((2, 3)), "empty-batch": np.ones((0, 2))}},
    ),
    "concepts.network.MLP.parameters": Spec(lambda: MLP([2, 1], rng=0).parameters, make=True),
    "concepts.network.MLP.forward": Spec(
        lambda: MLP([2, 3, 1], rng=0).forward,
        {"x": X},
        make=True,
        extra={"x": {"wrong-width": np.ones((2, 3)), "3-d": np.ones((1, 2, 2)), "empty-batch": np.ones((0, 2))}},
    ),
    "concepts.network.MLP.backward": Spec(
        lambda: _trained_net().backward,
        {"grad_output": np.ones((2, 1))},
        make=True,
        extra={"grad_output": {"wrong-shape": np.ones((3, 1))}},
    ),
    # --- datasets ---
    "concepts.datasets.logic_gate": Spec(datasets.logic_gate, {"name": "xor"}),
    "concepts.datasets.two_moons": Spec(
        datasets.two_moons, {"n_samples": 20, "noise": 0.1, "rng": 0}, extra={"noise": {"negative": -0.1}}
    ),
    "concepts.datasets.xor_blobs": Spec(
        datasets.xor_blobs, {"n_samples": 20, "noise": 0.3, "rng": 0}, extra={"noise": {"negative": -0.3}}
    ),
    "concepts.datasets.circles": Spec(
        datasets.circles,
        {"n_samples": 20, "noise": 0.1, "factor": 0.5, "rng": 0},
        extra={
            "noise": {"negative": -0.1},
            "factor": {"zero": 0.0, "one": 1.0, "above-one": 1.5, "negative": -0.5},
        },
    ),
    "concepts.datasets.spiral": Spec(
        datasets.spiral,
        {"n_samples": 20, "noise": 0.1, "turns": 1.5, "rng": 0},
        extra={"noise": {"negative": -0.1}, "turns": {"zero": 0.0, "negative": -1.5}},
    ),
    "concepts.datasets.rotate": Spec(
        datasets.rotate,
        {"x": X, "degrees": 30.0},
        kinds={"x": "finite-array"},
        extra={"x": {"1-d": [1.0, 2.0], "3-columns": np.ones((2, 3))}},
    ),
    "concepts.datasets.line_with_outliers": Spec(
        datasets.line_with_outliers,
        {"n_samples": 10, "n_outliers": 2, "slope": 0.8, "intercept": 1.0, "noise": 0.3, "shift": -6.0, "rng": 0},
        extra={"noise": {"negative": -0.3}, "n_outliers": {"more-than-samples": 11}},
    ),
    "concepts.datasets.noisy_sine": Spec(
        datasets.noisy_sine, {"n_samples": 8, "noise": 0.3, "rng": 0}, extra={"noise": {"negative": -0.3}}
    ),
    # --- gradient_check ---
    "concepts.gradient_check.numerical_gradient": Spec(
        gradient_check.numerical_gradient,
        {"f": _square, "x": [1.0, 2.0], "eps": 1e-6},
        kinds={"x": "finite-array"},
        extra={"eps": {"zero": 0.0, "negative": -1e-6}},
    ),
    "concepts.gradient_check.numerical_parameter_gradients": Spec(
        gradient_check.numerical_parameter_gradients,
        lambda: (lambda w: {"loss": lambda: float(np.sum(w**2)), "params": [w], "eps": 1e-6})(np.array([1.0, 2.0])),
        kinds={"params": "object"},
        extra={"params": {"not-arrays": [1.0, 2.0], "list-of-str": ["a"]}, "eps": {"zero": 0.0}},
    ),
    "concepts.gradient_check.relative_error": Spec(
        gradient_check.relative_error,
        {"analytic": [1.0, 2.0], "numeric": [1.0, 2.000001]},
        kinds={"analytic": "finite-array", "numeric": "finite-array"},
        extra={"numeric": {"wrong-shape": [1.0, 2.0, 3.0]}},
    ),
    "concepts.gradient_check.gradient_check": Spec(
        gradient_check.gradient_check,
        {"f": _square, "x": [1.0, 2.0], "analytic": [2.0, 4.0], "eps": 1e-6},
        kinds={"x": "finite-array", "analytic": "finite-array"},
        extra={"analytic": {"wrong-shape": [2.0]}, "eps": {"zero": 0.0}},
    ),
    "concepts.gradient_check.GradientCheck": Exempt("the record gradient_check returns; callers read it, not build it"),
    # --- validation: the checks themselves name the argument they are given ---
    "concepts.validation.as_float_array": Spec(
        validation.as_float_array,
        {"value": [1.0, 2.0], "name": "weights"},
        kinds={"name": None},
        says={"value": "weights"},
    ),
    "concepts.validation.as_real": Spec(
        validation.as_real,
        {"value": 0.5, "name": "lr"},
        kinds={"name": None},
        says={"value": "lr"},
        valid={
            "value": {
                "nan": "as_real checks the type",
                "inf": "as_real checks the type",
                "-inf": "as_real checks the type",
            }
        },
    ),
    "concepts.validation.check_finite": Spec(
        validation.check_finite, {"value": 0.5, "name": "lr"}, kinds={"name": None}, says={"value": "lr"}
    ),
    "concepts.validation.as_positive": Spec(
        validation.as_positive,
        {"value": 0.5, "name": "lr", "zero_allowed": False},
        kinds={"name": None},
        says={"value": "lr", "zero_allowed": "zero_allowed"},
        extra={"value": {"zero": 0.0, "negative": -0.5}},
    ),
    "concepts.validation.as_positive_int": Spec(
        validation.as_positive_int,
        {"value": 3, "name": "steps", "zero_allowed": False},
        kinds={"name": None},
        says={"value": "steps"},
        extra={"value": {"zero": 0}},
    ),
    "concepts.validation.as_rng": Spec(
        validation.as_rng, {"rng": 0, "name": "seed"}, kinds={"name": None}, says={"rng": "seed"}
    ),
    "concepts.validation.as_finite_array": Spec(
        validation.as_finite_array,
        {"value": [1.0, 2.0], "name": "x"},
        kinds={"value": "finite-array", "name": None},
        says={"value": "x"},
    ),
    "concepts.validation.as_flag": Spec(
        validation.as_flag, {"value": True, "name": "shuffle"}, kinds={"name": None}, says={"value": "shuffle"}
    ),
    "concepts.validation.as_choice": Spec(
        validation.as_choice,
        {"value": "fan_in", "name": "mode", "choices": ("fan_in", "fan_out")},
        kinds={"name": None, "choices": None},
        says={"value": "mode"},
    ),
    "concepts.validation.as_callable": Spec(
        validation.as_callable,
        {"value": abs, "name": "grad"},
        kinds={"value": "callable", "name": None},
        says={"value": "grad"},
    ),
    "concepts.validation.as_sizes": Spec(
        validation.as_sizes,
        {"value": [2, 3], "name": "sizes", "min_length": 1},
        kinds={"name": None},
        says={"value": "sizes"},
    ),
}
