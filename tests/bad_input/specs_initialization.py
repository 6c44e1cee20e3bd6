"""Valid calls of concepts.initialization: the initializers, the deep-stack measurements, the training experiments."""

from __future__ import annotations

import numpy as np
from battery import Exempt, Spec

from concepts.initialization import depth, initializers, training
from concepts.network import MLP

X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.5, 0.75], [1.0, 1.0]])
Y = np.array([0.0, 1.0, 1.0, 0.0])
DTYPE = {
    "kinds": {"dtype": "object"},
    "valid": {"dtype": {"none": "None is numpy's default dtype, float64, as in np.zeros(dtype=None)"}},
    "extra": {"dtype": {"int64": np.int64, "float16": np.float16, "complex": np.complex128}},
}
FANS = {"fan_in": {"zero": 0}, "fan_out": {"zero": 0}}


def _initializer(f, args: dict, *, extra: dict | None = None, **spec) -> Spec:
    """A spec of an initializer: the fans, the dtype and `args`, with the fans' and the dtype's bad values."""
    return Spec(
        f,
        {"fan_in": 3, "fan_out": 2, **args, "dtype": np.float64},
        kinds={**DTYPE["kinds"], **spec.pop("kinds", {})},
        valid={**DTYPE["valid"], **spec.pop("valid", {})},
        extra={**FANS, **DTYPE["extra"], **(extra or {})},
        **spec,
    )


def _net(*sizes: int) -> MLP:
    return MLP(list(sizes or (2, 3, 1)), "relu", rng=0)


