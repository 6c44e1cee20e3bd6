"""Tests for concepts.chain_rule: the hinge loss, ValueMLP, and the demo on both engines.

Also checks the committed benchmark results that the Performance page includes. The PyTorch cross-checks
of the demo's loss and gradients are in reference/test_chain_rule_torch.py.
"""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from concepts.chain_rule import (
    DEMO_ALPHA,
    DEMO_SIZES,
    ValueMLP,
    demo_learning_rate,
    demo_loss,
    demo_problem,
    demo_step,
    hinge_loss,
    hinge_loss_grad,
    numerical_parameter_gradients,
    topological_order,
    train_demo,
    value_demo_loss,
)
from concepts.network import MLP

ROOT = Path(__file__).resolve().parents[2]
BENCHMARK = ROOT / "benchmarks" / "chain_rule.json"


# The hinge loss ---------------------------------------------------------------------------------------


def test_hinge_loss_is_zero_beyond_the_margin_and_linear_inside():
    assert hinge_loss([1.0, 3.0, -2.0], [1, 1, -1]) == 0.0
    assert hinge_loss([0.25, -0.5], [1, 1]) == pytest.approx((0.75 + 1.5) / 2)
    np.testing.assert_allclose(hinge_loss_grad([0.25, 3.0], [1, -1]), [-0.5, 0.5])


def test_hinge_loss_rejects_targets_other_than_plus_minus_one():
    with pytest.raises(ValueError, match="target"):
        hinge_loss([0.5, 0.5], [0, 1])
    with pytest.raises(ValueError, match="target"):
        hinge_loss([0.5, 0.5], [1])


# ValueMLP and MLP compute the same thing -------------------------------------------------------------


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "identity"])
def test_value_mlp_computes_what_mlp_computes(activation):
    net = MLP([3, 4, 5, 2], activation=activation, rng=0)
    model = ValueMLP(net.parameters(), activation=activation)
    x = np.random.default_rng(1).normal(size=(4, 3))
    outputs = [[v.data for v in model(row)] for row in x.tolist()]
    np.testing.assert_allclose(outputs, net.forward(x), rtol=1e-13, atol=1e-14)


def test_value_mlp_parameters_come_back_as_the_arrays_they_were_built_from():
    net = MLP([2, 3, 1], rng=0)
    model = ValueMLP(net.parameters())
    assert len(model.parameters()) == sum(p.size for p in net.parameters())
    for mine, given in zip(model.arrays(), net.parameters()):
        assert mine.shape == given.shape and np.array_equal(mine, given)


def test_value_mlp_and_mlp_take_the_same_training_steps():
    """The issue's check: the same initial parameters through a few SGD steps on both engines, to 1e-10."""
    net, x, y = demo_problem(rng=0)
    model = ValueMLP(net.parameters(), activation="relu")
    for k in range(3):
        lr = demo_learning_rate(k)
        mine, theirs = demo_step(net, x, y, lr), demo_step(model, x, y, lr)
        np.testing.assert_allclose(mine, theirs, rtol=1e-12)
    for a, b in zip(net.parameters(), model.arrays()):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)


def test_value_gradients_of_the_demo_loss_equal_the_vectorised_ones():
    net, x, y = demo_problem(rng=3)
    loss, _, grads = demo_loss(net, x[:20], y[:20])
    model = ValueMLP(net.parameters())
    total, _ = value_demo_loss(model, x[:20], y[:20], DEMO_ALPHA)
    total.backward()
    assert total.data == pytest.approx(loss, rel=1e-13)
    flat = np.concatenate([g.ravel() for g in grads])
    np.testing.assert_allclose([p.grad for p in model.parameters()], flat, rtol=1e-10, atol=1e-14)


def test_demo_loss_gradients_match_central_differences():
    net, x, y = demo_problem(rng=1)
    _, _, grads = demo_loss(net, x, y)
    w = net.parameters()[2]
    numeric = numerical_parameter_gradients(lambda: demo_loss(net, x, y)[0], [w])[0]
    np.testing.assert_allclose(grads[2], numeric, rtol=1e-5, atol=1e-8)


def test_the_demo_reaches_full_accuracy_in_100_steps():
    net, x, y = demo_problem(rng=0)
    assert [w.shape[0] for w in net.weights] + [net.sizes[-1]] == list(DEMO_SIZES)
    history = train_demo(net, x, y)
    assert history.shape == (100, 2)
    assert history[-1, 1] == 1.0 and history[-1, 0] < 0.02
    assert history[0, 1] < 0.6  # it starts near chance


