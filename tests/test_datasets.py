"""Tests for concepts.datasets: the logic-gate truth tables."""

import operator

import numpy as np
import pytest

from concepts.datasets import GATES, logic_gate

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
