"""concepts.initialization against torch.nn.init: the same distributions, the same gains, the same errors.

The two draw different random numbers, and lay the weights out transposed (ours `(fan_in, fan_out)`,
PyTorch's `(fan_out, fan_in)`), so the comparison is between distributions: for 240,000 samples from
each, the standard deviation, the mean, the support (for a uniform) and the whole distribution
function (the two-sample Kolmogorov-Smirnov distance) must agree.
"""

import math

import numpy as np
import pytest

from concepts.initialization import (
    calculate_gain,
    constant,
    kaiming_normal,
    kaiming_uniform,
    lecun_normal,
    normal,
    uniform,
    xavier_normal,
    xavier_uniform,
    zeros,
)

FAN_IN, FAN_OUT = 600, 400
NONLINEARITIES = [
    "linear",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "selu",
]
# name: (ours, PyTorch's in-place initializer under torch.nn.init, keyword arguments of both, uniform?)
CASES = {
    "uniform": (uniform, "uniform_", {}, True),
    "uniform(-0.3, 0.3)": (uniform, "uniform_", {"a": -0.3, "b": 0.3}, True),
    "normal": (normal, "normal_", {}, False),
    "normal(0.5, 0.02)": (normal, "normal_", {"mean": 0.5, "std": 0.02}, False),
    "xavier_uniform": (xavier_uniform, "xavier_uniform_", {}, True),
    "xavier_uniform(gain=tanh)": (xavier_uniform, "xavier_uniform_", {"gain": 5 / 3}, True),
    "xavier_normal": (xavier_normal, "xavier_normal_", {}, False),
    "xavier_normal(gain=2)": (xavier_normal, "xavier_normal_", {"gain": 2.0}, False),
    "kaiming_uniform": (kaiming_uniform, "kaiming_uniform_", {}, True),
    "kaiming_uniform(a=sqrt5)": (kaiming_uniform, "kaiming_uniform_", {"a": math.sqrt(5)}, True),
    "kaiming_uniform(fan_out, relu)": (
        kaiming_uniform,
        "kaiming_uniform_",
        {"mode": "fan_out", "nonlinearity": "relu"},
        True,
    ),
    "kaiming_uniform(tanh)": (kaiming_uniform, "kaiming_uniform_", {"nonlinearity": "tanh"}, True),
    "kaiming_normal": (kaiming_normal, "kaiming_normal_", {}, False),
    "kaiming_normal(a=0.2, fan_out)": (kaiming_normal, "kaiming_normal_", {"a": 0.2, "mode": "fan_out"}, False),
    "kaiming_normal(selu)": (kaiming_normal, "kaiming_normal_", {"nonlinearity": "selu"}, False),
    "kaiming_normal(sigmoid)": (kaiming_normal, "kaiming_normal_", {"nonlinearity": "sigmoid"}, False),
}


def torch_weights(torch, name: str, **kwargs) -> np.ndarray:
    """A PyTorch weight of shape (fan_out, fan_in), initialized in place, as float64 numbers."""
    generator = torch.Generator().manual_seed(0)
    weight = torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)
    getattr(torch.nn.init, name)(weight, **kwargs, generator=generator)
    return weight.numpy()


def ks_distance(a: np.ndarray, b: np.ndarray) -> float:
    """The largest gap between the two samples' empirical distribution functions."""
    a, b = np.sort(a.ravel()), np.sort(b.ravel())
    grid = np.concatenate([a, b])
    return float(
        np.max(
            np.abs(np.searchsorted(a, grid, side="right") / a.size - np.searchsorted(b, grid, side="right") / b.size)
        )
    )


@pytest.mark.parametrize("case", CASES)
def test_same_distribution_as_pytorch(torch, case):
    ours_f, theirs, kwargs, is_uniform = CASES[case]
    ours, reference = ours_f(FAN_IN, FAN_OUT, **kwargs, rng=0), torch_weights(torch, theirs, **kwargs)
    assert ours.shape == reference.T.shape
    assert ours.std() == pytest.approx(reference.std(), rel=0.01)
    assert ours.mean() == pytest.approx(reference.mean(), abs=0.01 * reference.std())
    # 240,000 samples each: 0.006 is the 5 % critical distance, 0.01 far beyond any chance gap
    assert ks_distance(ours, reference) < 0.01
    if is_uniform:  # the same support: both reach within 0.1 % of the same ends
        span = reference.max() - reference.min()
        assert ours.min() == pytest.approx(reference.min(), abs=1e-3 * span)
        assert ours.max() == pytest.approx(reference.max(), abs=1e-3 * span)


def test_a_different_scale_is_told_apart(torch):
    """The check above is sharp enough to see the mistake it guards against: the wrong fan."""
    ours = kaiming_normal(FAN_IN, FAN_OUT, mode="fan_out", rng=0)  # fan_out = 400, PyTorch below uses 600
    assert ks_distance(ours, torch_weights(torch, "kaiming_normal_")) > 0.03


def test_lecun_normal_is_pytorchs_kaiming_normal_for_linear(torch):
    ours = lecun_normal(FAN_IN, FAN_OUT, rng=0)
    reference = torch_weights(torch, "kaiming_normal_", nonlinearity="linear")
    assert ours.std() == pytest.approx(reference.std(), rel=0.01) and ks_distance(ours, reference) < 0.01


