"""Tests for concepts.learning_rate: the update rules written out by hand, in-place updates, state, errors.

Whole trajectories against torch.optim.SGD and torch.optim.Adam are in
reference/test_learning_rate_torch.py.
"""

import numpy as np
import pytest

from concepts.learning_rate import SGD, Adam, Quadratic, optimize


def test_sgd_without_momentum_subtracts_lr_times_the_gradient_in_place():
    p = np.array([1.0, -2.0, 0.5])
    before = p
    SGD(0.1).step([p], [np.array([1.0, 2.0, -4.0])])
    assert p is before
    np.testing.assert_allclose(p, [0.9, -2.2, 0.9], rtol=1e-15)


@pytest.mark.parametrize("momentum", [0.5, 0.9])
def test_momentum_adds_up_a_constant_gradient_geometrically(momentum):
    p, g, lr = np.zeros(1), np.ones(1), 0.1
    opt = SGD(lr, momentum=momentum)
    positions = []
    for _ in range(100):
        opt.step([p], [g])
        positions.append(p[0])
    k = np.arange(1, 101)
    velocity = (1 - momentum**k) / (1 - momentum)  # 1, 1 + m, 1 + m + m^2, ...
    np.testing.assert_allclose(positions, -lr * np.cumsum(velocity), rtol=1e-12)
    assert velocity[-1] == pytest.approx(1 / (1 - momentum), rel=1e-3)  # 10x the step at momentum 0.9


def test_nesterov_adds_the_momentum_term_to_the_gradient():
    p, lr, m = np.zeros(1), 0.1, 0.9
    opt = SGD(lr, momentum=m, nesterov=True)
    opt.step([p], [np.ones(1)])  # velocity 1, step lr * (1 + m * 1)
    assert p[0] == pytest.approx(-lr * (1 + m))
    opt.step([p], [np.ones(1)])  # velocity 1 + m, step lr * (1 + m * (1 + m))
    assert p[0] == pytest.approx(-lr * (1 + m) - lr * (1 + m * (1 + m)))


def test_dampening_scales_new_gradients_but_not_the_first():
    p = np.zeros(1)
    opt = SGD(1.0, momentum=0.5, dampening=0.25)
    opt.step([p], [np.ones(1)])
    opt.step([p], [np.ones(1)])
    assert p[0] == pytest.approx(-(1.0 + (0.5 + 0.75)))


def test_weight_decay_adds_a_multiple_of_the_parameter_to_the_gradient():
    p = np.array([2.0])
    SGD(0.1, weight_decay=0.5).step([p], [np.zeros(1)])
    assert p[0] == pytest.approx(2.0 - 0.1 * 0.5 * 2.0)


def test_adam_first_step_is_lr_per_coordinate_whatever_the_gradient_size():
    p = np.zeros(4)
    Adam(lr=0.01, eps=0.0).step([p], [np.array([1e-6, 1e-2, 1.0, -1e6])])
    np.testing.assert_allclose(p, [-0.01, -0.01, -0.01, 0.01], rtol=1e-12)


def test_adam_with_a_constant_gradient_steps_lr_every_time_thanks_to_bias_correction():
    p, opt = np.zeros(1), Adam(lr=0.01, eps=0.0)
    for _ in range(50):
        opt.step([p], [np.array([3.0])])
    assert p[0] == pytest.approx(-0.5, rel=1e-12)


def test_adam_step_by_the_formula_of_the_paper():
    rng = np.random.default_rng(0)
    grads = rng.normal(size=(20, 3))
    p, opt = np.zeros(3), Adam(lr=0.05, betas=(0.8, 0.99), eps=1e-6)
    m = v = np.zeros(3)
    expected = np.zeros(3)
    for t, g in enumerate(grads, start=1):
        opt.step([p], [g])
        m = 0.8 * m + 0.2 * g
        v = 0.99 * v + 0.01 * g**2
        expected = expected - 0.05 / (1 - 0.8**t) * m / (np.sqrt(v) / np.sqrt(1 - 0.99**t) + 1e-6)
    np.testing.assert_allclose(p, expected, rtol=1e-12)


