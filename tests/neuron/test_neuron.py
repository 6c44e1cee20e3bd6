"""Tests for concepts.neuron: activations and their derivatives, Neuron, Layer, XOR, McCulloch-Pitts, Perceptron.

The gradient checks by finite differences live in test_gradients.py and the PyTorch cross-checks in
reference/test_neuron_torch.py; here are the values, the identities the page states, and the errors.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concepts import neuron
from concepts.datasets import logic_gate
from concepts.neuron import (
    ACTIVATIONS,
    Layer,
    Neuron,
    Perceptron,
    forward,
    leaky_relu,
    leaky_relu_grad,
    mcculloch_pitts,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    step,
    tanh,
    tanh_grad,
    xor_network,
)

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=100)
EPS = np.finfo(np.float64).eps
ELEMENTWISE = [sigmoid, sigmoid_grad, tanh, tanh_grad, relu, relu_grad, leaky_relu, leaky_relu_grad, step]
DERIVATIVES = [sigmoid_grad, tanh_grad, relu_grad, leaky_relu_grad]
FLOATS = st.floats(allow_nan=False)  # every float, including ±inf and ±1e308
FLOAT_DTYPES = [np.float32, np.float64]
GATE_NAMES = ["and", "or", "nand", "nor"]


def name_of(f) -> str:
    return f.__name__


def fine_grid(dtype) -> np.ndarray:
    """-1..1 in steps of 1e-5, plus ± every power of about 1.03 from the tiniest normal number up to 1."""
    tiny = np.geomspace(np.finfo(dtype).tiny, 1, 20_001)
    return np.concatenate([np.linspace(-1, 1, 200_001), tiny, -tiny, [0.0]]).astype(dtype)


# Activations: values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "z", "expected"),
    [
        (sigmoid, [-np.log(3), 0.0, np.log(3)], [0.25, 0.5, 0.75]),
        (tanh, [-np.log(3) / 2, 0.0, np.log(3) / 2], [-0.5, 0.0, 0.5]),  # tanh(log(3)/2) = (3 - 1)/(3 + 1)
        (relu, [-2.0, -0.0, 0.0, 3.0], [0.0, 0.0, 0.0, 3.0]),
        (relu_grad, [-2.0, 0.0, 3.0], [0.0, 0.0, 1.0]),  # 0 at the kink, as PyTorch
        (leaky_relu, [-2.0, 0.0, 3.0], [-0.02, 0.0, 3.0]),
        (leaky_relu_grad, [-2.0, 0.0, 3.0], [0.01, 0.01, 1.0]),  # the slope at the kink, as PyTorch
        (step, [-1e-300, -0.0, 0.0, 1e-300], [0.0, 1.0, 1.0, 1.0]),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_activation_values_at_known_points(f, z, expected):
    np.testing.assert_allclose(f(z), expected, rtol=4 * EPS, atol=0)


def test_step_is_one_at_zero():
    assert step(0.0) == 1.0 and step(0) == 1.0


@pytest.mark.parametrize("negative_slope", [0.0, 0.2, 1.0, 3.0])
def test_leaky_relu_and_its_derivative_use_the_given_negative_slope(negative_slope):
    z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    np.testing.assert_array_equal(leaky_relu(z, negative_slope), np.where(z > 0, z, negative_slope * z))
    np.testing.assert_array_equal(leaky_relu_grad(z, negative_slope), [negative_slope] * 3 + [1.0, 1.0])


def test_leaky_relu_with_slope_zero_is_relu():
    z = np.linspace(-3, 3, 61)
    np.testing.assert_array_equal(leaky_relu(z, 0.0), relu(z))
    np.testing.assert_array_equal(leaky_relu_grad(z, 0.0), relu_grad(z))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_registry_maps_each_name_to_its_function(name):
    z = np.linspace(-3, 3, 13)
    expected = z if name == "identity" else getattr(neuron, name)(z)
    np.testing.assert_array_equal(ACTIVATIONS[name](z), expected)


# Activations: the identities the page states -----------------------------------------------------------


def test_sigmoid_grad_is_sigmoid_times_one_minus_sigmoid_and_sigmoid_times_sigmoid_of_minus_z():
    z = np.linspace(-30, 30, 6001)
    s = sigmoid(z)
    np.testing.assert_allclose(sigmoid_grad(z), s * sigmoid(-z), rtol=4 * EPS)
    np.testing.assert_allclose(sigmoid_grad(z), s * (1 - s), rtol=1e-12, atol=2 * EPS)  # 1 - s loses digits


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-30, 30, 6001)
    np.testing.assert_allclose(tanh(z), 2 * sigmoid(2 * z) - 1, rtol=0, atol=4 * EPS)


def test_tanh_grad_is_one_minus_tanh_squared():
    z = np.linspace(-30, 30, 6001)
    np.testing.assert_allclose(tanh_grad(z), 1 - tanh(z) ** 2, rtol=1e-12, atol=4 * EPS)


def test_sigmoid_grad_and_tanh_grad_keep_their_digits_in_the_tails():
    # s * (1 - s) and 1 - tanh**2 round to exactly 0 here; the true values are tiny but representable
    z = np.linspace(20, 300, 281)
    np.testing.assert_allclose(sigmoid_grad(z), np.exp(-z) / (1 + np.exp(-z)) ** 2, rtol=1e-13)
    np.testing.assert_allclose(sigmoid_grad(-z), sigmoid_grad(z), rtol=0)
    np.testing.assert_allclose(tanh_grad(z), 1 / np.cosh(z) ** 2, rtol=1e-13)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize(("f", "peak"), [(sigmoid_grad, 0.25), (tanh_grad, 1.0)], ids=["sigmoid_grad", "tanh_grad"])
def test_derivative_peaks_exactly_at_zero_and_nothing_exceeds_the_peak(f, peak, dtype):
    assert f(dtype(0)) == peak
    assert f(fine_grid(dtype)).max() <= peak  # rounding near 0 must not push it above


def test_sigmoid_never_decreases_from_one_float64_to_the_next():
    z = np.random.default_rng(0).uniform(-40, 40, 200_000)
    assert (sigmoid(np.nextafter(z, np.inf)) >= sigmoid(z)).all()


def test_sigmoid_float32_never_decreases_by_more_than_one_unit_in_the_last_place():
    # numpy's float32 exp is not monotone to the last bit, so neither is any formula built on it
    z = np.random.default_rng(0).uniform(-40, 40, 200_000).astype(np.float32)
    s = sigmoid(z)
    assert (sigmoid(np.nextafter(z, np.float32(np.inf))) >= s - np.spacing(s)).all()


@PROPERTY
@given(FLOATS)
def test_sigmoid_lies_in_zero_one(z):
    assert 0.0 <= sigmoid(z) <= 1.0


@PROPERTY
@given(FLOATS, FLOATS)
def test_sigmoid_is_monotone(a, b):
    low, high = sorted((a, b))
    assert sigmoid(low) <= sigmoid(high)


@PROPERTY
@given(FLOATS)
def test_sigmoid_of_minus_z_is_one_minus_sigmoid(z):
    assert abs(sigmoid(-z) - (1 - sigmoid(z))) <= 2 * EPS


@PROPERTY
@given(FLOATS)
def test_tanh_is_odd(z):
    assert tanh(-z) == -tanh(z)


@PROPERTY
@given(FLOATS, st.floats(0, 10))
def test_derivatives_are_never_negative(z, negative_slope):
    for f in (sigmoid_grad, tanh_grad, relu_grad):
        assert f(z) >= 0
    assert leaky_relu_grad(z, negative_slope) >= 0


# Activations: extremes, dtypes and shapes --------------------------------------------------------------

SATURATION = {  # f(+huge), f(-huge)
    sigmoid: (1.0, 0.0),
    sigmoid_grad: (0.0, 0.0),
    tanh: (1.0, -1.0),
    tanh_grad: (0.0, 0.0),
    relu_grad: (1.0, 0.0),
    leaky_relu_grad: (1.0, 0.01),
    step: (1.0, 0.0),
}
HUGE = [
    (np.float64, 1e4),
    (np.float64, 1e308),
    (np.float64, np.inf),
    (np.float32, 1e4),
    (np.float32, 3e38),
    (np.float32, np.inf),
]


@pytest.mark.parametrize(("dtype", "huge"), HUGE, ids=lambda v: v.__name__ if isinstance(v, type) else f"{v:g}")
@pytest.mark.parametrize("f", SATURATION, ids=name_of)
def test_saturating_functions_are_exact_and_warning_free_at_huge_inputs(f, dtype, huge):
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is the right answer
        out = f(np.array([huge, -huge], dtype))
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, np.array(SATURATION[f], dtype))


@pytest.mark.parametrize(("dtype", "huge"), HUGE, ids=lambda v: v.__name__ if isinstance(v, type) else f"{v:g}")
def test_relu_and_leaky_relu_stay_linear_and_warning_free_at_huge_inputs(dtype, huge):
    z = np.array([huge, -huge], dtype)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_array_equal(relu(z), np.array([huge, 0.0], dtype))
        np.testing.assert_array_equal(leaky_relu(z), np.array([huge, -huge * dtype(0.01)], dtype))


@pytest.mark.parametrize("slope", [1e200, -1e308, 1e308], ids=lambda v: f"{v:g}")
@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=lambda d: d.__name__)
def test_leaky_relu_with_a_huge_slope_is_quiet_and_zero_at_zero(dtype, slope):
    """The product past the dtype's range is ±inf, with no warning; 0 stays 0 (in float32 the slope
    itself is past float32's range, and 0 * inf would be NaN), and a tiny z gets its rounded product."""
    z = np.array([-1.0, 0.0, -0.0, 2.0, -1e-300 if dtype is np.float64 else -1e-30], dtype)
    with np.errstate(all="raise"):
        out = leaky_relu(z, slope)
        grad = leaky_relu_grad(z, slope)
    assert out.dtype == grad.dtype == dtype
    with np.errstate(over="ignore"):  # each product in float64, then rounded to the dtype
        expected = np.array([-slope, 0.0, 0.0, 2.0, float(z[-1]) * slope]).astype(dtype)
    np.testing.assert_array_equal(out, expected)
    with np.errstate(over="ignore"):
        np.testing.assert_array_equal(grad, np.array([slope, slope, slope, 1.0, slope]).astype(dtype))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("f", ELEMENTWISE, ids=name_of)
