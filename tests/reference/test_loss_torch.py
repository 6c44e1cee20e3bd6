"""concepts.loss against torch.nn.functional: every loss and its autograd gradient, to 1e-10.

Each case runs with every reduction ("mean", the default, "sum" and "none"; the gradient compared is
that of `loss.sum()`, which for "mean" is the gradient of the mean), on ordinary inputs and on extreme
ones: logits of ±1e3 and ±1e4, probabilities of exactly 0 and 1, errors at the kinks.
"""

import numpy as np
import pytest

from concepts.loss import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    huber_loss,
    huber_loss_grad,
    l1_loss,
    l1_loss_grad,
    log_softmax,
    mse_loss,
    mse_loss_grad,
    smooth_l1_loss,
    smooth_l1_loss_grad,
    softmax,
)

TOLERANCE = {"rtol": 1e-10, "atol": 1e-12}
REDUCTIONS = ["mean", "sum", "none"]
LARGEST_LOGIT = 1e4


def regression_inputs() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x, y = 3 * rng.normal(size=(6, 5)), rng.normal(size=(6, 5))
    x[0] = y[0] + [0.0, 1.0, -1.0, 2.5, -0.3]  # errors at 0 (L1's kink) and at delta = beta = 1 and 2.5
    x[1] = y[1] + [1e6, -1e6, 1e-9, 1e3, -7.0]
    return x, y


def probability_inputs() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    p, y = rng.uniform(size=(6, 5)), rng.uniform(size=(6, 5))
    p[0], y[0] = [0.0, 1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0, 0.5]  # where PyTorch clamps the log at -100
    p[1], y[1] = [1e-300, 1 - 1e-16, 1e-12, 0.5, 1e-5], [0.3, 0.7, 1.0, 0.5, 0.0]
    return p, y


def logit_inputs() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2)
    z, y = 4 * rng.normal(size=(6, 5)), rng.uniform(size=(6, 5))
    z[0], y[0] = [LARGEST_LOGIT, -LARGEST_LOGIT, LARGEST_LOGIT, -LARGEST_LOGIT, 1e3], [1.0, 0.0, 0.0, 1.0, 0.3]
    z[1], y[1] = [-1e3, 1e3, 40.0, -40.0, 0.0], [0.0, 0.5, 0.25, 1.0, 1.0]
    return z, y


def class_inputs() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    z, t = 4 * rng.normal(size=(8, 4)), rng.integers(0, 4, 8)
    z[0], t[0] = [LARGEST_LOGIT, -LARGEST_LOGIT, 0.0, 1.0], 1
    z[1], t[1] = [LARGEST_LOGIT, -LARGEST_LOGIT, 0.0, 1.0], 0
    z[2], t[2] = [-LARGEST_LOGIT, -LARGEST_LOGIT, -LARGEST_LOGIT, -LARGEST_LOGIT], 3
    z[3], t[3] = [1e3, 1e3 + 1, -1e3, 0.0], 2
    return z, t


CASES = {  # name: ours, our gradient, torch.nn.functional's name, inputs, keyword arguments
    "mse_loss": (mse_loss, mse_loss_grad, "mse_loss", regression_inputs, {}),
    "l1_loss": (l1_loss, l1_loss_grad, "l1_loss", regression_inputs, {}),
    "huber_loss": (huber_loss, huber_loss_grad, "huber_loss", regression_inputs, {}),
    "huber_loss-delta-2.5": (huber_loss, huber_loss_grad, "huber_loss", regression_inputs, {"delta": 2.5}),
    "huber_loss-delta-0.01": (huber_loss, huber_loss_grad, "huber_loss", regression_inputs, {"delta": 0.01}),
    "smooth_l1_loss": (smooth_l1_loss, smooth_l1_loss_grad, "smooth_l1_loss", regression_inputs, {}),
    "smooth_l1_loss-beta-2.5": (
        smooth_l1_loss,
        smooth_l1_loss_grad,
        "smooth_l1_loss",
        regression_inputs,
        {"beta": 2.5},
    ),
    "smooth_l1_loss-beta-0": (smooth_l1_loss, smooth_l1_loss_grad, "smooth_l1_loss", regression_inputs, {"beta": 0.0}),
    "binary_cross_entropy": (
        binary_cross_entropy,
        binary_cross_entropy_grad,
        "binary_cross_entropy",
        probability_inputs,
        {},
    ),
    "binary_cross_entropy_with_logits": (
        binary_cross_entropy_with_logits,
        binary_cross_entropy_with_logits_grad,
        "binary_cross_entropy_with_logits",
        logit_inputs,
        {},
    ),
    "cross_entropy": (cross_entropy, cross_entropy_grad, "cross_entropy", class_inputs, {}),
}


def theirs(torch, name: str, x: np.ndarray, y: np.ndarray, reduction: str, kwargs: dict):
    """PyTorch's loss and the gradient of its sum with respect to the first argument, as numpy arrays."""
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    ty = torch.tensor(y) if y.dtype.kind in "iu" else torch.tensor(y, dtype=torch.float64)
    out = getattr(torch.nn.functional, name)(tx, ty, reduction=reduction, **kwargs)
    out.sum().backward()
    return out.detach().numpy(), tx.grad.numpy()


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("case", CASES)
def test_loss_and_gradient_equal_pytorch(torch, case, reduction):
    ours, ours_grad, name, make_inputs, kwargs = CASES[case]
    x, y = make_inputs()
    value, grad = theirs(torch, name, x, y, reduction, kwargs)
    mine = ours(x, y, reduction=reduction, **kwargs)
    assert np.shape(mine) == value.shape
    assert np.isfinite(mine).all() and np.isfinite(ours_grad(x, y, reduction=reduction, **kwargs)).all()
    np.testing.assert_allclose(mine, value, **TOLERANCE)
    np.testing.assert_allclose(ours_grad(x, y, reduction=reduction, **kwargs), grad, **TOLERANCE)