def test_default_linear_init_is_kaiming_uniform_with_a_sqrt5(torch):
    torch.manual_seed(0)
    linear = torch.nn.Linear(FAN_IN, FAN_OUT, dtype=torch.float64)
    reference = linear.weight.detach().numpy()
    ours = kaiming_uniform(FAN_IN, FAN_OUT, a=math.sqrt(5), rng=0)
    bound = 1 / math.sqrt(FAN_IN)
    assert np.abs(reference).max() <= bound and np.abs(ours).max() <= bound
    assert ks_distance(ours, reference) < 0.01


def test_zeros_and_constant_equal_pytorchs(torch):
    weight = torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)
    np.testing.assert_array_equal(zeros(FAN_IN, FAN_OUT), torch.nn.init.zeros_(weight).numpy().T)
    np.testing.assert_array_equal(constant(FAN_IN, FAN_OUT, 0.3), torch.nn.init.constant_(weight, 0.3).numpy().T)


@pytest.mark.parametrize("nonlinearity", NONLINEARITIES)
def test_calculate_gain_equals_pytorchs(torch, nonlinearity):
    assert calculate_gain(nonlinearity) == torch.nn.init.calculate_gain(nonlinearity)


@pytest.mark.parametrize("param", [0, 1, 0.2, -0.5, 3.0, 1e-8])
def test_leaky_relu_gain_with_a_slope_equals_pytorchs(torch, param):
    assert calculate_gain("leaky_relu", param) == torch.nn.init.calculate_gain("leaky_relu", param)


@pytest.mark.parametrize("nonlinearity", ["gelu", "Tanh", "identity", "", "softplus"])
def test_unknown_nonlinearity_raises_value_error_as_pytorch(torch, nonlinearity):
    with pytest.raises(ValueError):
        torch.nn.init.calculate_gain(nonlinearity)
    with pytest.raises(ValueError, match="nonlinearity"):
        calculate_gain(nonlinearity)


@pytest.mark.parametrize("param", [True, False, "0.2", [0.2]])
def test_bad_leaky_relu_param_raises_value_error_as_pytorch(torch, param):
    with pytest.raises(ValueError):
        torch.nn.init.calculate_gain("leaky_relu", param)
    with pytest.raises(ValueError, match="param"):
        calculate_gain("leaky_relu", param)


def test_unknown_mode_raises_value_error_as_pytorch(torch):
    with pytest.raises(ValueError):
        torch.nn.init.kaiming_normal_(torch.empty(3, 3), mode="fan_avg")
    with pytest.raises(ValueError, match="mode"):
        kaiming_normal(3, 3, mode="fan_avg")


# Valid extremes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("slope", [1e10, 1e100, 1e150, 1e152, -1e152])
def test_leaky_relu_gain_of_a_large_slope_equals_pytorchs(torch, slope):
    """Up to the slope where PyTorch's slope**2 overflows (1.3e154), the two agree."""
    assert calculate_gain("leaky_relu", slope) == pytest.approx(
        torch.nn.init.calculate_gain("leaky_relu", slope), rel=1e-15
    )


def test_past_pytorchs_overflow_the_gain_is_the_limit_sqrt2_over_the_slope(torch):
    """PyTorch raises OverflowError for calculate_gain("leaky_relu", 1e200); the gain is sqrt(2)/1e200."""
    with pytest.raises(OverflowError):
        torch.nn.init.calculate_gain("leaky_relu", 1e200)
    assert calculate_gain("leaky_relu", 1e200) == pytest.approx(math.sqrt(2) / 1e200, rel=1e-15)
    assert np.isfinite(kaiming_normal(4, 4, a=1e200, rng=0)).all()


def test_bounds_beyond_float32_are_refused_as_pytorch(torch):
    with pytest.raises(RuntimeError):
        torch.nn.init.uniform_(torch.empty(2, 2), -1e308, 1e308)
    with pytest.raises(ValueError, match="a must lie within"):
        uniform(2, 2, -1e308, 1e308, dtype=np.float32)
    with pytest.raises(RuntimeError):
        torch.nn.init.constant_(torch.empty(2, 2), 1e300)
    with pytest.raises(ValueError, match="value must lie within"):
        constant(2, 2, 1e300, dtype=np.float32)


def test_a_normal_beyond_float32_is_inf_as_pytorchs(torch):
    reference = torch.nn.init.normal_(torch.empty(3, 3), 0.0, 1e300).numpy()
    ours = normal(3, 3, std=1e300, rng=0, dtype=np.float32)
    assert np.isinf(reference).all() and np.isinf(ours).all()


def test_a_float64_range_wider_than_pytorch_takes_is_drawn(torch):
    """PyTorch refuses U(-1e308, 1e308) (its width overflows); the distribution exists and is drawn here."""
    with pytest.raises(RuntimeError):
        torch.nn.init.uniform_(torch.empty(2, 2, dtype=torch.float64), -1e308, 1e308)
    w = uniform(200, 100, -1e308, 1e308, rng=0)
    reference = torch.nn.init.uniform_(torch.empty(100, 200, dtype=torch.float64), -8e307, 8e307).numpy()
    assert np.isfinite(w).all() and ks_distance(w / 1e308, reference / 8e307) < 0.02