def test_the_demo_facts_the_page_states():
    net, x, y = demo_problem(rng=0)
    history = train_demo(net, x, y)
    assert history[0, 1] == 0.46 and round(history[0, 0], 2) == 0.95  # the start the figure shows
    assert int(np.flatnonzero(history[:, 1] < 1)[-1]) + 1 == 55  # 100 % from step 55 on
    net, x, y = demo_problem(rng=0)
    total, accuracy = value_demo_loss(ValueMLP(net.parameters()), x, y)
    assert (round(total.data, 2), accuracy) == (0.95, 0.46)
    assert 64_000 < len(topological_order(total)) < 66_000  # "about 65,000 nodes per step"


def test_a_step_updates_the_networks_own_arrays_in_place():
    net, x, y = demo_problem(rng=0)
    params = net.parameters()
    before = [p.copy() for p in params]
    loss, _, grads = demo_loss(net, x, y)
    assert demo_step(net, x, y, lr=0.5)[0] == loss
    for p, q, old, g in zip(net.parameters(), params, before, grads):
        assert p is q  # the same arrays, changed in place
        np.testing.assert_allclose(p, old - 0.5 * g, rtol=1e-14, atol=1e-16)


def test_the_value_loss_backward_accumulates_into_the_parameters():
    net, x, y = demo_problem(rng=2)
    model = ValueMLP(net.parameters())
    for _ in range(2):
        value_demo_loss(model, x[:10], y[:10])[0].backward()
    _, _, grads = demo_loss(net, x[:10], y[:10])
    flat = np.concatenate([g.ravel() for g in grads])
    np.testing.assert_allclose([p.grad for p in model.parameters()], 2 * flat, rtol=1e-10, atol=1e-14)


def test_demo_learning_rate_is_micrograds_schedule():
    assert [demo_learning_rate(k) for k in (0, 50, 99)] == pytest.approx([1.0, 0.55, 0.109], rel=1e-15)


# The committed benchmark -----------------------------------------------------------------------------


def test_committed_benchmark_results_are_well_formed():
    results = json.loads(BENCHMARK.read_text(encoding="utf-8"))
    assert {"machine", "demo", "gc", "backward_cost", "million_nodes", "ratios"} <= set(results)
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["cpu"] and machine["date"][:2] == "20"
    for name in ("MLP", "numpy loop", "Value"):
        entry = results["demo"][name]
        assert entry["median_s"] > 0 and entry["final_accuracy"] == 1.0
        assert entry["max_abs_diff_from_MLP"] < 1e-9  # every engine took the same steps
    for row in results["backward_cost"]:
        assert row["forward_s"] > 0 and row["backward_s"] > 0 and row["parameters"] > 0
    assert results["million_nodes"]["nodes"] >= 1_000_000 and results["million_nodes"]["objects_left_for_gc"] == 0
    assert results["gc"]["Value"]["objects_left_for_gc_per_step"] == 0


def test_the_performance_page_includes_the_benchmark_table_written_with_the_results():
    page = (ROOT / "docs" / "reference" / "performance.md").read_text(encoding="utf-8")
    assert '--8<-- "benchmarks/chain_rule.md"' in page
    table = (ROOT / "benchmarks" / "chain_rule.md").read_text(encoding="utf-8")
    results = json.loads(BENCHMARK.read_text(encoding="utf-8"))
    assert results["machine"]["cpu"] in table and results["machine"]["date"] in table
    assert "| micrograd's demo, 100 steps |" in table
    for name, entry in results["demo"].items():
        assert f"| {name}" in table and f"| {entry['final_loss']:.4f} |" in table


# Bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: ValueMLP([np.ones((2, 3))]), ValueError, "parameters"),
        (lambda: ValueMLP([np.ones((2, 3)), np.ones(2)]), ValueError, "parameters"),
        (lambda: ValueMLP([np.ones((2, 3)), np.ones(3), np.ones((2, 1)), np.ones(1)]), ValueError, "parameters"),
        (lambda: ValueMLP([np.ones((2, 3)), np.ones(3)], activation="leaky_relu"), ValueError, "activation"),
        (lambda: ValueMLP([np.ones((2, 3)), np.ones(3)])([1.0]), ValueError, "x"),
        (lambda: demo_step("net", np.ones((2, 2)), [1, -1], 0.1), TypeError, "model"),
        (lambda: demo_loss(ValueMLP([np.ones((2, 1)), np.ones(1)]), np.ones((2, 2)), [1, -1]), TypeError, "net"),
        (lambda: value_demo_loss(MLP([2, 1], rng=0), np.ones((2, 2)), [1, -1]), TypeError, "model"),
        (
            lambda: value_demo_loss(ValueMLP([np.ones((2, 1)), np.ones(1)]), np.ones((2, 2)), [1, 2]),
            ValueError,
            "y must",
        ),
        (lambda: train_demo(MLP([2, 1], rng=0), np.ones((2, 2)), [1, -1], steps=0), ValueError, "steps"),
        (lambda: train_demo(MLP([2, 1], rng=0), np.ones((2, 2)), [1, 0]), ValueError, "y must"),
    ],
)
def test_bad_input_is_rejected_with_the_argument_named(make, error, match):
    with pytest.raises(error, match=match):
        make()


