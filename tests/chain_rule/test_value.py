"""Tests for concepts.chain_rule: the scalar autograd `Value`, finite differences and the gradient check.

PyTorch cross-checks are in reference/test_chain_rule_torch.py; the network-level pieces (ValueMLP, the
demo, the cost of backward) in test_backprop.py.
"""

import gc
import math
import types
import weakref

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from concepts.chain_rule import (
    GRADIENT_CHECK_THRESHOLDS,
    Value,
    gradient_check,
    numerical_gradient,
    relative_error,
    topological_order,
    zero_grad,
)

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=60)


# The chain rule on the page's examples ----------------------------------------------------------------


def test_three_node_chain_multiplies_local_derivatives():
    x = Value(2.0)
    u = x**2
    loss = u**3
    loss.backward()
    assert (loss.data, loss.grad, u.grad, x.grad) == (64.0, 1.0, 48.0, 192.0)
    assert u.local_grads == (4.0,) and loss.local_grads == (48.0,)
    assert x.grad == 6 * 2.0**5  # d(x^6)/dx


@pytest.mark.parametrize("h", [1e-2, 1e-3, 1e-4])
def test_a_nudge_is_multiplied_along_the_path_and_approaches_the_gradient(h):
    """The page's first example: nudge x, and the rates of the two steps multiply to the rate of L."""
    x = 2.0
    u, u_nudged = x**2, (x + h) ** 2
    rate_u, rate_loss = (u_nudged - u) / h, (u_nudged**3 - u**3) / (u_nudged - u)
    assert rate_u * rate_loss == pytest.approx(((x + h) ** 6 - x**6) / h, rel=1e-9)
    value = Value(x)
    ((value**2) ** 3).backward()
    assert abs(rate_u * rate_loss - value.grad) < 300 * h  # the error shrinks with the nudge (f''(2)/2 = 240)


def test_two_paths_add_up():
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    assert (b.grad, a.grad) == (2.0, 4.0)  # four paths from a to c, each with derivative 1


def test_regularised_neuron_sums_the_two_paths_of_w():
    w, x, b = Value(0.5), Value(2.0), Value(-0.5)
    loss = ((w * x + b).relu() - 1.0) ** 2 + w**2
    loss.backward()
    assert (loss.data, w.grad, x.grad, b.grad) == (0.5, -1.0, -0.5, -1.0)


def test_backward_order_visits_a_node_after_every_node_that_uses_it():
    w, x = Value(1.5), Value(-2.0)
    h = (w * x).tanh()
    out = h * w + h.exp()
    order = topological_order(out)
    assert order[-1] is out and set(map(id, order)) >= {id(w), id(x), id(h)}
    position = {id(v): i for i, v in enumerate(order)}
    for node in order:
        for child in node.inputs:
            assert position[id(child)] < position[id(node)]


# Each operation: value and local derivative -----------------------------------------------------------

