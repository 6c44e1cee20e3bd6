"""Valid calls of concepts.chain_rule: the scalar engine `Value`, backprop's experiments, micrograd's demo."""

from __future__ import annotations

import numpy as np
from battery import Exempt, Spec

from concepts.chain_rule import backprop, micrograd_demo, value
from concepts.chain_rule.micrograd_demo import ValueMLP
from concepts.chain_rule.value import Value
from concepts.network import MLP

X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8], [1.0, 1.0]])  # a batch of four points of the plane
Y = [1.0, -1.0, 1.0, -1.0]  # the demo's targets: -1 or +1

HUGE_INT = 10**400  # a real number, but no float: float() of it overflows

DEMO_X = {  # bad batches beyond the array kind's
    "wrong-width": np.ones((4, 3)),
    "1-d": [1.0, 2.0],
    "empty-batch": np.ones((0, 2)),
}
DEMO_Y = {
    "zero-label": [1.0, 0.0, 1.0, -1.0],
    "label-2": [1.0, 2.0, 1.0, -1.0],
    "wrong-length": [1.0, -1.0],
    "2-d": [Y],
}


def _net(sizes=(2, 3, 1)):
    return MLP(list(sizes), "relu", rng=0)


def _value_mlp(sizes=(2, 3, 1)):
    return ValueMLP(_net(sizes).parameters(), activation="relu")


def _forwarded(sizes=(2, 3, 1)):
    net = _net(sizes)
    net.forward(X)
    return net


def _product():
    return Value(2.0) * 3.0


def _operator(name: str, data: float = 2.0):
    return lambda: getattr(Value(data), name)


def _constant_operand(name: str, args: dict, extra: dict | None = None) -> Spec:
    """`Value(2.0).<name>(other)`: a plain number must be a finite real number, and fit in a float."""
    bad = {"huge-int": HUGE_INT, "-huge-int": -HUGE_INT, **(extra or {})}
    (argument,) = args
    return Spec(_operator(name), args, make=True, extra={argument: bad})


def _misfits(make):
    """Networks the batch X cannot go through, or that do not give one score per point."""
    return {label: make(sizes) for label, sizes in (("two-outputs", (2, 2)), ("wrong-input-width", (3, 1)))}


