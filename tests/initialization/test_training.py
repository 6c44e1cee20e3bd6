"""Tests for concepts.initialization.training: a constant start keeps its units equal, a large start
fails where He's learns, a warm start learns faster.
"""

import math
from functools import cache

import numpy as np
import pytest

from concepts.datasets import two_moons
from concepts.initialization import (
    dead_units,
    depth_statistics,
    hidden_unit_spread,
    initializer,
    scale_sweep,
    start_experiment,
    steps_to_reach,
    symmetry_experiment,
    train,
    warm_start,
)
from concepts.learning_rate import classifier_objective
from concepts.network import MLP

WIDTH, DEPTH = 256, 50

# train, symmetry and warm start -------------------------------------------------------------------------


def test_train_lowers_the_loss_and_returns_one_loss_per_step():
    x, y = two_moons(100, rng=0)
    losses = train(MLP([2, 8, 1], "tanh", rng=0), x, y, lr=0.5, steps=300)
    assert losses.shape == (301,) and losses[-1] < 0.5 * losses[0]


def test_train_loss_is_the_mean_logistic_loss():
    x, y = two_moons(10, rng=0)
    net = MLP([2, 3, 1], "tanh", rng=0)
    logits = net.forward(x)[:, 0]
    p = 1 / (1 + np.exp(-logits))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert train(net, x, y, steps=1)[0] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("value", [0.0, 0.5, -0.2])
def test_a_constant_start_keeps_every_hidden_unit_equal_through_training(value):
    run = symmetry_experiment(initializer("constant", value=value), steps=500, rng=0)
    assert run.spread <= 1e-12 * max(1.0, np.abs(run.first_weights).max())
    np.testing.assert_allclose(run.first_weights, run.first_weights[:, :1].repeat(8, axis=1), rtol=0, atol=1e-12)


def test_an_all_zero_start_does_not_learn_at_all():
    run = symmetry_experiment(initializer("zeros"), steps=200, rng=0)
    np.testing.assert_array_equal(run.losses, run.losses[0])  # every gradient is 0 on balanced classes
    assert run.losses[0] == pytest.approx(math.log(2), rel=1e-15)
    assert run.accuracy == 0.5


@pytest.mark.parametrize("name", ["xavier", "standard", "he"])
def test_a_random_start_breaks_the_symmetry_and_learns_the_moons(name):
    run = symmetry_experiment(name, steps=1000, rng=0)
    assert run.spread > 0.1 and run.accuracy == 1.0


def test_a_constant_start_learns_only_what_one_unit_per_layer_can():
    constant, random = (
        symmetry_experiment(init, steps=1000, rng=0) for init in (initializer("constant", value=0.5), "xavier")
    )
    assert constant.accuracy < 0.95 and constant.losses[-1] > 50 * random.losses[-1]


def test_hidden_unit_spread_sees_a_difference_in_any_of_a_units_weights():
    net = MLP([2, 3, 3, 1], rng=0, init=initializer("constant", value=1.0))
    assert hidden_unit_spread(net) == 0.0
    net.weights[2][1, 0] += 0.25  # an outgoing weight of one unit of the second hidden layer
    assert hidden_unit_spread(net) == 0.25


# the same network from four starts (the deeplearning.ai notes' experiment) --------------------------------

LARGE = initializer("normal", std=10.0)


def test_start_experiment_trains_on_the_same_data_whatever_the_start():
    runs = [start_experiment(init, steps=5, rng=3) for init in ("he", None, LARGE)]
    for run in runs[1:]:
        for a, b in zip(run.data, runs[0].data, strict=True):
            np.testing.assert_array_equal(a, b)
    assert runs[0].net.sizes == [2, 16, 16, 1] and runs[0].net.activation == "relu"
    assert runs[0].losses.shape == (6,)


def test_start_experiment_none_starts_from_pytorchs_default():
    rng = np.random.default_rng(0)  # the experiment's draws, in its order: the data, then the network
    x, y = two_moons(200, 0.1, rng=rng)
    start = MLP([2, 16, 16, 1], "relu", rng)  # MLP's default: nn.Linear's, random biases included
    assert all(np.abs(b).max() > 0 for b in start.biases)
    loss, _ = classifier_objective(start, x, y)()
    assert start_experiment(None, steps=1, rng=0).losses[0] == loss


@pytest.mark.parametrize("seed", range(3))
def test_an_all_zero_relu_start_never_moves(seed):
    run = start_experiment(initializer("zeros"), steps=200, rng=seed)
    np.testing.assert_array_equal(run.losses, run.losses[0])
    assert run.losses[0] == pytest.approx(math.log(2)) and run.accuracy == 0.5
    assert run.dead.tolist() == [1.0, 1.0]