UNARY = {
    "exp": (lambda v: v.exp(), math.exp),
    "log": (lambda v: v.log(), math.log),
    "tanh": (lambda v: v.tanh(), math.tanh),
    "sigmoid": (lambda v: v.sigmoid(), lambda t: 1 / (1 + math.exp(-t))),
    "relu": (lambda v: v.relu(), lambda t: max(t, 0.0)),
    "neg": (lambda v: -v, lambda t: -t),
    "square": (lambda v: v**2, lambda t: t**2),
    "cube": (lambda v: v**3, lambda t: t**3),
    "sqrt": (lambda v: v**0.5, math.sqrt),
    "inverse": (lambda v: v**-1, lambda t: 1 / t),
    "power 0": (lambda v: v**0, lambda t: 1.0),
    "2 * v": (lambda v: 2 * v, lambda t: 2 * t),
    "v * 2": (lambda v: v * 2, lambda t: t * 2),
    "2 + v": (lambda v: 2 + v, lambda t: 2 + t),
    "v + 2": (lambda v: v + 2, lambda t: t + 2),
    "1 - v": (lambda v: 1 - v, lambda t: 1 - t),
    "v - 1": (lambda v: v - 1, lambda t: t - 1),
    "3 / v": (lambda v: 3 / v, lambda t: 3 / t),
    "v / 4": (lambda v: v / 4, lambda t: t / 4),
}
BINARY = {
    "+": (lambda a, b: a + b, lambda s, t: s + t),
    "-": (lambda a, b: a - b, lambda s, t: s - t),
    "*": (lambda a, b: a * b, lambda s, t: s * t),
    "/": (lambda a, b: a / b, lambda s, t: s / t),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("t", [0.3, 1.7, 2.5])
def test_unary_operation_value_and_derivative(name, t):
    op, reference = UNARY[name]
    v = Value(t)
    out = op(v)
    out.backward()
    assert out.data == pytest.approx(reference(t), rel=1e-15, abs=1e-300)
    numeric = numerical_gradient(lambda u: reference(float(u[0])), [t])[0]
    assert v.grad == pytest.approx(numeric, rel=1e-7, abs=1e-9)


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_operation_value_and_derivatives(name):
    op, reference = BINARY[name]
    a, b = Value(1.3), Value(-0.7)
    out = op(a, b)
    out.backward()
    assert out.data == reference(1.3, -0.7)
    np.testing.assert_allclose(
        [a.grad, b.grad], numerical_gradient(lambda v: reference(v[0], v[1]), [1.3, -0.7]), rtol=1e-8
    )


@pytest.mark.parametrize("z, expected", [(-3.0, 0.0), (0.0, 0.0), (1e-300, 1.0), (4.0, 1.0)])
def test_relu_slope_is_zero_at_the_kink_as_in_pytorch(z, expected):
    v = Value(z)
    v.relu().backward()
    assert v.grad == expected


@pytest.mark.parametrize("z", [-1000.0, -40.0, 0.0, 40.0, 1000.0])
def test_sigmoid_is_finite_and_exact_in_both_tails(z):
    v = Value(z)
    out = v.sigmoid()
    out.backward()
    assert 0.0 <= out.data <= 1.0 and 0.0 <= v.grad <= 0.25
    expected = math.exp(-abs(z)) / (1 + math.exp(-abs(z))) ** 2
    assert v.grad == pytest.approx(expected, rel=1e-12, abs=1e-300)


# The gate patterns of CS231n's notes: add distributes, multiply swaps, max routes ------------------------


def gate_gradients(make, g=5.0):
    x, y = Value(3.0), Value(-2.0)
    make(x, y).backward(g)
    return x.grad, y.grad


def test_an_add_gate_hands_the_gradient_unchanged_to_both_inputs():
    assert gate_gradients(lambda x, y: x + y) == (5.0, 5.0)


def test_a_multiply_gate_gives_each_input_the_other_inputs_value_times_the_gradient():
    assert gate_gradients(lambda x, y: x * y) == (-2.0 * 5.0, 3.0 * 5.0)


def test_a_max_gate_routes_the_whole_gradient_to_the_larger_input():
    assert gate_gradients(lambda x, y: x.maximum(y)) == (5.0, 0.0)
    assert gate_gradients(lambda x, y: y.maximum(x)) == (5.0, 0.0)


@pytest.mark.parametrize("other", [Value(2.0), 2.0])
def test_maximum_splits_a_tie_in_half_as_torch_maximum(other):
    a = Value(2.0)
    out = a.maximum(other)
    out.backward()
    assert (out.data, a.grad) == (2.0, 0.5)
    if isinstance(other, Value):
        assert other.grad == 0.5


@pytest.mark.parametrize("a, b", [(1.3, -0.7), (-0.7, 1.3), (0.2, 0.4)])
def test_maximum_value_and_derivatives_match_finite_differences(a, b):
    x, y = Value(a), Value(b)
    out = x.maximum(y)
    out.backward()
    assert out.data == max(a, b)
    np.testing.assert_allclose([x.grad, y.grad], numerical_gradient(lambda v: max(v[0], v[1]), [a, b]), atol=1e-9)


def test_maximum_with_a_number_is_a_constant_and_the_number_is_checked():
    v = Value(-1.0)
    out = v.maximum(0.0)  # relu, written as a maximum
    out.backward()
    assert (out.data, v.grad, len(out.inputs)) == (0.0, 0.0, 1)
    with pytest.raises(TypeError, match="other"):
        v.maximum("zero")


def test_a_value_used_twice_by_one_operation_gets_both_derivatives():
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0
    b = Value(3.0)
    (b / b).backward()
    assert b.grad == 0.0


def test_results_of_operations_follow_float_arithmetic_only_leaves_are_checked():
    big = Value(1e200)
    assert (big * big).data == math.inf  # as 1e200 * 1e200 gives; Value(math.inf) itself is refused


def test_a_node_built_by_hand_is_what_the_operation_builds():
    a, b = Value(2.0), Value(3.0)
    by_hand = Value(6.0, (a, b), (3.0, 2.0), "*")
    product = a * b
    for node in (by_hand, product):
        assert (node.data, node.op, node.inputs, node.local_grads) == (6.0, "*", (a, b), (3.0, 2.0))
    by_hand.backward()
    assert (a.grad, b.grad) == (3.0, 2.0)


def test_constants_are_not_part_of_the_graph():
    v = Value(2.0)
    out = 3.0 * v + 1.0
    assert [len(node.inputs) for node in topological_order(out)] == [0, 1, 1]


# Gradients accumulate; zero_grad resets --------------------------------------------------------------


def test_backward_twice_adds_the_same_gradients_again():
    x = Value(2.0)
    u = x**2
    loss = u**3
    loss.backward()
    loss.backward()
    assert (loss.grad, u.grad, x.grad) == (2.0, 96.0, 384.0)


def test_a_second_graph_reusing_nodes_adds_its_gradient():
    x = Value(2.0)
    h = x * 3.0
    (h * h).backward()  # d(9x^2)/dx = 18x = 36
    h.tanh().backward()  # adds d(tanh(3x))/dx = 3 (1 - tanh(6)^2)
    assert x.grad == pytest.approx(36.0 + 3 * (1 - math.tanh(6.0) ** 2), rel=1e-15)


def test_zero_grad_resets_only_the_values_given():
    a, b = Value(1.0), Value(2.0)
    (a * b).backward()
    zero_grad([a])
    assert (a.grad, b.grad) == (0.0, 1.0)


def test_backward_scales_by_the_gradient_given():
    x = Value(2.0)
    (x**2).backward(gradient=0.5)
    assert x.grad == 2.0


# Large graphs: no recursion, no reference cycles -----------------------------------------------------

# The API contract's million nodes (design/DESIGN.md); about 2 s here (benchmarks/bench_chain_rule.py times it).
CHAIN = 1_000_000


@pytest.mark.slow
def test_a_chain_of_a_million_nodes_backpropagates_without_recursion():
    x = Value(1.0)
    v = x
    for _ in range(CHAIN):
        v = v * 1.000001
    v.backward()
    assert x.grad == pytest.approx(1.000001**CHAIN, rel=1e-9)  # e to within 1e-6


def test_a_dropped_graph_is_freed_at_once_with_nothing_for_the_garbage_collector():
    gc.collect()
    gc.disable()  # so that only reference counting can free anything
    try:
        x = Value(0.5)
        v = x
        for _ in range(10_000):
            v = (v * 0.9).tanh() + x
        v.backward()
        probe = weakref.ref(topological_order(v)[len(topological_order(v)) // 2])
        assert probe() is not None
        del v
        assert probe() is None  # freed by reference counting, no collection needed
        assert gc.collect() == 0  # and no cycle was left behind
    finally:
        gc.enable()


def values_referred_to(node):
    """The values `node` refers to directly or through containers and closures (not through other values)."""
    found, todo = [], list(gc.get_referents(node))
    while todo:
        obj = todo.pop()
        if isinstance(obj, Value):
            found.append(obj)
        elif isinstance(obj, (tuple, list, set, frozenset, dict, types.CellType)):
            todo += gc.get_referents(obj)
        elif isinstance(obj, types.FunctionType):
            todo += obj.__closure__ or ()
    return found


def test_a_value_refers_only_to_its_inputs():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    assert sorted(map(id, values_referred_to(c))) == sorted([id(a), id(b)])
    assert values_referred_to(a) == []


# Random expressions with shared sub-expressions against finite differences -------------------------

OPS = [  # each works on Values (and on torch tensors: the same list is used in the PyTorch cross-check)
    lambda a, b: a + b,
    lambda a, b: a - b,
    lambda a, b: a * b.tanh(),
    lambda a, b: a / (b * b + 1.0),
    lambda a, b: a.tanh(),
    lambda a, b: a.sigmoid(),
    lambda a, b: (a.tanh() * 2.0).exp(),
    lambda a, b: (a * a + 1.0).log(),
    lambda a, b: a.relu() + b,
    lambda a, b: 2.0 - a * 0.5,
    lambda a, b: 1.0 / (1.0 + a * a),
    lambda a, b: -a,
    lambda a, b: (a * a + 0.5) ** 1.5,
]


def evaluate(program, inputs):
    """Run a program of (op, i, j) on the inputs; every node feeds the sum at the end."""
    nodes = list(inputs)
    for op, i, j in program:
        nodes.append(OPS[op](nodes[i], nodes[j]))
    total = nodes[0]
    for node in nodes[1:]:
        total = total + node
    return total


@st.composite
def programs(draw):
    n_inputs = draw(st.integers(1, 4))
    steps = []
    for k in range(draw(st.integers(1, 15))):
        available = n_inputs + k
        steps.append(
            (
                draw(st.integers(0, len(OPS) - 1)),
                draw(st.integers(0, available - 1)),
                draw(st.integers(0, available - 1)),
            )
        )
    x = draw(st.lists(st.floats(-2, 2).filter(lambda t: abs(t) > 1e-3), min_size=n_inputs, max_size=n_inputs))
    return steps, x


@PROPERTY
@given(programs())
def test_gradients_of_random_expressions_match_central_differences(case):
    program, x = case
    inputs = [Value(t) for t in x]
    out = evaluate(program, inputs)
    assume(all(abs(node.inputs[0].data) > 1e-3 for node in topological_order(out) if node.op == "relu"))  # kinks
    out.backward()
    numeric = numerical_gradient(lambda v: evaluate(program, [Value(float(t)) for t in v]).data, x)
    check = relative_error([v.grad for v in inputs], numeric)
    scale = max(1.0, float(np.abs(numeric).max()))
    assert (check < 1e-5).all() or np.allclose([v.grad for v in inputs], numeric, rtol=1e-5, atol=1e-7 * scale)


# numerical_gradient, relative_error, gradient_check --------------------------------------------------


def test_numerical_gradient_of_a_quadratic_is_exact_to_rounding():
    a = np.array([[2.0, 0.5], [0.5, 1.0]])
    x = np.array([0.3, -1.2])
    g = numerical_gradient(lambda v: 0.5 * v @ a @ v, x)
    np.testing.assert_allclose(g, a @ x, rtol=0, atol=1e-9)  # rounding: about 1e-16 / eps


def test_numerical_gradient_keeps_the_shape_and_leaves_x_alone():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    g = numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert g.shape == (2, 3) and np.array_equal(x, before)
    np.testing.assert_allclose(g, 2 * x, atol=1e-6)


def test_relative_error_is_symmetric_and_zero_where_both_are_zero():
    a, n = np.array([1.0, 0.0, -2.0, 1e-30]), np.array([1.1, 0.0, -2.0, 0.0])
    np.testing.assert_array_equal(relative_error(a, n), relative_error(n, a))
    np.testing.assert_allclose(relative_error(a, n), [0.1 / 1.1, 0.0, 0.0, 1.0])


@pytest.mark.parametrize(
    "error, verdict", [(1e-1, "wrong"), (1e-3, "uncomfortable"), (1e-5, "ok with kinks"), (1e-9, "fine")]
)
def test_gradient_check_verdicts_follow_the_cs231n_thresholds(error, verdict):
    x = np.array([1.5])
    result = gradient_check(lambda v: float(v[0] ** 2), x, 2 * x * (1 + error))
    assert result.verdict == verdict
    assert result.max_relative_error == pytest.approx(error / (1 + error), rel=1e-3, abs=2e-10)


def test_gradient_check_thresholds_are_cs231ns():
    assert GRADIENT_CHECK_THRESHOLDS == {"wrong": 1e-2, "uncomfortable": 1e-4, "ok with kinks": 1e-7}


def test_value_gradients_pass_the_gradient_check():
    def f(v):
        a, b, c = (Value(float(t)) for t in v)
        return ((a * b).tanh() + (c / (a * a + 1.0)).sigmoid() * b).data

    x = np.array([0.4, -1.1, 2.0])
    inputs = [Value(t) for t in x]
    a, b, c = inputs
    ((a * b).tanh() + (c / (a * a + 1.0)).sigmoid() * b).backward()
    assert gradient_check(f, x, [v.grad for v in inputs]).verdict == "fine"


# Bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: Value("1.0"), TypeError, "data"),
        (lambda: Value(True), TypeError, "data"),
        (lambda: Value(float("nan")), ValueError, "data"),
        (lambda: Value(1.0, label=3), TypeError, "label"),
        (lambda: Value(1.0) + "a", TypeError, "other"),
        (lambda: Value(1.0) * [2.0], TypeError, "other"),
        (lambda: Value(2.0) ** Value(2.0), TypeError, "exponent"),
        (lambda: Value(1.0).backward(gradient="1"), TypeError, "gradient"),
        (lambda: Value(1.0).backward(gradient=float("inf")), ValueError, "gradient"),
        (lambda: topological_order(1.0), TypeError, "root"),
        (lambda: zero_grad([1.0]), TypeError, "values"),
        (lambda: numerical_gradient("f", [1.0]), TypeError, "f"),
        (lambda: numerical_gradient(sum, [1.0], eps=0.0), ValueError, "eps"),
        (lambda: numerical_gradient(sum, "1.0"), TypeError, "x"),
        (lambda: relative_error([1.0], [1.0, 2.0]), ValueError, "shape"),
        (lambda: gradient_check(lambda v: float(v.sum()), [1.0, 2.0], [1.0]), ValueError, "analytic"),
    ],
)
def test_bad_input_is_rejected_with_the_argument_named(make, error, match):
    with pytest.raises(error, match=match):
        make()


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: Value(-1.0).log(), "log needs a value > 0"),
        (lambda: Value(0.0).log(), "log needs a value > 0"),
        (lambda: Value(1.0) / Value(0.0), "other must not be 0"),
        (lambda: Value(1.0) / 0.0, "other must not be 0"),
        (lambda: Value(1.0) / -0.0, "other must not be 0"),
        (lambda: 3.0 / Value(0.0), "division by zero"),
        (lambda: Value(-8.0) ** (1 / 3), "exponent must be a whole number"),
        (lambda: Value(0.0) ** -1.0, "exponent must be >= 0"),
    ],
)
def test_what_has_no_real_value_raises_a_value_error(make, match):
    """Python's floats raise here too (ValueError, ZeroDivisionError); Value raises a ValueError that says why."""
    with pytest.raises(ValueError, match=match):
        make()