def test_activations_keep_the_float_dtype(f, dtype):
    assert f(np.linspace(-2, 2, 9, dtype=dtype)).dtype == dtype


@pytest.mark.parametrize("z", [[-1, 0, 2], 3, -3, [True, False], np.arange(3)], ids=repr)
@pytest.mark.parametrize("f", ELEMENTWISE, ids=name_of)
def test_activations_accept_lists_and_ints_and_return_float64(f, z):
    out = f(z)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, f(np.asarray(z, dtype=np.float64)))


@pytest.mark.parametrize("shape", [(), (5,), (2, 3), (2, 3, 4)], ids=str)
@pytest.mark.parametrize("f", ELEMENTWISE, ids=name_of)
def test_activations_keep_the_input_shape(f, shape):
    assert np.shape(f(np.zeros(shape))) == shape


# Neuron ---------------------------------------------------------------------------------------------


def test_neuron_adds_the_bias_once_not_once_per_input():
    x, w, b = np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 0.25]), 0.1
    unit = Neuron(w, b, activation="tanh")
    assert unit(x) == np.tanh(np.sum(x * w) + b)
    once_per_input = np.sum(x * w + b)  # the mistake: it adds n biases
    assert once_per_input - unit.pre_activation(x) == pytest.approx((x.size - 1) * b)
    assert unit(x) != pytest.approx(np.tanh(once_per_input))


