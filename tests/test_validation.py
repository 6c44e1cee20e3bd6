"""The shared checks (concepts.validation) and the shared modules' valid extremes."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from concepts import validation
from concepts.gradient_check import gradient_check, numerical_gradient, relative_error
from concepts.network import MLP


def test_each_check_names_the_argument_it_is_given_and_what_came():
    with pytest.raises(ValueError, match=r"seed must be .* int seed >= 0 or None, got -1"):
        validation.as_rng(-1, "seed")
    with pytest.raises(TypeError, match="shuffle must be True or False, got str"):
        validation.as_flag("yes", "shuffle")
    with pytest.raises(ValueError, match=r"mode must be one of \['fan_in', 'fan_out'\], got 'fan'"):
        validation.as_choice("fan", "mode", ("fan_in", "fan_out"))
    with pytest.raises(TypeError, match="mode must be one of .*, got list"):
        validation.as_choice(["fan_in"], "mode", ("fan_in", "fan_out"))  # not "unhashable type"
    with pytest.raises(TypeError, match="grad must be a function, got int"):
        validation.as_callable(3, "grad")
    with pytest.raises(ValueError, match=r"sizes\[1\] must be a positive integer, got -1"):
        validation.as_sizes([2, -1], "sizes")
    with pytest.raises(ValueError, match="x must hold finite numbers, got 1 NaN or inf"):
        validation.as_finite_array([1.0, np.nan], "x")
    with pytest.raises(ValueError, match=r"target must not be empty, got shape \(0,\)"):
        validation.as_float_array([], "target", empty_ok=False)
    with pytest.raises(TypeError, match="lr must be a real number, got str"):
        validation.check_finite("0.1", "lr")  # not numpy's "ufunc 'isfinite' not supported"


def test_relative_error_at_the_ends_of_float64_is_right_and_quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert relative_error([1e308, -1e308], [-1e308, -1e308]).tolist() == [2.0, 0.0]


def test_a_nan_gradient_is_refused_not_called_fine():
    f = lambda v: float(np.sum(v**2))  # noqa: E731
    with pytest.raises(ValueError, match="analytic must hold finite numbers"):
        gradient_check(f, [1.0, 2.0], [2.0, np.nan])
    with pytest.raises(ValueError, match="f returned nan at a nudged point"):
        numerical_gradient(lambda v: float("nan"), [1.0])


def test_a_network_refuses_an_empty_batch_by_name():
    with pytest.raises(ValueError, match=r"x must not be empty"):
        MLP([2, 1], rng=0).forward(np.ones((0, 2)))