# Valid extremes: an infinity where the true value is one, as PyTorch gives; never an OverflowError -----


# name -> (inputs, the operation, its value, the inputs' gradients): the numbers PyTorch gives in float64
# (tests/reference/test_chain_rule_torch.py checks them against it)
EXTREMES = {
    "exp(1000)": ([1000.0], lambda a: a.exp(), math.inf, [math.inf]),  # was an OverflowError (math.exp)
    "(1e200)**2": ([1e200], lambda a: a**2, math.inf, [2e200]),  # was an OverflowError (math.pow)
    "(-1e200)**3": ([-1e200], lambda a: a**3, -math.inf, [math.inf]),
    "1 / 1e-200": ([1.0, 1e-200], lambda a, b: a / b, 1e200, [1e200, -math.inf]),  # was b * b = 0: ZeroDivisionError
    "3 / 1e-200": ([1e-200], lambda a: 3.0 / a, 3e200, [-math.inf]),
    "sqrt(0)": ([0.0], lambda a: a**0.5, 0.0, [math.inf]),  # the slope at 0; was a math domain error
    "log(5e-324)": ([5e-324], lambda a: a.log(), math.log(5e-324), [math.inf]),
    "a * 1e200 * 1e200": ([1.0], lambda a: a * 1e200 * 1e200, math.inf, [math.inf]),
    "sigmoid(-1e308)": ([-1e308], lambda a: a.sigmoid(), 0.0, [0.0]),
    "tanh(1e308)": ([1e308], lambda a: a.tanh(), 1.0, [0.0]),
}


