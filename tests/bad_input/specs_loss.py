"""Valid calls of concepts.loss: the regression and classification losses, their gradients, the
reductions they share, and the practice helpers (fit_line, train_curves, accuracy).

The losses refuse a NaN or an infinity in a prediction or a target (a loss is one number that must
mean something), so their data arrays are "finite-array"; softmax and log_softmax, like activations,
pass a NaN through as PyTorch does, so theirs is "array".
"""

from __future__ import annotations

import numpy as np
from battery import NAN, Spec

from concepts.loss import classification, practice, reduction, regression
from concepts.network import MLP

PRED, TARGET = [0.5, 2.0], [0.0, 1.0]  # a regression prediction and its target
PROBS, LABELS = [0.9, 0.2], [1.0, 0.0]  # probabilities and targets in [0, 1]
LOGITS = np.array([[2.0, 0.0, -1.0], [0.0, 1.0, 0.5]])  # two examples, three classes
CLASSES = np.array([0, 2])

PAIR = {"input": "finite-array", "target": "finite-array"}
TARGET_SHAPES = {"wrong-shape": [0.0, 1.0, 2.0], "column": [[0.0], [1.0]]}
CLASS_TARGETS = {
    "beyond-width": [0, 3],
    "negative": [0, -1],
    "floats": [0.0, 2.0],
    "bools": [True, False],
    "wrong-length": [0],
    "2-d": [[0], [2]],
}
LOGIT_SHAPES = {"1-d": [1.0, 2.0], "no-classes": np.zeros((2, 0))}


def _regression(f, **more):
    args = {"input": PRED, "target": TARGET, **more, "reduction": "mean"}
    extra = {"target": TARGET_SHAPES}
    if "delta" in more:
        extra["delta"] = {"zero": 0.0, "negative": -1.0}
    if "beta" in more:
        extra["beta"] = {"negative": -1.0}  # beta = 0 is valid: smooth L1 is then L1, as in PyTorch
    return Spec(f, args, kinds=PAIR, extra=extra)


def _probabilities(f):
    return Spec(
        f,
        {"input": PROBS, "target": LABELS, "reduction": "mean"},
        kinds=PAIR,
        extra={
            "input": {"above-one": [1.5, 0.5], "negative": [-0.1, 0.5]},
            "target": {**TARGET_SHAPES, "above-one": [1.0, 2.0], "negative": [-1.0, 0.0]},
        },
    )


def _logits(f):
    return Spec(
        f,
        {"input": [3.0, -1.0], "target": LABELS, "reduction": "mean"},
        kinds=PAIR,
        extra={"target": {**TARGET_SHAPES, "above-one": [1.0, 2.0]}},
    )


def _classes(f, **more):
    return Spec(
        f,
        {"input": LOGITS, "target": CLASSES, **more},
        kinds=PAIR,
        extra={"input": {**LOGIT_SHAPES, "empty-batch": np.zeros((0, 3))}, "target": CLASS_TARGETS},
    )


def _softmax(f):
    return Spec(f, {"input": LOGITS}, extra={"input": {"no-classes": np.zeros((2, 0)), "0-d": 1.0}})


def _curves_args():
    x, y = np.linspace(-1, 1, 4)[:, None], np.sin(np.linspace(-1, 1, 4))[:, None]
    return {
        "net": MLP([1, 4, 1], rng=0),
        "train": (x, y),
        "held_out": (x + 0.1, y),
        "loss": "mse",
        "lr": 0.05,
        "momentum": 0.9,
        "steps": 3,
        "record": [0, 3],
    }


def _nan_net() -> MLP:
    net = MLP([1, 4, 1], rng=0)
    net.parameters()[0][0, 0] = NAN
    return net


_X, _Y = np.linspace(-1, 1, 4)[:, None], np.zeros((4, 1))
BAD_DATA = {  # a (x, y) pair that must be refused, by label
    "one-part": (_X,),
    "three-parts": (_X, _Y, _Y),
    "nan": (np.array([[NAN], [0.0], [1.0], [2.0]]), _Y),
    "inf-target": (_X, np.full((4, 1), np.inf)),
    "wrong-width": (np.ones((4, 3)), _Y),
    "y-wrong-width": (_X, np.ones((4, 2))),
    "rows-differ": (_X, _Y[:2]),
    "1-d": (_X.ravel(), _Y.ravel()),
    "empty": (np.zeros((0, 1)), np.zeros((0, 1))),
    "strings": ("ab", "cd"),
}

