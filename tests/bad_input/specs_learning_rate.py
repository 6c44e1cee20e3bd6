"""Valid calls of concepts.learning_rate: descent, optimizers, the range test and the schedules."""

from __future__ import annotations

import numpy as np
from battery import Exempt, Spec

from concepts.learning_rate import (
    SGD,
    Adam,
    Quadratic,
    classifier_objective,
    cosine_annealing_lr,
    exponential_lr,
    gradient_descent,
    linear_lr,
    lr_range_test,
    one_cycle_lr,
    optimize,
    step_lr,
    train,
)
from concepts.network import MLP

X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.5, 0.5], [1.0, 1.0]])
Y = np.array([0.0, 1.0, 1.0, 0.0])


def _twice(x):
    return 2 * x


def _bowl_problem() -> dict:
    """A fresh weight and its objective, `f(w) = w . w` (the optimizers and the range test step `w`)."""
    w = np.array([1.0, -2.0])
    return {"params": [w], "loss_and_grads": lambda: (float(w @ w), [2 * w])}


def _range_test_args() -> dict:
    return {
        **_bowl_problem(),
        "start_lr": 1e-3,
        "end_lr": 10.0,
        "steps": 8,
        "optimizer": SGD(1e-3),
        "beta": 0.9,
        "diverge": 4.0,
        "rule": "steepest",
    }


def _step_args() -> dict:
    return {"params": [np.array([1.0, 2.0]), np.array([[0.5]])], "grads": [np.array([0.5, -0.5]), np.array([[1.0]])]}


NOT_A_PAIR = {"returns-number": lambda: 1.0, "returns-text": lambda: ("a", [np.ones(2)])}
# params that an optimizer cannot update in place: not float arrays, or none at all
BAD_PARAMS = {"empty": [], "int-array": [np.array([1, 2])], "floats": [1.0, 2.0]}
STEP_GRADS = {"wrong-shape": [np.ones(3), np.ones((1, 1))], "one-too-few": [np.ones(2)]}

