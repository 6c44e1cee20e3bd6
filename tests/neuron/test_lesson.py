"""The steps the neuron page teaches before and beside the code, checked against concepts.neuron.

- the activations' formulas in school notation (the table at the first figure) are the functions;
- a nudge, (f(z + h) - f(z)) / h, settles on the derivative as h shrinks (the nudge figure and doctest),
  and the page's algebra for the sigmoid's nudge is an identity, not an approximation;
- the four inequalities: no single step neuron computes XOR, while every other two-input gate that one
  line separates has one (the misconception box "A neuron is also called a perceptron");
- the step's nudge: 0 away from the jump, 1/h at it (exercise 5).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concepts.datasets import logic_gate
from concepts.neuron import leaky_relu, relu, relu_grad, sigmoid, sigmoid_grad, step, tanh, tanh_grad

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=200)
Z = np.linspace(-20, 20, 4001)


# The table at the first figure: each formula as a learner would type it -----------------------------


SCHOOL_FORMULAS = [
    (sigmoid, lambda z: 1 / (1 + np.exp(-z))),
    (tanh, lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))),
    (relu, lambda z: np.where(z > 0, z, 0.0)),
    (lambda z: leaky_relu(z, 0.1), lambda z: np.where(z > 0, z, 0.1 * z)),
    (step, lambda z: np.where(z >= 0, 1.0, 0.0)),
]


@pytest.mark.parametrize(("f", "formula"), SCHOOL_FORMULAS, ids=["sigmoid", "tanh", "relu", "leaky_relu", "step"])
def test_the_school_formulas_of_the_table_are_the_activations(f, formula):
    np.testing.assert_allclose(f(Z), formula(Z), rtol=1e-14, atol=1e-15)


def test_the_table_values_at_minus_two_zero_and_two():
    z = np.array([-2.0, 0.0, 2.0])
    np.testing.assert_allclose(sigmoid(z), [1 / (1 + math.e**2), 0.5, 1 / (1 + math.e**-2)], rtol=1e-15)
    np.testing.assert_allclose(tanh(z), [-math.tanh(2), 0.0, math.tanh(2)], rtol=1e-15)
    assert relu(z).tolist() == [0.0, 0.0, 2.0]
    assert step(z).tolist() == [0.0, 1.0, 1.0]


# The nudge: rise over run settles on the derivative ---------------------------------------------------


def nudge(f, z, h):
    return (f(z + h) - f(z)) / h


@pytest.mark.parametrize(("f", "f_grad"), [(sigmoid, sigmoid_grad), (tanh, tanh_grad)], ids=["sigmoid", "tanh"])
def test_a_nudge_of_one_thousandth_gives_the_derivative_to_three_decimals(f, f_grad):
    z = np.linspace(-6, 6, 1201)
    assert np.abs(nudge(f, z, 1e-3) - f_grad(z)).max() < 5e-4


@pytest.mark.parametrize(("f", "f_grad"), [(sigmoid, sigmoid_grad), (tanh, tanh_grad)], ids=["sigmoid", "tanh"])
def test_the_nudge_error_shrinks_in_proportion_to_the_nudge(f, f_grad):
    """(f(z + h) - f(z)) / h = f'(z) + h f''(z) / 2 + ...: ten times smaller h, about ten times smaller error."""
    z = np.array([-2.0, -0.7, 1.0, 2.5])
    errors = [np.abs(nudge(f, z, h) - f_grad(z)) for h in (1e-2, 1e-3, 1e-4)]
    for larger, smaller in zip(errors, errors[1:], strict=False):
        np.testing.assert_allclose(larger / smaller, 10, rtol=0.05)


def test_relu_nudges_give_its_slope_away_from_the_kink():
    z = np.array([-3.0, -1.0, -0.5, 0.5, 1.0, 3.0])
    np.testing.assert_allclose(nudge(relu, z, 1e-3), relu_grad(z), rtol=1e-9, atol=0)


def test_the_figure_s_slopes_rise_towards_the_derivative_as_the_nudge_shrinks():
    """At z = 1 the sigmoid bends down, so each smaller nudge gives a larger slope, never above sigmoid'(1)."""
    h = np.geomspace(2, 1e-3, 121)
    slopes = nudge(sigmoid, 1.0, h)
    assert np.all(np.diff(slopes) > 0)
    assert slopes.max() < float(sigmoid_grad(1.0))
    assert round(float(slopes[-1]), 3) == round(float(sigmoid_grad(1.0)), 3)


@PROPERTY
@given(st.floats(-30, 30), st.floats(1e-3, 5))
def test_the_page_s_algebra_for_the_sigmoid_s_nudge_is_an_identity(z, h):
    u = math.exp(-z)
    rearranged = (1 - math.exp(-h)) / h * u / ((1 + u * math.exp(-h)) * (1 + u))
    rounding = 4 * np.finfo(np.float64).eps / h  # the nudge subtracts two outputs of at most 1, then divides by h
    assert math.isclose(float(nudge(sigmoid, z, h)), rearranged, rel_tol=1e-9, abs_tol=rounding)


def test_one_minus_e_to_the_minus_h_over_h_goes_to_one():
    values = [(1 - math.exp(-h)) / h for h in (1e-1, 1e-2, 1e-3, 1e-4)]
    gaps = [1 - v for v in values]
    assert all(0 < g < h for g, h in zip(gaps, (1e-1, 1e-2, 1e-3, 1e-4), strict=True))  # 1 - h/2 < value < 1


# The four inequalities: no step neuron computes XOR ---------------------------------------------------


def step_neurons_computing(gate: str, grid: np.ndarray) -> int:
    """How many (w1, w2, b) on `grid`³ make a step neuron compute `gate` on its four inputs."""
    x, y = logic_gate(gate)
    w1, w2, b = (a.ravel() for a in np.meshgrid(grid, grid, grid, indexing="ij"))
    z = x[:, :1] * w1 + x[:, 1:] * w2 + b  # (4 inputs, every neuron)
    return int(np.all(step(z) == y[:, None], axis=0).sum())


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor"])
def test_a_grid_of_step_neurons_holds_each_separable_gate(gate):
    assert step_neurons_computing(gate, np.linspace(-3, 3, 25)) > 0


def test_no_step_neuron_on_a_grid_computes_xor():
    assert step_neurons_computing("xor", np.linspace(-3, 3, 61)) == 0


@PROPERTY
@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_the_first_three_inequalities_rule_out_the_fourth(w1, w2, b):
    """b < 0, w2 + b >= 0 and w1 + b >= 0 force w1 + w2 + b > 0, so step(w1 + w2 + b) = 1, not XOR's 0."""
    if b < 0 and w2 + b >= 0 and w1 + b >= 0:
        assert w1 + w2 + b > 0
    x, y = logic_gate("xor")
    assert step(x @ np.array([w1, w2]) + b).tolist() != y.tolist()


# Exercise 5: the step's nudge -------------------------------------------------------------------------


@pytest.mark.parametrize("h", [1e-1, 1e-2, 1e-3, 1e-6])
def test_the_step_s_nudge_is_zero_away_from_the_jump_and_one_over_h_at_it(h):
    assert float(nudge(step, np.array([-2.0, -0.5, 0.5, 1.0]), h).max()) == 0.0
    assert float((step(0.0) - step(-h)) / h) == pytest.approx(1 / h, rel=1e-12)