SPECS = {
    # --- value: the scalar engine ---
    "concepts.chain_rule.value.Value": Spec(
        Value,
        lambda: {"data": 6.0, "inputs": (Value(2.0), Value(3.0)), "local_grads": (3.0, 2.0), "op": "*", "label": "p"},
        kinds={"inputs": "object", "local_grads": "finite-array", "op": "choice", "label": "choice"},
        valid={
            "op": {"unknown": "any string names an operation", "generated": "any string names an operation"},
            "label": {"unknown": "any string is a label", "generated": "any string is a label"},
        },
        extra={
            "data": {"huge-int": HUGE_INT},
            "inputs": {"numbers": (2.0, 3.0), "one-input": (Value(2.0),), "a-string": "ab"},
            "local_grads": {"one-number": (3.0,), "2-d": [[3.0, 2.0]]},
        },
    ),
    "concepts.chain_rule.value.Value.__add__": _constant_operand("__add__", {"other": 3.0}),
    "concepts.chain_rule.value.Value.__radd__": _constant_operand("__radd__", {"other": 3.0}),
    "concepts.chain_rule.value.Value.__sub__": _constant_operand("__sub__", {"other": 3.0}),
    "concepts.chain_rule.value.Value.__rsub__": _constant_operand("__rsub__", {"other": 3.0}),
    "concepts.chain_rule.value.Value.__mul__": _constant_operand("__mul__", {"other": 3.0}),
    "concepts.chain_rule.value.Value.__rmul__": _constant_operand("__rmul__", {"other": 3.0}),
    "concepts.chain_rule.value.Value.__truediv__": _constant_operand(
        "__truediv__", {"other": 3.0}, {"zero": 0.0, "-zero": -0.0, "int-zero": 0}
    ),
    "concepts.chain_rule.value.Value.__rtruediv__": _constant_operand("__rtruediv__", {"other": 3.0}),
    "concepts.chain_rule.value.Value.__pow__": _constant_operand("__pow__", {"exponent": 3.0}, {"value": Value(2.0)}),
    "concepts.chain_rule.value.Value.maximum": _constant_operand("maximum", {"other": 1.0}),
    "concepts.chain_rule.value.Value.exp": Spec(_operator("exp"), make=True),
    "concepts.chain_rule.value.Value.log": Spec(_operator("log"), make=True),
    "concepts.chain_rule.value.Value.tanh": Spec(_operator("tanh"), make=True),
    "concepts.chain_rule.value.Value.sigmoid": Spec(_operator("sigmoid"), make=True),
    "concepts.chain_rule.value.Value.relu": Spec(_operator("relu"), make=True),
    "concepts.chain_rule.value.Value.backward": Spec(
        lambda: _product().backward, {"gradient": 1.0}, make=True, extra={"gradient": {"huge-int": HUGE_INT}}
    ),
    "concepts.chain_rule.value.topological_order": Spec(
        value.topological_order, lambda: {"root": _product()}, kinds={"root": "object"}
    ),
    "concepts.chain_rule.value.example_graph": Spec(
        value.example_graph, {"w": 0.5, "x": 2.0, "b": -0.5, "target": 1.0}, extra={"w": {"huge-int": HUGE_INT}}
    ),
    "concepts.chain_rule.value.zero_grad": Spec(
        value.zero_grad,
        lambda: {"values": [Value(1.0), Value(2.0)]},
        kinds={"values": "object"},
        extra={"values": {"with-a-number": [Value(1.0), 2.0], "a-value": Value(1.0)}},
    ),
    # --- micrograd_demo ---
    "concepts.chain_rule.micrograd_demo.hinge_loss": Spec(
        micrograd_demo.hinge_loss,
        {"scores": [2.0, 0.5, -1.0], "target": [1.0, 1.0, -1.0]},
        kinds={"scores": "array", "target": "finite-array"},
        extra={
            "scores": {"empty": [], "2-d": [[2.0, 0.5, -1.0]], "a-number": 2.0},
            "target": {"zero-label": [1.0, 0.0, -1.0], "wrong-length": [1.0, 1.0]},
        },
    ),
    "concepts.chain_rule.micrograd_demo.hinge_loss_grad": Spec(
        micrograd_demo.hinge_loss_grad,
        {"scores": [2.0, 0.5, -1.0], "target": [1.0, 1.0, -1.0]},
        kinds={"scores": "array", "target": "finite-array"},
        extra={
            "scores": {"empty": [], "2-d": [[2.0, 0.5, -1.0]]},
            "target": {"zero-label": [1.0, 0.0, -1.0], "wrong-length": [1.0, 1.0]},
        },
    ),
    "concepts.chain_rule.micrograd_demo.ValueMLP": Spec(
        ValueMLP,
        lambda: {"parameters": _net().parameters(), "activation": "tanh"},
        kinds={"parameters": "object"},
        extra={
            "parameters": {
                "one-array": [np.ones((2, 3))],
                "empty-list": [],
                "not-chaining": [np.ones((2, 3)), np.ones(3), np.ones((2, 1)), np.ones(1)],
                "bias-too-short": [np.ones((2, 3)), np.ones(2)],
                "1-d-weights": [np.ones(3), np.ones(3)],
                "nan": [np.array([[1.0, np.nan, 1.0], [1.0, 1.0, 1.0]]), np.ones(3)],
                "inf-bias": [np.ones((2, 3)), np.array([0.0, np.inf, 0.0])],
                "strings": [["a", "b"], ["c"]],
                "no-units": [np.ones((2, 0)), np.ones(0)],
                "a-dict": {"W": np.ones((2, 3)), "b": np.ones(3)},
            },
            "activation": {"leaky_relu": "leaky_relu"},
        },
    ),
    "concepts.chain_rule.micrograd_demo.ValueMLP.__call__": Spec(
        lambda: _value_mlp().__call__,
        {"x": [0.5, -1.0]},
        make=True,
        kinds={"x": "finite-array"},
        extra={"x": {"wrong-width": [0.5, -1.0, 2.0]}},
    ),
    "concepts.chain_rule.micrograd_demo.ValueMLP.parameters": Spec(lambda: _value_mlp().parameters, make=True),
    "concepts.chain_rule.micrograd_demo.ValueMLP.arrays": Spec(lambda: _value_mlp().arrays, make=True),
    "concepts.chain_rule.micrograd_demo.demo_problem": Spec(micrograd_demo.demo_problem, {"rng": 0}),
    "concepts.chain_rule.micrograd_demo.demo_learning_rate": Spec(
        micrograd_demo.demo_learning_rate,
        {"step": 3, "steps": 10},
        extra={"step": {"past-the-end": 10}, "steps": {"zero": 0, "not-beyond-step": 3}},
    ),
    "concepts.chain_rule.micrograd_demo.demo_loss": Spec(
        micrograd_demo.demo_loss,
        lambda: {"net": _net(), "x": X, "y": Y, "alpha": 1e-4},
        kinds={"net": "object", "x": "finite-array", "y": "finite-array"},
        extra={
            "net": {**_misfits(_net), "a-value-mlp": _value_mlp()},
            "x": DEMO_X,
            "y": DEMO_Y,
            "alpha": {"negative": -1e-4},
        },
    ),
    "concepts.chain_rule.micrograd_demo.value_demo_loss": Spec(
        micrograd_demo.value_demo_loss,
        lambda: {"model": _value_mlp(), "x": X, "y": Y, "alpha": 1e-4},
        kinds={"model": "object", "x": "finite-array", "y": "finite-array"},
        extra={
            "model": {**_misfits(_value_mlp), "an-mlp": _net()},
            "x": DEMO_X,
            "y": DEMO_Y,
            "alpha": {"negative": -1e-4},
        },
    ),
    "concepts.chain_rule.micrograd_demo.demo_step": Spec(
        micrograd_demo.demo_step,
        lambda: {"model": _net(), "x": X, "y": Y, "lr": 0.1, "alpha": 1e-4},
        kinds={"model": "object", "x": "finite-array", "y": "finite-array"},
        extra={
            "model": {**_misfits(_net), **{f"value-{k}": v for k, v in _misfits(_value_mlp).items()}},
            "x": DEMO_X,
            "y": DEMO_Y,
            "lr": {"negative": -0.1},
            "alpha": {"negative": -1e-4},
        },
    ),
    "concepts.chain_rule.micrograd_demo.train_demo": Spec(
        micrograd_demo.train_demo,
        lambda: {"model": _net(), "x": X, "y": Y, "steps": 3, "alpha": 1e-4},
        kinds={"model": "object", "x": "finite-array", "y": "finite-array"},
        extra={
            "model": {**_misfits(_net), **{f"value-{k}": v for k, v in _misfits(_value_mlp).items()}},
            "x": DEMO_X,
            "y": DEMO_Y,
            "steps": {"zero": 0},
            "alpha": {"negative": -1e-4},
        },
    ),
    # --- backprop ---
    "concepts.chain_rule.backprop.update_last_layer_first": Spec(
        backprop.update_last_layer_first,
        lambda: {"net": _net(), "x": X, "y": Y, "lr": 0.1, "alpha": 1e-4},
        kinds={"net": "object", "x": "finite-array", "y": "finite-array"},
        extra={
            "net": {**_misfits(_net), "a-value-mlp": _value_mlp()},
            "x": DEMO_X,
            "y": DEMO_Y,
            "lr": {"negative": -0.1},
            "alpha": {"negative": -1e-4},
        },
    ),
    "concepts.chain_rule.backprop.deep_stack": Spec(
        backprop.deep_stack,
        {"activation": "relu", "depth": 2, "width": 3, "rng": 0, "scaled": True},
        extra={"activation": {"softmax": "softmax"}},
    ),
    "concepts.chain_rule.backprop.layer_gradient_norms": Spec(
        backprop.layer_gradient_norms,
        lambda: {"net": _net(), "x": X, "grad_output": np.ones((4, 1))},
        kinds={"net": "object", "x": "finite-array", "grad_output": "finite-array"},
        extra={
            "net": {"a-value-mlp": _value_mlp(), "wrong-input-width": _net((3, 1))},
            "x": DEMO_X,
            "grad_output": {"wrong-batch": np.ones((3, 1)), "wrong-width": np.ones((4, 2)), "1-d": np.ones(4)},
        },
    ),
    "concepts.chain_rule.backprop.backprop_cost": Spec(
        backprop.backprop_cost, {"sizes": [2, 3, 1], "batch": 4}, extra={"sizes": {"one-size": [2]}}
    ),
    "concepts.chain_rule.backprop.BackpropCost": Exempt(
        "the record backprop_cost returns; callers read it, not build it"
    ),
    "concepts.chain_rule.backprop.saved_floats": Spec(
        backprop.saved_floats,
        lambda: {"net": _forwarded()},
        kinds={"net": "object"},
        extra={"net": {"a-value-mlp": _value_mlp()}},
    ),
}