SPECS = {
    # --- descent ---
    "concepts.learning_rate.descent.gradient_descent": Spec(
        gradient_descent,
        {"grad": _twice, "x0": [1.0, -0.5], "lr": 0.25, "steps": 3},
        kinds={"x0": "finite-array"},
        extra={
            "lr": {"zero": 0.0, "negative": -0.25},
            "x0": {"empty": [], "2-d": [[1.0], [2.0]]},
            "grad": {"wrong-shape": lambda x: np.ones(3), "returns-text": lambda x: "a"},
        },
    ),
    "concepts.learning_rate.descent.optimize": Spec(
        optimize,
        lambda: {"optimizer": SGD(0.1, momentum=0.9), "grad": _twice, "x0": [1.0, -0.5], "steps": 3},
        kinds={"optimizer": "object", "x0": "finite-array"},
        extra={
            "x0": {"empty": [], "2-d": [[1.0], [2.0]]},
            "grad": {"wrong-shape": lambda x: np.ones(3), "returns-none": lambda x: None},
            "optimizer": {"the-class": SGD},
        },
    ),
    "concepts.learning_rate.descent.Quadratic": Spec(
        Quadratic,
        {"hessian": [1.0, 10.0], "minimum": [0.5, -1.0]},
        kinds={"hessian": "finite-array", "minimum": "finite-array"},
        valid={"minimum": {"none": "None puts the minimum at the origin (the default)"}},
        extra={
            "hessian": {
                "not-positive": [-1.0, 10.0],
                "zero-curvature": [0.0, 1.0],
                "not-symmetric": [[2.0, 1.0], [0.0, 2.0]],
                "not-square": np.ones((2, 3)),
                "empty": [],
                "number": 2.0,
                "3-d": np.ones((2, 2, 2)),
            },
            "minimum": {"wrong-length": [1.0, 2.0, 3.0], "2-d": [[1.0, 2.0]], "number": 1.0},
        },
    ),
    "concepts.learning_rate.descent.Quadratic.__call__": Spec(
        lambda: Quadratic([1.0, 10.0]).__call__,
        {"x": [1.0, -0.5]},
        make=True,
        extra={"x": {"wrong-width": [1.0, 2.0, 3.0]}},
    ),
    "concepts.learning_rate.descent.Quadratic.stretched": Spec(
        Quadratic.stretched,
        {"mu": 1.0, "L": 10.0, "angle": 30.0},
        extra={"mu": {"zero": 0.0, "negative": -1.0}, "L": {"below-mu": 0.5}},
    ),
    "concepts.learning_rate.descent.Quadratic.least_squares": Spec(
        Quadratic.least_squares,
        {"x": np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]), "y": np.array([1.0, 2.0, 3.0])},
        kinds={"x": "finite-array", "y": "finite-array"},
        extra={"x": {"rank-deficient": np.ones((3, 2))}, "y": {"wrong-length": [1.0, 2.0]}},
    ),
    "concepts.learning_rate.descent.Quadratic.grad": Spec(
        lambda: Quadratic([1.0, 10.0]).grad,
        {"x": [1.0, -0.5]},
        make=True,
        extra={"x": {"wrong-width": [1.0, 2.0, 3.0], "number": 1.0}},
    ),
    "concepts.learning_rate.descent.Quadratic.contraction": Spec(
        lambda: Quadratic([1.0, 10.0]).contraction,
        {"lr": [0.05, 0.1]},
        make=True,
        kinds={"lr": "finite-array"},
        extra={"lr": {"zero": 0.0, "negative": [0.1, -0.1], "nan": np.nan, "inf": np.inf}},
    ),
    "concepts.learning_rate.descent.Quadratic.steps_to_converge": Spec(
        lambda: Quadratic([1.0, 10.0]).steps_to_converge,
        {"lr": [0.05, 0.1], "x0": [1.0, 1.0], "tol": 1e-3, "max_steps": 50},
        make=True,
        kinds={"lr": "finite-array", "x0": "finite-array"},
        extra={
            "lr": {"zero": 0.0, "negative": [0.1, -0.1], "nan": np.nan},
            "x0": {"wrong-width": [1.0, 2.0, 3.0], "empty": [], "2-d": [[1.0, 1.0]]},
            "tol": {"zero": 0.0, "one": 1.0, "negative": -1e-3},
            "max_steps": {"zero": 0},
        },
    ),
    # --- optimizers ---
    "concepts.learning_rate.optimizers.SGD": Spec(
        SGD,
        {"lr": 0.1, "momentum": 0.9, "nesterov": True, "dampening": 0.0, "weight_decay": 0.01},
        extra={
            "lr": {"zero": 0.0, "negative": -0.1},
            "momentum": {"one": 1.0, "negative": -0.1},
            "dampening": {"one": 1.0, "negative": -0.1, "with-nesterov": 0.5},
            "weight_decay": {"negative": -0.01},
        },
    ),
    "concepts.learning_rate.optimizers.SGD.step": Spec(
        lambda: SGD(0.1, momentum=0.9).step,
        _step_args,
        make=True,
        extra={"params": BAD_PARAMS, "grads": STEP_GRADS},
    ),
    "concepts.learning_rate.optimizers.Adam": Spec(
        Adam,
        {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0},
        extra={
            "lr": {"zero": 0.0, "negative": -1e-3},
            "betas": {
                "beta1-one": (1.0, 0.999),
                "beta2-negative": (0.9, -0.1),
                "nan": (np.nan, 0.999),
                "one-number": (0.9,),
                "three-numbers": (0.9, 0.99, 0.999),
                "a-number": 0.9,
            },
            "eps": {"negative": -1e-8},
            "weight_decay": {"negative": -0.01},
        },
    ),
    "concepts.learning_rate.optimizers.Adam.step": Spec(
        lambda: Adam(0.1).step,
        _step_args,
        make=True,
        extra={"params": BAD_PARAMS, "grads": STEP_GRADS},
    ),
    # --- range_test ---
    "concepts.learning_rate.range_test.lr_range_test": Spec(
        lr_range_test,
        _range_test_args,
        kinds={"params": "object", "optimizer": "object"},
        valid={"optimizer": {"none": "None means plain SGD (the default)"}},
        extra={
            "params": BAD_PARAMS,
            "loss_and_grads": NOT_A_PAIR,
            "start_lr": {"zero": 0.0, "negative": -1e-3, "above-end": 20.0},
            "end_lr": {"zero": 0.0, "below-start": 1e-4, "equal-to-start": 1e-3},
            "steps": {"zero": 0, "one": 1},
            "beta": {"one": 1.0, "negative": -0.1},
            "diverge": {"one": 1.0, "zero": 0.0},
            "optimizer": {"the-class": SGD},
        },
    ),
    "concepts.learning_rate.range_test.RangeTest": Exempt(
        "the record lr_range_test returns; callers read it, not build it"
    ),
    "concepts.learning_rate.range_test.train": Spec(
        train,
        lambda: {**_bowl_problem(), "optimizer": SGD(0.1), "steps": 3},
        kinds={"params": "object", "optimizer": "object"},
        extra={
            "params": BAD_PARAMS,
            "loss_and_grads": NOT_A_PAIR,
            "steps": {"zero": 0},
            "optimizer": {"the-class": Adam},
        },
    ),
    "concepts.learning_rate.range_test.classifier_objective": Spec(
        classifier_objective,
        lambda: {"net": MLP([2, 3, 1], rng=0), "x": X, "y": Y, "batch_size": 2, "rng": 0},
        kinds={"x": "finite-array", "y": "finite-array"},
        valid={"batch_size": {"none": "None means the whole data set at every call (the default)"}},
        extra={
            "net": {"two-outputs": MLP([2, 3, 2], rng=0), "the-class": MLP},
            "x": {
                "empty-batch": np.ones((0, 2)),
                "wrong-width": np.ones((4, 3)),
                "wrong-rows": np.ones((3, 2)),
                "1-d": np.ones(4),
            },
            "y": {"not-0-to-1": [0.0, 2.0, 1.0, 0.0], "negative": [0.0, -1.0, 1.0, 0.0], "2-d": Y[:, None]},
            "batch_size": {"zero": 0, "more-than-the-data": 5},
        },
    ),
    # --- schedules ---
    "concepts.learning_rate.schedules.step_lr": Spec(
        step_lr,
        {"lr0": 0.1, "step": 3, "step_size": 2, "gamma": 0.5},
        extra={
            "lr0": {"zero": 0.0, "negative": -0.1},
            "step": {"float-array": [0.5, 1.0], "negative-entry": [0, -1], "huge": 2**70, "text-array": ["a"]},
            "step_size": {"zero": 0},
            "gamma": {"zero": 0.0, "negative": -0.5},
        },
    ),
    "concepts.learning_rate.schedules.exponential_lr": Spec(
        exponential_lr,
        {"lr0": 0.1, "step": np.arange(4), "gamma": 0.9},
        kinds={"step": "int"},
        extra={
            "lr0": {"zero": 0.0, "negative": -0.1},
            "step": {"float-array": [0.5, 1.0], "negative-entry": [0, -1], "huge": -(2**70), "bool-array": [True]},
            "gamma": {"zero": 0.0, "negative": -0.9},
        },
    ),
    "concepts.learning_rate.schedules.linear_lr": Spec(
        linear_lr,
        {"lr0": 0.3, "step": 2, "start_factor": 0.1, "end_factor": 1.0, "total_iters": 3},
        extra={
            "lr0": {"zero": 0.0, "negative": -0.3},
            "start_factor": {"zero": 0.0, "above-one": 1.5},
            "end_factor": {"negative": -0.1, "above-one": 1.5},
            "total_iters": {"zero": 0},
        },
    ),
    "concepts.learning_rate.schedules.cosine_annealing_lr": Spec(
        cosine_annealing_lr,
        {"lr0": 0.1, "step": 3, "T_max": 4, "eta_min": 0.001},
        extra={"lr0": {"zero": 0.0, "negative": -0.1}, "T_max": {"zero": 0}, "eta_min": {"negative": -0.001}},
    ),
    "concepts.learning_rate.schedules.one_cycle_lr": Spec(
        one_cycle_lr,
        {"max_lr": 1.0, "step": 3, "total_steps": 10, "pct_start": 0.3, "div_factor": 25.0, "final_div_factor": 1e4},
        extra={
            "max_lr": {"zero": 0.0, "negative": -1.0},
            "step": {"beyond-the-end": 11},
            "total_steps": {"zero": 0, "too-few-for-step": 2},
            "pct_start": {"negative": -0.1, "above-one": 1.5},
            "div_factor": {"zero": 0.0, "negative": -25.0},
            "final_div_factor": {"zero": 0.0, "negative": -1e4},
        },
    ),
}