SPECS = {
    # --- regression ---
    **{
        f"concepts.loss.regression.{f.__name__}": _regression(f)
        for f in (regression.mse_loss, regression.mse_loss_grad, regression.l1_loss, regression.l1_loss_grad)
    },
    "concepts.loss.regression.huber_loss": _regression(regression.huber_loss, delta=1.0),
    "concepts.loss.regression.huber_loss_grad": _regression(regression.huber_loss_grad, delta=1.0),
    "concepts.loss.regression.smooth_l1_loss": _regression(regression.smooth_l1_loss, beta=1.0),
    "concepts.loss.regression.smooth_l1_loss_grad": _regression(regression.smooth_l1_loss_grad, beta=1.0),
    # --- classification ---
    "concepts.loss.classification.binary_cross_entropy": _probabilities(classification.binary_cross_entropy),
    "concepts.loss.classification.binary_cross_entropy_grad": _probabilities(classification.binary_cross_entropy_grad),
    "concepts.loss.classification.binary_cross_entropy_with_logits": _logits(
        classification.binary_cross_entropy_with_logits
    ),
    "concepts.loss.classification.binary_cross_entropy_with_logits_grad": _logits(
        classification.binary_cross_entropy_with_logits_grad
    ),
    "concepts.loss.classification.cross_entropy": _classes(classification.cross_entropy, reduction="mean"),
    "concepts.loss.classification.cross_entropy_grad": _classes(classification.cross_entropy_grad, reduction="mean"),
    "concepts.loss.classification.naive_cross_entropy": _classes(classification.naive_cross_entropy),
    "concepts.loss.classification.log_softmax": _softmax(classification.log_softmax),
    "concepts.loss.classification.softmax": _softmax(classification.softmax),
    # --- practice ---
    "concepts.loss.practice.fit_line": Spec(
        practice.fit_line,
        {"x": [0.0, 1.0, 2.0], "y": [1.0, 3.0, 5.0], "loss": "mse", "lr": 0.1, "steps": 5},
        kinds={"x": "finite-array", "y": "finite-array"},
        extra={
            "x": {"2-d": [[0.0], [1.0], [2.0]], "empty": []},
            "y": {"wrong-length": [1.0, 2.0]},
            "lr": {"zero": 0.0, "negative": -0.1},
            "steps": {"zero": 0},
        },
    ),
    "concepts.loss.practice.train_curves": Spec(
        practice.train_curves,
        _curves_args,
        kinds={"net": "object", "train": "object", "held_out": "object", "record": "object"},
        valid={"record": {"none": "None records every step, the default"}},
        extra={
            "net": {
                "sizes": [1, 4, 1],
                "too-wide": MLP([2, 4, 1], rng=0),
                "two-outputs": MLP([1, 4, 2], rng=0),
                "nan-weights": _nan_net(),
            },
            "train": BAD_DATA,
            "held_out": BAD_DATA,
            "lr": {"zero": 0.0, "negative": -0.05},
            "momentum": {"negative": -0.1, "one": 1.0},
            "steps": {"zero": 0},
            "record": {
                "text-entry": [0, "a"],
                "negative": [0, -1],
                "float": [0, 1.5],
                "bool": [True],
                "beyond-steps": [0, 4],
                "2-d": [[0, 1]],
            },
        },
    ),
    "concepts.loss.practice.accuracy": Spec(
        practice.accuracy,
        {"input": LOGITS, "target": CLASSES},
        kinds=PAIR,
        extra={"input": {**LOGIT_SHAPES, "empty-batch": np.zeros((0, 3))}, "target": CLASS_TARGETS},
    ),
    # --- reduction: the plumbing the losses share; the checks name the argument they are told ---
    "concepts.loss.reduction.pair": Spec(
        reduction.pair,
        {"input": PRED, "target": TARGET, "name": "logits"},
        kinds={**PAIR, "name": None},
        says={"input": "logits"},
        extra={"input": {"empty": []}, "target": TARGET_SHAPES},
    ),
    "concepts.loss.reduction.classes": _classes(reduction.classes),
    "concepts.loss.reduction.reduce": Spec(
        reduction.reduce,
        {"losses": np.array([0.5, 2.0]), "reduction": "mean"},
        extra={"losses": {"empty": np.zeros(0)}},
    ),
    "concepts.loss.reduction.scale": Spec(
        reduction.scale,
        {"grad": np.array([0.5, 2.0]), "reduction": "mean", "count": 2},
        extra={"count": {"zero": 0}},
    ),
    "concepts.loss.reduction.check_reduction": Spec(reduction.check_reduction, {"reduction": "mean"}),
    "concepts.loss.reduction.check_probability": Spec(
        reduction.check_probability,
        {"y": np.array([0.5, 1.0]), "name": "target"},
        kinds={"y": "finite-array", "name": None},
        says={"y": "target"},
        extra={"y": {"above-one": [1.5], "negative": [-0.5]}},
    ),
}