@pytest.mark.parametrize("seed", range(4))
def test_a_large_start_explodes_then_its_relu_units_die(seed):
    run = start_experiment(LARGE, rng=seed)
    assert run.losses.max() > 1e6 * run.losses[-1]  # the loss explodes in the first steps
    assert run.losses[-1] == pytest.approx(math.log(2), abs=1e-3) and run.accuracy == 0.5
    assert run.dead[-1] == 1.0 and run.dead.mean() > 0.5  # every unit of the second hidden layer is dead
    x, _ = run.data
    assert len(set(run.net.forward(x)[:, 0] > 0)) == 1  # one answer for every point


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("init", ["he", None], ids=["he", "default"])
def test_he_and_pytorchs_default_learn_the_moons(init, seed):
    run = start_experiment(init, rng=seed)
    assert run.accuracy == 1.0 and run.losses[-1] < 0.01
    assert steps_to_reach(run.losses, 0.1) < 200


def test_a_large_start_learns_at_a_tenth_of_the_rate_as_its_gradient_is_hundreds_of_times_larger():
    assert start_experiment(LARGE, lr=0.05, rng=0).accuracy == 1.0
    x, y = two_moons(200, rng=0)

    def first_gradient(init):
        _, grads = classifier_objective(MLP([2, 16, 16, 1], "relu", rng=0, init=init), x, y)()
        return math.sqrt(sum(float((g**2).sum()) for g in grads))

    assert 100 < first_gradient(LARGE) / first_gradient(initializer("kaiming_normal")) < 1000


def test_dead_units_counts_units_below_zero_for_every_input():
    net = MLP([1, 4, 3, 1], "relu", rng=0, init=initializer("constant", value=1.0))
    net.biases[0][1:3] = -10.0  # two of the four first-layer units never rise above 0 for x in [0, 1]
    x = np.linspace(0, 1, 5)[:, None]
    assert dead_units(net, x).tolist() == [0.5, 0.0]
    net.biases[1][:] = -100.0  # every unit of the second layer
    assert dead_units(net, x).tolist() == [0.5, 1.0]


@cache
def warm():
    return warm_start(angle=30.0, rng=0)  # the figure's run


@pytest.mark.slow  # trains from scratch and from a warm start
def test_warm_start_reaches_the_target_loss_in_a_fifth_of_the_steps_or_fewer():
    res = warm()
    scratch = [steps_to_reach(run, 0.05) for run in res.scratch]
    warmed = [steps_to_reach(run, 0.05) for run in res.warm]
    assert None not in scratch and None not in warmed
    assert max(warmed) * 5 <= min(scratch)


def test_warm_start_begins_worse_than_a_fresh_network():
    res = warm()
    assert (res.warm[:, 0] > res.scratch[:, 0]).all()  # confidently wrong about the turned points


def test_warm_start_tasks_are_the_same_moons_turned():
    res = warm()
    (old_x, old_y), (new_x, new_y) = res.old_task, res.new_task
    assert old_x.shape == new_x.shape == (200, 2) and (old_y == new_y).all()
    t = math.radians(30)
    turned_back = new_x @ np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    assert np.abs(turned_back - old_x).mean() < 0.2  # the same shape, other noise


def test_steps_to_reach():
    assert steps_to_reach([3.0, 2.0, 1.0], 2.0) == 1
    assert steps_to_reach([3.0, 2.0, 1.0], 0.5) is None
    assert steps_to_reach([0.1], 1.0) == 0


# Bad input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: depth_statistics("kaiming"), ValueError, "init"),
        (lambda: depth_statistics(3.0), TypeError, "init"),
        (lambda: depth_statistics("he", "softplus"), ValueError, "activation"),
        (lambda: depth_statistics("he", depth=0), ValueError, "depth"),
        (lambda: depth_statistics("he", width=2.5), TypeError, "width"),
        (lambda: depth_statistics("he", batch=-1), ValueError, "batch"),
        (lambda: scale_sweep([-1.0]), ValueError, "multipliers"),
        (lambda: scale_sweep([[1.0]]), ValueError, "multipliers"),
        (lambda: scale_sweep([1.0], "softplus"), ValueError, "activation"),
        (lambda: train(MLP([2, 3, 2], rng=0), np.zeros((4, 2)), np.zeros(4)), ValueError, "one output"),
        (lambda: train(MLP([2, 3, 1], rng=0), np.zeros((4, 2)), np.zeros(4), steps=0), ValueError, "steps"),
        (lambda: symmetry_experiment("he", hidden=0), ValueError, "hidden"),
        (lambda: start_experiment("kaiming"), ValueError, "init"),
        (lambda: start_experiment("he", steps=0), ValueError, "steps"),
        (lambda: start_experiment("he", sizes=(2, 4, 2)), ValueError, "one output"),
        (lambda: dead_units(MLP([2, 3, 1], rng=0), np.zeros(2)), ValueError, "x"),
        (lambda: warm_start(runs=0), ValueError, "runs"),
        (lambda: warm_start(angle="30"), TypeError, "angle"),
        (lambda: steps_to_reach([1.0], "low"), TypeError, "target"),
    ],
    ids=lambda v: None,
)
def test_bad_arguments_raise_errors_that_name_them(call, error, name):
    with pytest.raises(error, match=name):
        call()