@pytest.mark.parametrize("name", sorted(EXTREMES))
def test_results_beyond_the_largest_float_are_infinities_quietly(name):
    """Valid extremes: an infinity where the true value is one, as PyTorch gives; never an OverflowError."""
    inputs, make, data, grads = EXTREMES[name]
    values = [Value(t) for t in inputs]
    out = make(*values)
    out.backward()
    assert out.data == data and [v.grad for v in values] == grads


def test_a_constant_enters_the_graph_as_a_python_float():
    """A numpy scalar is turned into a float, so that overflow gives inf quietly, as Python's floats do."""
    out = Value(1e200) * np.float64(1e200)
    assert type(out.data) is float and out.data == math.inf
    assert type((Value(1.0) + np.int64(2)).data) is float


@pytest.mark.parametrize(
    "bad, error",
    [
        (math.nan, ValueError),
        (math.inf, ValueError),
        (True, TypeError),
        (10**400, ValueError),
        ("2", TypeError),
        (1j, TypeError),
    ],
)
@pytest.mark.parametrize(
    "op",
    ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__", "maximum"],
)
def test_a_constant_must_be_a_finite_real_number(op, bad, error):
    with pytest.raises(error, match="other"):
        getattr(Value(2.0), op)(bad)


def test_a_node_built_by_hand_is_checked_in_full():
    a, b = Value(2.0), Value(3.0)
    with pytest.raises(TypeError, match="inputs"):
        Value(6.0, (2.0, 3.0), (3.0, 2.0), "*")
    with pytest.raises(ValueError, match="local_grads"):
        Value(6.0, (a, b), (3.0,), "*")
    with pytest.raises(ValueError, match="local_grads"):
        Value(6.0, (a, b), (3.0, math.nan), "*")
    with pytest.raises(TypeError, match="op"):
        Value(6.0, (a, b), (3.0, 2.0), None)
    with pytest.raises(ValueError, match="data"):
        Value(math.inf, (a, b), (3.0, 2.0), "*")
    node = Value(6.0, [a, b], [3.0, 2.0], "*")  # any sequences: kept as tuples of floats
    assert node.inputs == (a, b) and node.local_grads == (3.0, 2.0)


def test_zero_grad_checks_every_value_before_resetting_any():
    a = Value(1.0)
    a.grad = 5.0
    with pytest.raises(TypeError, match="values"):
        zero_grad([a, 2.0])
    assert a.grad == 5.0
    with pytest.raises(TypeError, match="values"):
        zero_grad(None)
    with pytest.raises(TypeError, match="values"):
        zero_grad(a)
