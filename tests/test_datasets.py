"""Tests for concepts.datasets: the logic-gate truth tables and the two moons."""

import operator

import numpy as np
import pytest

from concepts.datasets import GATES, line_with_outliers, logic_gate, two_moons

TRUTH = {  # each gate as the boolean function it names, independent of the table in the module
    "and": operator.and_,
    "or": operator.or_,
    "nand": lambda a, b: 1 - (a & b),
    "nor": lambda a, b: 1 - (a | b),
    "xor": operator.xor,
}


def test_gates_are_the_five_two_input_gates():
    assert sorted(GATES) == sorted(TRUTH)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_logic_gate_inputs_are_the_four_rows_in_binary_order(name):
    x, _ = logic_gate(name)
    assert x.shape == (4, 2) and x.dtype == np.float64
    np.testing.assert_array_equal(x, [[0, 0], [0, 1], [1, 0], [1, 1]])


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_logic_gate_targets_are_the_truth_table(name):
    x, y = logic_gate(name)
    assert y.shape == (4,) and y.dtype == np.float64
    expected = [TRUTH[name](int(a), int(b)) for a, b in x]
    np.testing.assert_array_equal(y, expected)


@pytest.mark.parametrize("spelling", ["XOR", "Xor", "xOr"])
def test_logic_gate_name_is_case_insensitive(spelling):
    for got, expected in zip(logic_gate(spelling), logic_gate("xor")):
        np.testing.assert_array_equal(got, expected)


def test_logic_gate_returns_fresh_arrays():
    x, y = logic_gate("and")
    x[:] = 7.0
    y[:] = 7.0
    x, y = logic_gate("and")
    assert x.max() == 1.0 and y.max() == 1.0


@pytest.mark.parametrize("name", [None, 1, b"and", ["and"]], ids=repr)
def test_logic_gate_rejects_a_name_that_is_not_a_string(name):
    with pytest.raises(TypeError, match="name"):
        logic_gate(name)


@pytest.mark.parametrize("name", ["", "xnor", "and "], ids=repr)
def test_logic_gate_rejects_an_unknown_gate(name):
    with pytest.raises(ValueError, match="name"):
        logic_gate(name)


# --- two_moons ---------------------------------------------------------------------------------


def test_two_moons_without_noise_lies_on_the_two_half_circles():
    x, y = two_moons(40, noise=0.0)
    upper, lower = x[y == 0], x[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0, rtol=1e-12)
    assert (upper[:, 1] >= -1e-12).all() and (lower[:, 1] <= 0.5 + 1e-12).all()


@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_two_moons_shapes_and_classes(n):
    x, y = two_moons(n, rng=0)
    assert x.shape == (n, 2) and y.shape == (n,)
    assert int((y == 0).sum()) == n // 2 and set(np.unique(y)) <= {0.0, 1.0}


def test_two_moons_is_reproducible_with_a_seed():
    a, b = two_moons(50, noise=0.2, rng=3), two_moons(50, noise=0.2, rng=3)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"n_samples": 2.5}, TypeError, "n_samples"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"noise": "a"}, TypeError, "noise"),
        ({"rng": "x"}, TypeError, "rng"),
    ],
)
def test_two_moons_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        two_moons(**kwargs)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"noise": -0.3}, ValueError, "noise"),
        ({"noise": float("inf")}, ValueError, "noise"),
        ({"slope": float("nan")}, ValueError, "slope"),
        ({"shift": "a"}, TypeError, "shift"),
    ],
)
def test_line_with_outliers_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        line_with_outliers(**kwargs)