@pytest.mark.parametrize("make", [lambda: SGD(0.1, momentum=0.9), lambda: Adam(0.1)], ids=["SGD", "Adam"])
def test_state_is_kept_per_parameter(make):
    a, b = np.zeros(2), np.zeros(3)
    together = make()
    for _ in range(5):
        together.step([a, b], [np.ones(2), 2 * np.ones(3)])
    alone_a, alone_b = np.zeros(2), np.zeros(3)
    first, second = make(), make()
    for _ in range(5):
        first.step([alone_a], [np.ones(2)])
        second.step([alone_b], [2 * np.ones(3)])
    np.testing.assert_array_equal(a, alone_a)
    np.testing.assert_array_equal(b, alone_b)


@pytest.mark.parametrize("make", [lambda: SGD(0.1, momentum=0.9), lambda: Adam(0.1)], ids=["SGD", "Adam"])
def test_float32_parameters_stay_float32(make):
    p = np.ones(3, np.float32)
    make().step([p], [np.ones(3)])
    assert p.dtype == np.float32


def test_lr_can_be_changed_between_steps_by_a_schedule():
    p, opt = np.zeros(1), SGD(1.0)
    for lr in (0.1, 0.2, 0.3):
        opt.lr = lr
        opt.step([p], [np.ones(1)])
    assert p[0] == pytest.approx(-0.6)


@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.9])
@pytest.mark.parametrize("curvature", [0.1, 3.0, 200.0])
def test_heavy_ball_is_stable_exactly_below_two_times_one_plus_momentum_over_L(curvature, momentum):
    # along a direction of curvature c, momentum m converges iff 0 < lr * c < 2 (1 + m) (Polyak 1964)
    bowl = Quadratic([curvature])
    limit = 2 * (1 + momentum) / curvature
    below = optimize(SGD(0.95 * limit, momentum=momentum), bowl.grad, [1.0], 3000)
    above = optimize(SGD(1.05 * limit, momentum=momentum), bowl.grad, [1.0], 3000)
    assert abs(below[-1, 0]) < 1e-6
    assert abs(above[-1, 0]) > 1e6


def test_momentum_speeds_the_valley_up_until_it_overshoots():
    # the page's momentum slider: SGD at lr = 1/L on (x^2 + 50 y^2) / 2, 80 steps, m from 0 to 0.99
    valley, start = Quadratic([1.0, 50.0]), [-7.0, 2.0]
    momenta = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]
    paths = [optimize(SGD(1 / valley.L, momentum=m), valley.grad, start, 80) for m in momenta]
    losses = np.array([float(valley(path[-1])) for path in paths])
    best = int(np.argmin(losses))
    assert momenta[best] == 0.8
    assert (np.diff(losses[: best + 1]) < 0).all()  # more momentum, lower loss, up to the best
    assert (np.diff(losses[best:]) > 0).all()  # then higher again
    beyond = np.array([path[:, 0].max() for path in paths])  # past the minimum, x = 0, along the floor
    assert (beyond[:best] < 0).all()  # below the best, the path never passes the minimum
    assert (np.diff(beyond[best:]) > 0).all() and beyond[best] > 0  # from it on, further and further