X4, Y4 = np.array([[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8], [1.0, 1.0]]), [1.0, -1.0, 1.0, -1.0]


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: hinge_loss([], []), ValueError, "scores must not be empty"),
        (lambda: demo_loss(MLP([2, 1], rng=0), np.ones((0, 2)), []), ValueError, "x must not be empty"),
        (lambda: demo_loss(MLP([2, 1], rng=0), [[0.5, np.nan]], [1.0]), ValueError, "x must hold finite"),
        (lambda: demo_loss(MLP([2, 2], rng=0), X4, Y4), ValueError, "net must give one score per point"),
        (lambda: demo_loss(MLP([3, 1], rng=0), X4, Y4), ValueError, "x must have 3 columns, the input width of net"),
        (lambda: demo_loss(MLP([2, 1], rng=0), X4, Y4, alpha=-1e-4), ValueError, "alpha"),
        (lambda: demo_step(MLP([2, 1], rng=0), X4, Y4, lr=float("nan")), ValueError, "lr"),
        (lambda: demo_step(MLP([2, 1], rng=0), X4, Y4, lr=-0.1), ValueError, "lr"),
        (lambda: demo_step(MLP([2, 1], rng=0), X4, [1.0, -1.0], lr=0.1), ValueError, "y must hold one target per row"),
        (lambda: demo_learning_rate(100, 100), ValueError, "step must be below steps"),
        (lambda: demo_learning_rate(1, 0), ValueError, "steps"),
        (lambda: ValueMLP(MLP([2, 1], rng=0).parameters())(["a", "b"]), TypeError, r"x\[0\]"),
        (lambda: ValueMLP(MLP([2, 1], rng=0).parameters())([0.5, float("inf")]), ValueError, r"x\[1\]"),
        (lambda: ValueMLP(MLP([2, 1], rng=0).parameters())(None), TypeError, "x must be a sequence"),
        (lambda: ValueMLP([np.ones((2, 1)) * np.nan, np.ones(1)]), ValueError, r"parameters\[0\]"),
        (lambda: ValueMLP(None), TypeError, "parameters"),
    ],
)
def test_the_errors_name_the_callers_argument(make, error, match):
    """The checks the issue found missing: each error names the argument as the caller wrote it."""
    with pytest.raises(error, match=match):
        make()


# Valid extremes: quiet, and a finite answer where the true value is finite ----------------------------


def test_hinge_loss_at_the_largest_floats_is_finite_and_quiet():
    """The sum of the two margins overflows, their mean (1e308) does not."""
    assert hinge_loss([1e308, -1e308], [-1, 1]) == 1e308
    assert hinge_loss([-1e308, 1e308], [1, -1]) == 1e308


def test_hinge_loss_passes_nan_and_inf_through_as_pytorch_does():
    assert math.isnan(hinge_loss([float("nan"), 1.0], [1, 1]))
    assert hinge_loss([-float("inf"), 1.0], [1, 1]) == float("inf")
    # PyTorch's relu passes the gradient at NaN: d/ds relu(1 - s) = -1, over n = 2 points
    np.testing.assert_array_equal(hinge_loss_grad([float("nan"), 2.0], [1, 1]), [-0.5, 0.0])


def test_training_that_diverges_does_so_quietly():
    """A huge learning rate sends the weights to inf and nan without a warning, as gradient_descent does."""
    net = MLP([2, 3, 1], "relu", rng=0)
    history = [demo_step(net, X4, Y4, lr=1e300) for _ in range(3)]
    assert not all(math.isfinite(loss) for loss, _ in history)
    history = train_demo(MLP([2, 3, 1], "relu", rng=0), X4 * 1e150, Y4, steps=5)
    assert not np.isfinite(history[:, 0]).all()


def test_a_zero_learning_rate_and_no_penalty_leave_the_network_alone():
    net = MLP([2, 3, 1], "relu", rng=0)
    before = [p.copy() for p in net.parameters()]
    demo_step(net, X4, Y4, lr=0.0, alpha=0.0)
    assert all(np.array_equal(p, q) for p, q in zip(net.parameters(), before))