@pytest.mark.parametrize(
    ("x", "shape"),
    [(np.ones(3), ()), (np.ones((1, 3)), (1,)), (np.ones((5, 3)), (5,))],
    ids=["vector", "batch of 1", "batch of 5"],
)
def test_neuron_gives_one_output_per_input_vector(x, shape):
    unit = Neuron([0.5, -1.0, 0.25], 0.1)
    assert np.shape(unit(x)) == shape
    assert np.shape(unit.pre_activation(x)) == shape


@pytest.mark.parametrize("unit", ["Neuron", "Layer"])
def test_weighted_sums_past_the_float_range_are_inf_or_nan_quietly(unit):
    """Finite weights and inputs whose weighted sum passes 1.8e308 give ±inf (inf - inf gives NaN), and
    an infinite input times a zero weight gives NaN, with no warning: as PyTorch's `Linear`."""
    weights = np.array([[1e308, 1e308, 0.0], [1e308, -1e308, 1.0]])  # three neurons reading two inputs
    units = [Neuron(weights[:, j], 0.0, "identity") for j in range(3)]
    make = {
        "Neuron": lambda x: np.stack([u.pre_activation(x) for u in units], -1),
        "Layer": Layer(weights, np.zeros(3)).pre_activation,
    }
    with np.errstate(all="raise"):
        z = make[unit](np.array([[1.0, 1.0], [1.0, -1.0], [np.inf, 0.0]]))
    np.testing.assert_array_equal(z[0], [np.inf, 0.0, 1.0])
    np.testing.assert_array_equal(z[1], [0.0, np.inf, -1.0])
    np.testing.assert_array_equal(z[2], [np.inf, np.inf, np.nan])


def test_neuron_on_a_batch_equals_the_neuron_on_each_row():
    x = np.random.default_rng(0).normal(size=(6, 3))
    unit = Neuron([0.5, -1.0, 0.25], 0.1, activation="tanh")
    np.testing.assert_array_equal(unit(x), [unit(row) for row in x])


@PROPERTY
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=8), st.sampled_from(sorted(ACTIVATIONS)))
def test_bias_free_neuron_outputs_activation_of_zero_at_the_origin(weights, activation):
    unit = Neuron(weights, 0.0, activation)
    assert unit(np.zeros(len(weights))) == ACTIVATIONS[activation](0.0)


def test_neuron_accepts_a_callable_activation():
    unit = Neuron([1.0, 1.0], -1.0, activation=np.sin)
    assert unit([1.0, 2.0]) == np.sin(2.0)
    assert unit.activation_name == "sin"


@pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=lambda d: d.__name__)
def test_neuron_keeps_the_float_dtype(dtype):
    unit = Neuron(np.array([0.5, -1.0], dtype), 0.1, activation="sigmoid")
    assert unit(np.ones((4, 2), dtype)).dtype == dtype