X4 = np.array([[0.5, -1.0], [1.5, 0.25], [-0.5, 0.75], [1.0, 1.0]])
Y4 = np.array([0.0, 1.0, 1.0, 0.0])


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: train(None, X4, Y4), TypeError, "net must be a concepts.network.MLP"),
        (lambda: train(MLP([2, 3, 1], rng=0), np.zeros((0, 2)), np.zeros(0)), ValueError, "x must not be empty"),
        (lambda: train(MLP([2, 3, 1], rng=0), X4, [0.0, 1.0]), ValueError, "y must hold one label per row"),
        (lambda: train(MLP([2, 3, 1], rng=0), X4, [0.0, 1.0, np.nan, 0.0]), ValueError, "y must hold finite"),
        (lambda: train(MLP([2, 3, 1], rng=0), X4, [0.0, 2.0, 1.0, 0.0]), ValueError, "y must hold labels 0 or 1"),
        (lambda: train(MLP([3, 3, 1], rng=0), X4, Y4), ValueError, "input width of net"),
        (lambda: train(MLP([2, 3, 1], rng=0), X4, Y4, lr=np.nan), ValueError, "lr"),
        (lambda: hidden_unit_spread("net"), TypeError, "net"),
        (lambda: dead_units(None, X4), TypeError, "net"),
        (lambda: dead_units(MLP([2, 3, 1], rng=0), np.zeros((0, 2))), ValueError, "x must not be empty"),
        (lambda: symmetry_experiment("he", lr=math.inf), ValueError, "lr"),
        (lambda: start_experiment("he", sizes=[3, 4, 1]), ValueError, "sizes must start at 2"),
        (lambda: start_experiment("he", sizes="abc"), TypeError, "sizes"),
        (lambda: start_experiment("he", lr=0.0), ValueError, "lr"),
        (lambda: warm_start(angle=math.nan), ValueError, "angle"),
        (lambda: warm_start(lr=-1.0), ValueError, "lr"),
        (lambda: steps_to_reach([1.0], math.nan), ValueError, "target"),
        (lambda: depth_statistics("he", gradients="yes"), TypeError, "gradients"),
        (lambda: depth_statistics("he", ["tanh"]), TypeError, "activation"),
        (lambda: scale_sweep([1.0], ["tanh"]), TypeError, "activation"),
        (lambda: scale_sweep([1.0, np.inf]), ValueError, "multipliers"),
    ],
    ids=lambda v: None,
)
def test_more_bad_arguments_raise_errors_that_name_them(call, error, name):
    with pytest.raises(error, match=name):
        call()


def test_the_bad_arguments_are_refused_before_any_training():
    net = MLP([2, 3, 1], rng=0)
    before = [w.copy() for w in net.parameters()]
    with pytest.raises(ValueError, match="lr"):
        train(net, X4, Y4, lr=-0.5)
    assert all((w == b).all() for w, b in zip(net.parameters(), before, strict=True))


# Valid extremes: the right answer, no warning -------------------------------------------------------------


# pyproject.toml turns every warning into an error: these pass only if nothing warns.


def test_spread_of_weights_farther_apart_than_the_largest_float_is_inf():
    net = MLP([2, 3, 1], rng=0, init=initializer("uniform", a=-1.79e308, b=1.79e308))
    assert hidden_unit_spread(net) == math.inf


def test_an_exploding_start_reaches_inf_quietly():
    stats = depth_statistics(initializer("constant", value=1e300), "relu", depth=5, width=4, batch=4, rng=0)
    assert np.isinf(stats.activations[-1]).any() and np.isnan(stats.activation_std[-1])  # inf - inf: no std


def test_a_diverging_run_is_never_counted_as_reaching_the_target():
    losses = train(MLP([2, 3, 1], "relu", rng=0), X4, Y4, lr=1e300, steps=5)
    assert np.isinf(losses[1:]).all() and steps_to_reach(losses, 0.1) is None
    assert steps_to_reach([np.inf, np.nan, 1e308], 1e308) == 2


def test_tiny_and_huge_inputs_train_quietly():
    assert np.isfinite(train(MLP([2, 3, 1], "relu", rng=0), X4 * 1e-300, Y4, steps=5)).all()
    assert dead_units(MLP([2, 3, 1], "relu", rng=0), X4 * 1e308).shape == (1,)