def test_optimize_returns_every_iterate_and_shows_divergence_as_inf():
    bowl = Quadratic([1.0, 10.0])
    path = optimize(SGD(0.5, momentum=0.9), bowl.grad, [1.0, 1.0], 3000)
    assert path.shape == (3001, 2) and np.isinf(path[-1]).any()


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: SGD(0.0), ValueError, "lr"),
        (lambda: SGD(-1.0), ValueError, "lr"),
        (lambda: SGD(0.1, momentum=1.0), ValueError, "momentum"),
        (lambda: SGD(0.1, momentum=-0.1), ValueError, "momentum"),
        (lambda: SGD(0.1, nesterov=True), ValueError, "nesterov"),
        (lambda: SGD(0.1, momentum=0.9, nesterov=True, dampening=0.1), ValueError, "nesterov"),
        (lambda: SGD(0.1, nesterov="yes"), TypeError, "nesterov"),
        (lambda: SGD(0.1, weight_decay=-1.0), ValueError, "weight_decay"),
        (lambda: Adam(lr=float("inf")), ValueError, "lr"),
        (lambda: Adam(betas=(0.9,)), ValueError, "betas"),
        (lambda: Adam(betas=(1.0, 0.999)), ValueError, r"betas\[0\]"),
        (lambda: Adam(betas=(0.9, -0.1)), ValueError, r"betas\[1\]"),
        (lambda: Adam(eps=-1.0), ValueError, "eps"),
        (lambda: optimize("sgd", lambda x: x, [1.0], 3), TypeError, "optimizer"),
    ],
)
def test_bad_settings_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize(
    ("params", "grads", "error", "match"),
    [
        (np.zeros(2), [np.zeros(2)], TypeError, "params"),
        ([[0.0, 0.0]], [np.zeros(2)], TypeError, r"params\[0\]"),
        ([np.zeros(2, int)], [np.zeros(2)], TypeError, r"params\[0\]"),
        ([np.zeros(2)], [np.zeros(3)], ValueError, r"grads\[0\]"),
        ([np.zeros(2)], [np.zeros(2), np.zeros(2)], ValueError, "grads"),
        ([np.zeros(2)], np.zeros(2), TypeError, "grads"),
        ([np.zeros(2)], [["a", "b"]], TypeError, r"grads\[0\]"),
    ],
    ids=["array", "list", "int array", "shape", "count", "array grads", "strings"],
)
@pytest.mark.parametrize("make", [lambda: SGD(0.1), lambda: Adam()], ids=["SGD", "Adam"])
def test_bad_params_and_grads_are_named(make, params, grads, error, match):
    with pytest.raises(error, match=match):
        make().step(params, grads)


def test_changing_the_parameters_between_steps_is_an_error():
    opt = Adam()
    opt.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="params must be the same arrays"):
        opt.step([np.zeros(3)], [np.ones(3)])


def test_lr_set_to_nonsense_between_steps_is_caught():
    opt = SGD(0.1)
    opt.lr = -1.0
    with pytest.raises(ValueError, match="lr"):
        opt.step([np.zeros(1)], [np.ones(1)])


def test_repr_shows_the_settings():
    assert repr(SGD(0.1, momentum=0.9)) == "SGD(lr=0.1, momentum=0.9, nesterov=False)"
    assert repr(Adam()) == "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08)"


# Valid extremes work quietly, bad input is named (issue 15) ---------------------------------------------


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("g", [1e200, -1e200, 1e300])
def test_adam_with_a_gradient_whose_square_overflows_leaves_the_weight_quietly(g):
    # v = g**2 is inf, so the step m / sqrt(v) is 0: the weight stays, as torch.optim.Adam leaves it
    p = np.array([1.0, 2.0])
    Adam(lr=0.1).step([p], [np.array([g, 1.0])])
    assert p[0] == 1.0 and p[1] == pytest.approx(1.9, rel=1e-8)


@pytest.mark.filterwarnings("error")
def test_sgd_momentum_that_overflows_gives_inf_quietly():
    p, opt = np.array([1.0]), SGD(0.1, momentum=0.9)
    for _ in range(2):
        opt.step([p], [np.array([1e308])])
    assert p.tolist() == [-np.inf]


@pytest.mark.filterwarnings("error")
def test_a_float32_parameter_with_a_gradient_beyond_float32_gets_inf_quietly():
    p = np.ones(1, dtype=np.float32)
    SGD(0.1).step([p], [np.array([1e200])])
    assert p.tolist() == [-np.inf]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: SGD(0.1).step([], []), ValueError, "params must hold at least one array"),
        (lambda: SGD(0.1).step("ab", [np.ones(1)]), TypeError, "params"),
        (lambda: SGD(0.1).step([np.ones(1)], None), TypeError, "grads"),
        (lambda: SGD(0.1).step([np.ones(1)], "a"), TypeError, "grads"),
        (lambda: Adam(betas=0.9), TypeError, "betas"),
        (lambda: Adam(betas=None), TypeError, "betas"),
        (lambda: Adam(betas=np.array(0.9)), ValueError, "betas"),
        (lambda: Adam(betas=[[0.9, 0.9], [0.9]]), TypeError, r"betas\[0\]"),
        (lambda: Adam(betas=(float("nan"), 0.999)), ValueError, r"betas\[0\]"),
        (lambda: SGD(0.1, momentum=0.9, nesterov=1), TypeError, "nesterov"),
    ],
)
def test_bad_containers_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