def test_neuron_repr_shows_its_parameters():
    assert repr(Neuron([0.5, -1.0], 0.25, "relu")) == "Neuron(weights=[0.5, -1.0], bias=0.25, activation='relu')"


# Layer ----------------------------------------------------------------------------------------------


@PROPERTY
@given(
    st.integers(1, 5),
    st.integers(1, 6),
    st.integers(1, 6),
    st.sampled_from(sorted(ACTIVATIONS)),
    st.integers(0, 2**32 - 1),
)
def test_layer_matrix_product_equals_the_loop_over_its_neurons(batch, fan_in, fan_out, activation, seed):
    rng = np.random.default_rng(seed)
    layer = Layer(rng.normal(size=(fan_in, fan_out)), rng.normal(size=fan_out), activation)
    x = rng.normal(size=(batch, fan_in))
    looped = np.stack([unit(x) for unit in layer.neurons()], axis=-1)
    np.testing.assert_allclose(layer(x), looped, rtol=1e-12, atol=1e-12)


def test_layer_neurons_are_the_columns_of_its_weights():
    weights, bias = np.arange(6.0).reshape(3, 2), np.array([0.5, -0.5])
    units = Layer(weights, bias, "relu").neurons()
    assert len(units) == 2
    for j, unit in enumerate(units):
        np.testing.assert_array_equal(unit.weights, weights[:, j])
        assert unit.bias == bias[j] and unit.activation is relu


@pytest.mark.parametrize(("x", "shape"), [(np.ones(3), (2,)), (np.ones((5, 3)), (5, 2))], ids=["vector", "batch"])
def test_layer_gives_fan_out_outputs_per_input_vector(x, shape):
    assert Layer(np.ones((3, 2)), np.zeros(2))(x).shape == shape


def test_layer_keeps_the_float_arrays_it_is_given():
    weights, bias = np.ones((3, 2)), np.zeros(2)
    layer = Layer(weights, bias, "identity")
    assert layer.weights is weights and layer.bias is bias  # not copied
    weights += 1.0  # in place, as a training step does: the layer computes with the new values
    np.testing.assert_array_equal(layer(np.ones((1, 3))), [[6.0, 6.0]])


def test_layer_pre_activation_is_the_weighted_sum_before_the_activation():
    rng = np.random.default_rng(2)
    layer = Layer(rng.normal(size=(3, 4)), rng.normal(size=4), "tanh")
    x = rng.normal(size=(5, 3))
    z = layer.pre_activation(x)
    np.testing.assert_array_equal(z, x @ layer.weights + layer.bias)
    np.testing.assert_array_equal(layer(x), np.tanh(z))


# forward and xor_network ----------------------------------------------------------------------------


def test_forward_feeds_each_layer_into_the_next():
    rng = np.random.default_rng(0)
    first = Layer(rng.normal(size=(3, 4)), rng.normal(size=4), "tanh")
    second = Layer(rng.normal(size=(4, 2)), rng.normal(size=2))
    x = rng.normal(size=(5, 3))
    np.testing.assert_array_equal(forward(x, [first, second]), second(first(x)))


def test_forward_through_no_layers_returns_the_input_as_an_array():
    out = forward([[1, 2]], [])
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    np.testing.assert_array_equal(out, [[1.0, 2.0]])


def test_xor_network_computes_xor():
    x, y = logic_gate("xor")
    out = forward(x, xor_network())
    assert out.shape == (4, 1)
    np.testing.assert_array_equal(out[:, 0], y)


def test_xor_network_hidden_neurons_are_or_and_nand():
    x, _ = logic_gate("xor")
    hidden = forward(x, xor_network()[:1])
    np.testing.assert_array_equal(hidden[:, 0], logic_gate("or")[1])
    np.testing.assert_array_equal(hidden[:, 1], logic_gate("nand")[1])


# McCulloch-Pitts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "threshold", "inhibitory", "expected"),
    [
        pytest.param(logic_gate("and")[0], 2, (), logic_gate("and")[1], id="and"),
        pytest.param(logic_gate("or")[0], 1, (), logic_gate("or")[1], id="or"),
        pytest.param([[0], [1]], 0, [0], [1.0, 0.0], id="not"),
        pytest.param([[1, 1, 0], [1, 1, 1]], 1, [2], [1.0, 0.0], id="veto-beats-two-excitatory"),
        pytest.param(
            [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]],
            3,
            (),
            [0.0, 0.0, 0.0, 1.0, 1.0],
            id="at-least-3-of-4",
        ),
    ],
)
def test_mcculloch_pitts_unit(x, threshold, inhibitory, expected):
    np.testing.assert_array_equal(mcculloch_pitts(x, threshold, inhibitory), expected)


def test_mcculloch_pitts_single_input_vector_gives_a_single_output():
    out = mcculloch_pitts([1, 0, 1], threshold=2)
    assert out.shape == () and out == 1.0