SPECS = {
    # --- initializers ---
    "concepts.initialization.initializers.zeros": _initializer(initializers.zeros, {}),
    "concepts.initialization.initializers.constant": _initializer(initializers.constant, {"value": 0.5}),
    "concepts.initialization.initializers.uniform": _initializer(
        initializers.uniform,
        {"a": -0.3, "b": 0.3, "rng": 0},
        extra={"a": {"above-b": 1.0}, "b": {"below-a": -1.0}},
    ),
    "concepts.initialization.initializers.normal": _initializer(
        initializers.normal, {"mean": 0.0, "std": 0.5, "rng": 0}, extra={"std": {"negative": -0.5}}
    ),
    "concepts.initialization.initializers.xavier_uniform": _initializer(
        initializers.xavier_uniform, {"gain": 1.0, "rng": 0}, extra={"gain": {"negative": -1.0}}
    ),
    "concepts.initialization.initializers.xavier_normal": _initializer(
        initializers.xavier_normal, {"gain": 1.0, "rng": 0}, extra={"gain": {"negative": -1.0}}
    ),
    "concepts.initialization.initializers.kaiming_uniform": _initializer(
        initializers.kaiming_uniform,
        {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu", "rng": 0},
        extra={"mode": {"fan_avg": "fan_avg"}, "nonlinearity": {"case": "ReLU"}},
    ),
    "concepts.initialization.initializers.kaiming_normal": _initializer(
        initializers.kaiming_normal,
        {"a": 0.0, "mode": "fan_out", "nonlinearity": "relu", "rng": 0},
        extra={"mode": {"fan_avg": "fan_avg"}, "nonlinearity": {"case": "ReLU"}},
    ),
    "concepts.initialization.initializers.lecun_normal": _initializer(initializers.lecun_normal, {"rng": 0}),
    "concepts.initialization.initializers.calculate_gain": Spec(
        initializers.calculate_gain,
        {"nonlinearity": "leaky_relu", "param": 0.2},
        valid={"param": {"none": "None is the default slope, 0.01, as in PyTorch"}},
        extra={"nonlinearity": {"case": "Tanh", "empty": ""}},
    ),
    "concepts.initialization.initializers.initializer": Spec(
        initializers.initializer, {"scheme": "kaiming_normal"}, extra={"scheme": {"function": np.ones}}
    ),
    # --- depth ---
    "concepts.initialization.depth.Scheme": Exempt("the record type of SCHEMES' entries; callers read them"),
    "concepts.initialization.depth.scheme_init": Spec(depth.scheme_init, {"init": "he"}),
    "concepts.initialization.depth.DepthStatistics": Exempt("the record depth_statistics returns"),
    "concepts.initialization.depth.depth_statistics": Spec(
        depth.depth_statistics,
        {"init": "he", "activation": "tanh", "depth": 3, "width": 8, "batch": 4, "gradients": True, "rng": 0},
        extra={"depth": {"zero": 0}, "width": {"zero": 0}, "batch": {"zero": 0}, "activation": {"case": "ReLU"}},
    ),
    "concepts.initialization.depth.scale_sweep": Spec(
        depth.scale_sweep,
        {"multipliers": [1.0, 1.5], "activation": "relu", "depth": 3, "width": 8, "batch": 4, "rng": 0},
        kinds={"multipliers": "finite-array"},
        extra={
            "multipliers": {"negative": [1.0, -1.0], "2-d": [[1.0]]},
            "depth": {"zero": 0},
            "width": {"zero": 0},
            "batch": {"zero": 0},
        },
    ),
    # --- training ---
    "concepts.initialization.training.train": Spec(
        training.train,
        lambda: {"net": _net(), "x": X.copy(), "y": Y.copy(), "lr": 0.5, "steps": 3},
        kinds={"net": "object", "x": "finite-array", "y": "finite-array"},
        extra={
            "net": {"two-outputs": _net(2, 3, 2), "three-inputs": _net(3, 3, 1)},
            "x": {"wrong-width": np.ones((4, 3)), "1-d": np.ones(4), "empty-batch": np.ones((0, 2))},
            "y": {"wrong-length": [0.0, 1.0], "not-a-label": [0.0, 1.0, 2.0, 0.0], "negative": [0.0, -1.0, 1.0, 0.0]},
            "lr": {"zero": 0.0, "negative": -0.5},
            "steps": {"zero": 0},
        },
    ),
    "concepts.initialization.training.hidden_unit_spread": Spec(
        training.hidden_unit_spread, {"net": _net()}, kinds={"net": "object"}
    ),
    "concepts.initialization.training.SymmetryRun": Exempt("the record symmetry_experiment returns"),
    "concepts.initialization.training.symmetry_experiment": Spec(
        training.symmetry_experiment,
        {"init": "he", "steps": 4, "hidden": 2, "lr": 0.5, "every": 2, "rng": 0},
        extra={
            "steps": {"zero": 0},
            "hidden": {"zero": 0},
            "lr": {"zero": 0.0, "negative": -0.5},
            "every": {"zero": 0},
        },
    ),
    "concepts.initialization.training.dead_units": Spec(
        training.dead_units,
        lambda: {"net": _net(), "x": X.copy()},
        kinds={"net": "object", "x": "finite-array"},
        extra={"x": {"wrong-width": np.ones((4, 3)), "1-d": np.ones(2), "empty-batch": np.ones((0, 2))}},
    ),
    "concepts.initialization.training.StartRun": Exempt("the record start_experiment returns"),
    "concepts.initialization.training.start_experiment": Spec(
        training.start_experiment,
        {"init": "he", "sizes": [2, 4, 1], "steps": 3, "lr": 0.5, "rng": 0},
        valid={"init": {"none": "None is nn.Linear's default start"}},
        extra={
            "sizes": {"three-inputs": [3, 4, 1], "two-outputs": [2, 4, 2], "one-size": [2]},
            "steps": {"zero": 0},
            "lr": {"zero": 0.0, "negative": -0.5},
        },
    ),
    "concepts.initialization.training.WarmStart": Exempt("the record warm_start returns"),
    "concepts.initialization.training.warm_start": Spec(
        training.warm_start,
        {"angle": 30.0, "steps": 2, "pretrain_steps": 2, "runs": 1, "lr": 0.5, "rng": 0},
        extra={
            "steps": {"zero": 0},
            "pretrain_steps": {"zero": 0},
            "runs": {"zero": 0},
            "lr": {"zero": 0.0, "negative": -0.5},
        },
    ),
    "concepts.initialization.training.steps_to_reach": Spec(
        training.steps_to_reach,
        {"losses": [0.9, 0.5, 0.2], "target": 0.3},
        extra={"losses": {"2-d": [[0.9, 0.5]]}},
    ),
}