@pytest.mark.parametrize("case", CASES)
def test_default_reduction_is_pytorchs_mean(torch, case):
    ours, _, name, make_inputs, kwargs = CASES[case]
    x, y = make_inputs()
    tx = torch.tensor(x, dtype=torch.float64)
    ty = torch.tensor(y) if y.dtype.kind in "iu" else torch.tensor(y, dtype=torch.float64)
    np.testing.assert_allclose(
        ours(x, y, **kwargs), getattr(torch.nn.functional, name)(tx, ty, **kwargs).item(), **TOLERANCE
    )


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", ["mse_loss", "huber_loss", "binary_cross_entropy_with_logits", "cross_entropy"])
def test_float32_losses_agree_with_pytorch_in_float32(torch, case, dtype):
    ours, ours_grad, name, make_inputs, kwargs = CASES[case]
    x, y = make_inputs()
    x = x.astype(dtype)
    y = y if y.dtype.kind in "iu" else y.astype(dtype)
    tx = torch.tensor(x, requires_grad=True)
    out = getattr(torch.nn.functional, name)(tx, torch.tensor(y), **kwargs)
    out.backward()
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(ours(x, y, **kwargs), out.item(), rtol=64 * eps)
    assert ours(x, y, **kwargs).dtype == dtype and ours_grad(x, y, **kwargs).dtype == dtype
    np.testing.assert_allclose(ours_grad(x, y, **kwargs), tx.grad.numpy(), rtol=64 * eps, atol=64 * eps)


def test_softmax_and_log_softmax_equal_pytorch_for_huge_logits(torch):
    z, _ = class_inputs()
    np.testing.assert_allclose(log_softmax(z), torch.log_softmax(torch.tensor(z), dim=-1).numpy(), **TOLERANCE)
    np.testing.assert_allclose(softmax(z), torch.softmax(torch.tensor(z), dim=-1).numpy(), **TOLERANCE)


def test_largest_logit_tested_is_1e4():
    """The closing note of the loss page's issue reports this number."""
    assert np.abs(logit_inputs()[0]).max() == LARGEST_LOGIT == np.abs(class_inputs()[0]).max()


# Past the float range: the same answer as PyTorch, without a warning ------------------------------------

BEYOND = 1e308  # 1e308 - (-1e308) overflows: an error, a gap between logits, beyond the largest float


def quietly(f, *args, **kwargs):
    """`f(*args, **kwargs)`, failing on any warning."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return f(*args, **kwargs)


@pytest.mark.parametrize(
    "logits",
    [[[BEYOND, -BEYOND]], [[-np.inf, 0.0]], [[np.inf, 0.0]], [[-np.inf, -np.inf]], [[np.nan, 1.0]], [[0.0, 5.0]]],
    ids=["gap-past-the-range", "minus-inf", "plus-inf", "all-minus-inf", "nan", "ordinary"],
)
def test_softmax_and_log_softmax_past_the_float_range_and_at_inf_equal_pytorch_quietly(torch, logits):
    z = np.array(logits)
    for ours, theirs_ in ((log_softmax, torch.log_softmax), (softmax, torch.softmax)):
        np.testing.assert_allclose(quietly(ours, z), theirs_(torch.tensor(z), dim=-1).numpy(), **TOLERANCE)


@pytest.mark.parametrize("target", [0, 1])
def test_cross_entropy_of_a_gap_past_the_float_range_equals_pytorch_quietly(torch, target):
    z, t = np.array([[BEYOND, -BEYOND]]), np.array([target])
    tz = torch.tensor(z, requires_grad=True)
    out = torch.nn.functional.cross_entropy(tz, torch.tensor(t))
    out.backward()
    assert quietly(cross_entropy, z, t) == out.item()  # 0, or inf for a log-probability below -1.8e308
    np.testing.assert_array_equal(quietly(cross_entropy_grad, z, t), tz.grad.numpy())


def test_l1_gradient_of_an_error_past_the_float_range_equals_pytorch_quietly(torch):
    x, y = np.array([BEYOND, -BEYOND, 1.0]), np.array([-BEYOND, BEYOND, 1.0])
    _, grad = theirs(torch, "l1_loss", x, y, "mean", {})
    np.testing.assert_array_equal(quietly(l1_loss_grad, x, y), grad)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(
    ("ours", "x", "y"),
    [(l1_loss, [1.0, 1.0, 0.5], [0.0, 0.0, 0.5]), (binary_cross_entropy_with_logits, [1.0, -1.0], [0.0, 1.0])],
    ids=["l1_loss", "bce_with_logits"],
)
def test_a_mean_of_finite_losses_is_finite_where_their_sum_overflows_and_pytorchs_is_inf(torch, dtype, ours, x, y):
    """Each loss is the largest float of the dtype times 0.9: their sum overflows, their mean does not.
    PyTorch sums first and returns inf; the true mean is finite, and that is what `reduction="mean"` gives."""
    big = 0.9 * float(np.finfo(dtype).max)
    x, y = (np.array(x) * big).astype(dtype), np.array(y).astype(dtype)
    per_element = quietly(ours, x, y, reduction="none")
    assert np.isfinite(per_element).all() and not np.isfinite(quietly(ours, x, y, reduction="sum"))
    mean = quietly(ours, x, y)
    assert mean.dtype == dtype and np.isfinite(mean)
    np.testing.assert_allclose(mean, np.sum(per_element.astype(np.float64) / x.size), rtol=4 * np.finfo(dtype).eps)
    assert not np.isfinite(getattr(torch.nn.functional, ours.__name__)(torch.tensor(x), torch.tensor(y)).item())