# Perceptron -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("gate", GATE_NAMES)
def test_perceptron_converges_on_linearly_separable_gates(gate):
    x, y = logic_gate(gate)
    p = Perceptron(2).fit(x, y)
    assert p.converged
    np.testing.assert_array_equal(p.predict(x), y)
    assert p.mistakes[-1] == 0 and all(m > 0 for m in p.mistakes[:-1])


def test_perceptron_never_converges_on_xor():
    x, y = logic_gate("xor")
    p = Perceptron(2).fit(x, y, epochs=1000)
    assert not p.converged
    assert len(p.mistakes) == 1000 and min(p.mistakes) >= 1


def test_perceptron_follows_the_learning_rule_on_and():
    # By hand, lr = 1, from w = (0, 0), b = 0, rows (0,0) (0,1) (1,0) (1,1) with y = 0 0 0 1.
    # Epoch 1: (0,0): z = 0, predicts 1, wrong: b = -1.  (0,1), (1,0): z = -1, right.
    #          (1,1): z = -1, predicts 0, wrong: w = (1, 1), b = 0.                      2 mistakes
    # Epoch 2: (0,0) wrong: b = -1. (0,1): z = 0 wrong: w = (1, 0), b = -2. (1,0): right.
    #          (1,1): z = -1 wrong: w = (2, 1), b = -1.                                  3 mistakes
    # Epoch 3: (0,1), (1,0), (1,1) wrong: w = (2, 0), b = -2; w = (1, 0), b = -3; w = (2, 1), b = -2.
    # Epoch 4: (1,0), (1,1) wrong: w = (1, 1), b = -3; w = (2, 2), b = -2.
    # Epoch 5: (0,1) wrong: w = (2, 1), b = -3.  Epoch 6: no mistake.
    x, y = logic_gate("and")
    p = Perceptron(2, lr=1.0).fit(x, y)
    assert p.mistakes == [2, 3, 3, 2, 1, 0]
    np.testing.assert_array_equal(p.weights, [2.0, 1.0])
    assert p.bias == -3.0


@pytest.mark.parametrize("lr", [0.1, 0.5, 4.0])
def test_perceptron_learning_rate_from_zero_only_scales_the_weights(lr):
    # step(lr * z) = step(z): every decision, hence every correction, is the same
    x, y = logic_gate("nand")
    reference, scaled = Perceptron(2).fit(x, y), Perceptron(2, lr=lr).fit(x, y)
    assert scaled.mistakes == reference.mistakes
    np.testing.assert_allclose(scaled.weights, lr * reference.weights)
    assert scaled.bias == pytest.approx(lr * reference.bias)


def test_perceptron_shuffle_is_reproducible_with_a_seed():
    x, y = logic_gate("or")
    runs = [Perceptron(2, rng=seed).fit(x, y, shuffle=True) for seed in (7, 7, np.random.default_rng(7))]
    for run in runs[1:]:
        assert run.mistakes == runs[0].mistakes
        np.testing.assert_array_equal(run.weights, runs[0].weights)
        assert run.bias == runs[0].bias


def test_perceptron_refit_reports_only_the_last_fit():
    x, y = logic_gate("and")
    p = Perceptron(2).fit(x, y)
    assert p.fit(x, y).mistakes == [0] and p.converged


@pytest.mark.parametrize("gate", GATE_NAMES + ["xor"])
def test_perceptron_as_neuron_predicts_the_same(gate):
    x, y = logic_gate(gate)
    p = Perceptron(2).fit(x, y, epochs=5)
    unit = p.as_neuron()
    np.testing.assert_array_equal(unit(x), p.predict(x))
    assert unit.activation_name == "step"
    unit.weights[:] = 0.0  # a copy: changing the neuron leaves the perceptron alone
    assert p.weights.any()


# Bad input ------------------------------------------------------------------------------------------

BAD_Z = [
    pytest.param("1.0", TypeError, id="string"),
    pytest.param(None, TypeError, id="None"),
    pytest.param(1 + 2j, TypeError, id="complex"),
    pytest.param([1.0, "a"], TypeError, id="list-with-string"),
    pytest.param([[1.0], [1.0, 2.0]], ValueError, id="ragged"),
]


@pytest.mark.parametrize(("z", "error"), BAD_Z)
@pytest.mark.parametrize("f", ELEMENTWISE, ids=name_of)
def test_activations_reject_non_real_input_naming_z(f, z, error):
    with pytest.raises(error, match=r"\bz\b"):
        f(z)


@pytest.mark.parametrize(
    ("slope", "error"),
    [
        ("0.1", TypeError),
        (None, TypeError),
        (0.1j, TypeError),
        (np.array([0.1]), TypeError),
        (True, TypeError),
        (np.nan, ValueError),
        (np.inf, ValueError),
    ],
    ids=repr,
)
@pytest.mark.parametrize("f", [leaky_relu, leaky_relu_grad], ids=name_of)
def test_leaky_relu_rejects_a_bad_negative_slope(f, slope, error):
    with pytest.raises(error, match="negative_slope"):
        f([1.0, -1.0], slope)


def layer(**changes):
    arguments = {"weights": np.ones((3, 2)), "bias": np.zeros(2)} | changes
    return Layer(**arguments)


def fit(x=None, y=None, **options):
    gate_x, gate_y = logic_gate("and")
    return Perceptron(2).fit(gate_x if x is None else x, gate_y if y is None else y, **options)


BAD_CALLS = [
    # Neuron
    pytest.param(lambda: Neuron("1 2", 0.0), TypeError, "weights", id="Neuron-weights-string"),
    pytest.param(lambda: Neuron(None, 0.0), TypeError, "weights", id="Neuron-weights-None"),
    pytest.param(lambda: Neuron([1j, 2j], 0.0), TypeError, "weights", id="Neuron-weights-complex"),
    pytest.param(lambda: Neuron([[1.0, 2.0]], 0.0), ValueError, "weights", id="Neuron-weights-2d"),
    pytest.param(lambda: Neuron(1.0, 0.0), ValueError, "weights", id="Neuron-weights-scalar"),
    pytest.param(lambda: Neuron([], 0.0), ValueError, "weights", id="Neuron-weights-empty"),
    pytest.param(lambda: Neuron([1.0, np.nan], 0.0), ValueError, "weights", id="Neuron-weights-nan"),
    pytest.param(lambda: Neuron([np.inf, 1.0], 0.0), ValueError, "weights", id="Neuron-weights-inf"),
    pytest.param(lambda: Neuron([1.0], None), TypeError, "bias", id="Neuron-bias-None"),
    pytest.param(lambda: Neuron([1.0], "0"), TypeError, "bias", id="Neuron-bias-string"),
    pytest.param(lambda: Neuron([1.0], 1j), TypeError, "bias", id="Neuron-bias-complex"),
    pytest.param(lambda: Neuron([1.0], [0.5]), TypeError, "bias", id="Neuron-bias-list"),
    pytest.param(lambda: Neuron([1.0], np.nan), ValueError, "bias", id="Neuron-bias-nan"),
    pytest.param(lambda: Neuron([1.0], 0.0, "softmax"), ValueError, "activation", id="Neuron-activation-unknown"),
    pytest.param(lambda: Neuron([1.0], 0.0, None), TypeError, "activation", id="Neuron-activation-None"),
    pytest.param(lambda: Neuron([1.0], 0.0, ["relu"]), TypeError, "activation", id="Neuron-activation-list"),
    pytest.param(lambda: Neuron([1.0], 0.0, 3), TypeError, "activation", id="Neuron-activation-int"),
    pytest.param(lambda: Neuron([1.0, 2.0], 0.0)([1.0, 2.0, 3.0]), ValueError, r"\bx\b", id="Neuron-x-features"),
    pytest.param(lambda: Neuron([1.0, 2.0], 0.0)(np.ones((2, 2, 2))), ValueError, r"\bx\b", id="Neuron-x-3d"),
    pytest.param(lambda: Neuron([1.0, 2.0], 0.0)(3.0), ValueError, r"\bx\b", id="Neuron-x-scalar"),
    pytest.param(lambda: Neuron([1.0, 2.0], 0.0)("ab"), TypeError, r"\bx\b", id="Neuron-x-string"),
    pytest.param(lambda: Neuron([1.0, 2.0], 0.0)(None), TypeError, r"\bx\b", id="Neuron-x-None"),
    pytest.param(lambda: Neuron([1.0, 2.0], 0.0)([1j, 1j]), TypeError, r"\bx\b", id="Neuron-x-complex"),
    pytest.param(
        lambda: Neuron([1.0, 2.0], 0.0).pre_activation([1.0]),
        ValueError,
        r"\bx\b",
        id="Neuron-pre_activation-x-features",
    ),
    # Layer
    pytest.param(lambda: layer(weights=np.ones(3)), ValueError, "weights", id="Layer-weights-1d"),
    pytest.param(lambda: layer(weights=np.ones((0, 2))), ValueError, "weights", id="Layer-weights-empty"),
    pytest.param(lambda: layer(weights="w"), TypeError, "weights", id="Layer-weights-string"),
    pytest.param(lambda: layer(weights=None), TypeError, "weights", id="Layer-weights-None"),
    pytest.param(lambda: layer(weights=np.ones((3, 2)) * 1j), TypeError, "weights", id="Layer-weights-complex"),
    pytest.param(lambda: layer(bias=np.zeros(3)), ValueError, "bias", id="Layer-bias-shape-mismatch"),
    pytest.param(lambda: layer(bias=np.zeros((1, 2))), ValueError, "bias", id="Layer-bias-2d"),
    pytest.param(lambda: layer(bias=0.0), ValueError, "bias", id="Layer-bias-scalar"),
    pytest.param(lambda: layer(bias=None), TypeError, "bias", id="Layer-bias-None"),
    pytest.param(lambda: layer(weights=np.full((3, 2), np.nan)), ValueError, "weights", id="Layer-weights-nan"),
    pytest.param(lambda: layer(bias=[0.0, np.inf]), ValueError, "bias", id="Layer-bias-inf"),
    pytest.param(lambda: layer(activation=["tanh"]), TypeError, "activation", id="Layer-activation-list"),
    pytest.param(lambda: layer(activation="gelu"), ValueError, "activation", id="Layer-activation-unknown"),
    pytest.param(lambda: layer()(np.ones((4, 2))), ValueError, r"\bx\b", id="Layer-x-features"),
    pytest.param(lambda: layer()("abc"), TypeError, r"\bx\b", id="Layer-x-string"),
    pytest.param(lambda: layer().pre_activation(np.ones(4)), ValueError, r"\bx\b", id="Layer-pre_activation-x"),
    # forward
    pytest.param(lambda: forward(np.ones((1, 2)), None), TypeError, "layers", id="forward-layers-None"),
    pytest.param(lambda: forward(np.ones((1, 2)), "layers"), TypeError, "layers", id="forward-layers-string"),
    pytest.param(lambda: forward(np.ones((1, 2)), xor_network()[0]), TypeError, "layers", id="forward-layers-a-Layer"),
    pytest.param(
        lambda: forward(np.ones((1, 2)), [Neuron([1.0, 1.0], 0.0)]), TypeError, "layers", id="forward-layers-of-Neuron"
    ),
    pytest.param(lambda: forward(None, xor_network()), TypeError, r"\bx\b", id="forward-x-None"),
    pytest.param(
        lambda: forward(np.ones((1, 3)), [layer(), layer()]),
        ValueError,
        r"layers\[1\]",
        id="forward-layers-not-chaining",
    ),
    pytest.param(
        lambda: forward(np.ones((1, 2)), [*xor_network(), None]),
        TypeError,
        r"layers\[2\]",
        id="forward-layers-with-None",
    ),
    pytest.param(lambda: forward(np.ones((1, 2)), set(xor_network())), TypeError, "layers", id="forward-layers-set"),
    pytest.param(lambda: forward(np.ones((1, 3)), xor_network()), ValueError, r"\bx\b", id="forward-x-features"),
    # mcculloch_pitts
    pytest.param(lambda: mcculloch_pitts([0, 2], 1), ValueError, r"\bx\b", id="mcculloch_pitts-x-not-binary"),
    pytest.param(lambda: mcculloch_pitts([0.5, 1], 1), ValueError, r"\bx\b", id="mcculloch_pitts-x-fraction"),
    pytest.param(lambda: mcculloch_pitts("01", 1), TypeError, r"\bx\b", id="mcculloch_pitts-x-string"),
    pytest.param(lambda: mcculloch_pitts(None, 1), TypeError, r"\bx\b", id="mcculloch_pitts-x-None"),
    pytest.param(lambda: mcculloch_pitts([np.nan, 1], 1), ValueError, r"\bx\b", id="mcculloch_pitts-x-nan"),
    pytest.param(lambda: mcculloch_pitts(np.ones((1, 1, 2)), 1), ValueError, r"\bx\b", id="mcculloch_pitts-x-3d"),
    pytest.param(lambda: mcculloch_pitts([0, 1], -1), ValueError, "threshold", id="mcculloch_pitts-threshold-negative"),
    pytest.param(lambda: mcculloch_pitts([0, 1], 1.5), TypeError, "threshold", id="mcculloch_pitts-threshold-float"),
    pytest.param(lambda: mcculloch_pitts([0, 1], None), TypeError, "threshold", id="mcculloch_pitts-threshold-None"),
    pytest.param(lambda: mcculloch_pitts([0, 1], True), TypeError, "threshold", id="mcculloch_pitts-threshold-bool"),
    pytest.param(
        lambda: mcculloch_pitts([0, 1], 1, [2]), ValueError, "inhibitory", id="mcculloch_pitts-inhibitory-too-big"
    ),
    pytest.param(
        lambda: mcculloch_pitts([0, 1], 1, [-1]), ValueError, "inhibitory", id="mcculloch_pitts-inhibitory-negative"
    ),
    pytest.param(
        lambda: mcculloch_pitts([0, 1], 1, [0.0]), TypeError, "inhibitory", id="mcculloch_pitts-inhibitory-float"
    ),
    pytest.param(lambda: mcculloch_pitts([0, 1], 1, 0), TypeError, "inhibitory", id="mcculloch_pitts-inhibitory-int"),
    pytest.param(
        lambda: mcculloch_pitts([0, 1], 1, None), TypeError, "inhibitory", id="mcculloch_pitts-inhibitory-None"
    ),
    pytest.param(
        lambda: mcculloch_pitts([0, 1], 1, "0"), TypeError, "inhibitory", id="mcculloch_pitts-inhibitory-string"
    ),
    # Perceptron
    pytest.param(lambda: Perceptron(0), ValueError, "n_features", id="Perceptron-n_features-zero"),
    pytest.param(lambda: Perceptron(-2), ValueError, "n_features", id="Perceptron-n_features-negative"),
    pytest.param(lambda: Perceptron(2.0), TypeError, "n_features", id="Perceptron-n_features-float"),
    pytest.param(lambda: Perceptron("2"), TypeError, "n_features", id="Perceptron-n_features-string"),
    pytest.param(lambda: Perceptron(None), TypeError, "n_features", id="Perceptron-n_features-None"),
    pytest.param(lambda: Perceptron(2, lr=0.0), ValueError, "lr", id="Perceptron-lr-zero"),
    pytest.param(lambda: Perceptron(2, lr=-1.0), ValueError, "lr", id="Perceptron-lr-negative"),
    pytest.param(lambda: Perceptron(2, lr=np.nan), ValueError, "lr", id="Perceptron-lr-nan"),
    pytest.param(lambda: Perceptron(2, lr=np.inf), ValueError, "lr", id="Perceptron-lr-inf"),
    pytest.param(lambda: Perceptron(2, lr="1"), TypeError, "lr", id="Perceptron-lr-string"),
    pytest.param(lambda: Perceptron(2, lr=None), TypeError, "lr", id="Perceptron-lr-None"),
    pytest.param(lambda: Perceptron(2, lr=1j), TypeError, "lr", id="Perceptron-lr-complex"),
    pytest.param(lambda: Perceptron(2, rng="seed"), TypeError, "rng", id="Perceptron-rng-string"),
    pytest.param(lambda: Perceptron(2, rng=1.5), TypeError, "rng", id="Perceptron-rng-float"),
    pytest.param(lambda: fit(x=np.ones(8)), ValueError, r"\bx\b", id="fit-x-1d"),
    pytest.param(lambda: fit(x=np.ones((4, 3))), ValueError, r"\bx\b", id="fit-x-features"),
    pytest.param(lambda: fit(x=np.ones((3, 2))), ValueError, r"\bx\b", id="fit-x-rows-not-matching-y"),
    pytest.param(lambda: fit(x="x"), TypeError, r"\bx\b", id="fit-x-string"),
    pytest.param(lambda: fit(x=np.full((4, 2), np.nan)), ValueError, r"\bx\b", id="fit-x-nan"),
    pytest.param(lambda: fit(x=np.full((4, 2), np.inf)), ValueError, r"\bx\b", id="fit-x-inf"),
    pytest.param(lambda: fit(x=np.ones((0, 2)), y=[]), ValueError, r"\by\b must not be empty", id="fit-empty"),
    pytest.param(lambda: fit(y=[0, 1, 1]), ValueError, r"\by\b has 3", id="fit-y-rows-not-matching-x"),
    pytest.param(lambda: fit(y=[0, 1, np.nan, 1]), ValueError, r"\by\b", id="fit-y-nan"),
    pytest.param(lambda: fit(y=[0, 1, 2, 1]), ValueError, r"\by\b", id="fit-y-not-0-1"),
    pytest.param(lambda: fit(y=[-1, 1, 1, 1]), ValueError, r"\by\b", id="fit-y-minus-1"),
    pytest.param(lambda: fit(y=np.zeros((4, 1))), ValueError, r"\by\b", id="fit-y-2d"),
    pytest.param(lambda: fit(y="0001"), TypeError, r"\by\b", id="fit-y-string"),
    pytest.param(lambda: fit(y=[0j, 0j, 0j, 1j]), TypeError, r"\by\b", id="fit-y-complex"),
    pytest.param(lambda: fit(epochs=0), ValueError, "epochs", id="fit-epochs-zero"),
    pytest.param(lambda: fit(epochs=-5), ValueError, "epochs", id="fit-epochs-negative"),
    pytest.param(lambda: fit(epochs=10.0), TypeError, "epochs", id="fit-epochs-float"),
    pytest.param(lambda: fit(epochs=None), TypeError, "epochs", id="fit-epochs-None"),
    pytest.param(lambda: fit(shuffle="no"), TypeError, "shuffle", id="fit-shuffle-string"),
    pytest.param(lambda: fit(shuffle=None), TypeError, "shuffle", id="fit-shuffle-None"),
    pytest.param(lambda: Perceptron(2).predict(np.ones((4, 3))), ValueError, r"\bx\b", id="predict-x-features"),
    pytest.param(lambda: Perceptron(2).predict(None), TypeError, r"\bx\b", id="predict-x-None"),
    pytest.param(lambda: Perceptron(2).predict([1.0, np.nan]), ValueError, r"\bx\b", id="predict-x-nan"),
    pytest.param(lambda: Perceptron(2).predict([np.inf, 1.0]), ValueError, r"\bx\b", id="predict-x-inf"),
]


@pytest.mark.parametrize(("call", "error", "argument"), BAD_CALLS)
def test_bad_arguments_raise_an_error_naming_the_argument(call, error, argument):
    with pytest.raises(error, match=argument):
        call()
