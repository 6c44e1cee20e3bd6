"""Tests for concepts.learning_rate: the LR range test, `train` and `classifier_objective`.

The sweep is exponential and stops when the loss explodes, the parameters come back untouched, the two
suggestion rules do what their docstrings say, and on the page's network the suggested rate trains
better than ten times less or more.
"""

import numpy as np
import pytest

from concepts.datasets import two_moons
from concepts.gradient_check import numerical_parameter_gradients
from concepts.learning_rate import SGD, Adam, Quadratic, RangeTest, classifier_objective, lr_range_test, train
from concepts.network import MLP

MOONS = two_moons(200, noise=0.15, rng=0)  # the page's data and network
SIZES, SEED, BATCH = [2, 16, 16, 1], 1, 32


def quadratic_objective(bowl: Quadratic, w: np.ndarray):
    return lambda: (float(bowl(w)), [bowl.grad(w)])


def test_rates_rise_exponentially_from_start_to_end():
    w = np.array([1.0, 1.0])
    result = lr_range_test([w], quadratic_objective(Quadratic([1e-6, 2e-6]), w), 1e-4, 1.0, steps=41)
    assert len(result.lrs) == len(result.losses) == len(result.smoothed) == 41  # never diverges: all steps
    np.testing.assert_allclose(result.lrs, np.geomspace(1e-4, 1.0, 41), rtol=1e-12)


def test_the_test_stops_once_the_loss_explodes_and_restores_the_parameters():
    bowl = Quadratic([1.0, 10.0])
    w = np.array([1.0, -2.0])
    result = lr_range_test([w], quadratic_objective(bowl, w), 1e-3, 100.0, steps=100)
    assert len(result.losses) < 100
    assert result.smoothed[-1] > 4 * result.smoothed.min() or not np.isfinite(result.smoothed[-1])
    np.testing.assert_array_equal(w, [1.0, -2.0])
    assert isinstance(result, RangeTest) and result.rule == "steepest"


def test_parameters_are_restored_even_when_the_objective_raises():
    w = np.array([1.0])

    def broken():
        if w[0] != 1.0:
            raise RuntimeError("boom")
        return 1.0, [np.ones(1)]

    with pytest.raises(RuntimeError, match="boom"):
        lr_range_test([w], broken, 0.1, 1.0, 10)
    assert w[0] == 1.0


def test_smoothing_is_a_bias_corrected_moving_average():
    losses = iter(np.linspace(1.0, 0.5, 10))
    w = np.zeros(1)
    result = lr_range_test([w], lambda: (next(losses), [np.zeros(1)]), 0.1, 1.0, 10, beta=0.8)
    expected, average = [], 0.0
    for k, loss in enumerate(np.linspace(1.0, 0.5, 10)):
        average = 0.8 * average + 0.2 * loss
        expected.append(average / (1 - 0.8 ** (k + 1)))
    np.testing.assert_allclose(result.smoothed, expected, rtol=1e-14)
    assert result.smoothed[0] == 1.0  # no pull towards 0 at the start


def test_minimum_rule_is_the_rate_of_the_lowest_smoothed_loss_divided_by_ten():
    bowl = Quadratic([2.0, 4.0])
    w = np.array([3.0, 3.0])
    result = lr_range_test([w], quadratic_objective(bowl, w), 1e-3, 10.0, 60, rule="minimum")
    assert result.suggested_lr == pytest.approx(result.lrs[np.argmin(result.smoothed)] / 10, rel=1e-12)


def test_steepest_rule_is_where_the_smoothed_loss_falls_fastest_per_decade():
    bowl = Quadratic([2.0, 4.0])
    w = np.array([3.0, 3.0])
    result = lr_range_test([w], quadratic_objective(bowl, w), 1e-3, 10.0, 60)
    best = int(np.argmin(result.smoothed))
    slopes = np.gradient(result.smoothed[: best + 1], np.log(result.lrs[: best + 1]))
    assert result.suggested_lr == result.lrs[int(np.argmin(slopes))]


@pytest.mark.parametrize("rule", ["steepest", "minimum"])
@pytest.mark.parametrize("curvatures", [[1.0, 10.0], [0.01, 0.05], [100.0, 400.0]])
def test_on_a_quadratic_the_suggestion_converges(curvatures, rule):
    bowl = Quadratic(curvatures)
    w = np.ones(2)
    result = lr_range_test([w], quadratic_objective(bowl, w), 1e-2 / bowl.L, 1e2 / bowl.L, 80, rule=rule)
    assert 0 < result.suggested_lr < bowl.max_stable_lr


def test_the_range_test_sweeps_the_rate_of_any_optimizer():
    bowl = Quadratic([1.0, 10.0])
    w = np.ones(2)
    adam = Adam()
    result = lr_range_test([w], quadratic_objective(bowl, w), 1e-4, 10.0, 50, optimizer=adam)
    # Adam's steps are about lr long whatever the slope, so this loss never explodes: all 50 steps ran
    assert len(result.losses) == 50 and adam.lr == result.lrs[-1]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"start_lr": 0.0}, ValueError, "start_lr"),
        ({"end_lr": -1.0}, ValueError, "end_lr"),
        ({"start_lr": 1.0, "end_lr": 0.1}, ValueError, "end_lr"),
        ({"steps": 1}, ValueError, "steps"),
        ({"steps": 0}, ValueError, "steps"),
        ({"beta": 1.0}, ValueError, "beta"),
        ({"diverge": 1.0}, ValueError, "diverge"),
        ({"rule": "valley"}, ValueError, "rule"),
        ({"optimizer": "sgd"}, TypeError, "optimizer"),
    ],
    ids=repr,
)
def test_range_test_rejects_bad_input_naming_the_argument(kwargs, error, match):
    w = np.ones(1)
    with pytest.raises(error, match=match):
        lr_range_test([w], lambda: (1.0, [np.ones(1)]), **kwargs)


# train and classifier_objective ----------------------------------------------------------------------


def test_train_records_the_loss_before_each_step_and_stops_at_divergence():
    bowl = Quadratic([1.0, 10.0])
    w = np.array([1.0, 1.0])
    losses = train([w], quadratic_objective(bowl, w), SGD(0.5), 2000)
    assert losses.shape == (2000,) and losses[0] == 5.5
    first = int(np.argmax(np.isinf(losses)))
    assert 0 < first and np.isinf(losses[first:]).all() and np.isfinite(losses[:first]).all()


def test_train_and_the_range_test_stop_where_the_objective_gives_no_gradients():
    # an objective says "no gradients here" with None, as classifier_objective does once the weights overflow
    w = np.array([1.0])
    calls = []

    def objective():
        calls.append(w[0])
        return (1.0, None) if len(calls) > 3 else (float(w[0] ** 2), [2 * w])

    losses = train([w], objective, SGD(0.1), 10)
    assert np.isfinite(losses[:3]).all() and np.isinf(losses[3:]).all() and len(calls) == 4
    calls.clear()
    w[...] = 1.0
    result = lr_range_test([w], objective, 1e-3, 1e-2, steps=10)
    assert len(result.losses) == 4 and w.tolist() == [1.0]


def test_train_rejects_a_non_optimizer():
    with pytest.raises(TypeError, match="optimizer"):
        train([np.ones(1)], lambda: (1.0, [np.ones(1)]), "sgd", 3)


def test_classifier_objective_gives_the_loss_and_the_gradients_of_every_parameter():
    x, y = MOONS
    net = MLP([2, 5, 1], rng=0)
    objective = classifier_objective(net, x, y)
    loss, grads = objective()
    numeric = numerical_parameter_gradients(lambda: objective()[0], net.parameters())
    for analytic, expected in zip(grads, numeric):
        np.testing.assert_allclose(analytic, expected, rtol=1e-6, atol=1e-9)
    assert loss > 0


def test_classifier_objective_draws_seeded_minibatches():
    x, y = MOONS
    net = MLP([2, 5, 1], rng=0)
    first, again = classifier_objective(net, x, y, 16, rng=3), classifier_objective(net, x, y, 16, rng=3)
    losses = [first()[0] for _ in range(3)]
    assert [again()[0] for _ in range(3)] == losses  # same seed, same minibatches
    assert len(set(losses)) == 3  # a fresh minibatch at every call


def test_classifier_objective_reports_overflowed_weights_as_inf():
    x, y = MOONS
    net = MLP([2, 5, 1], rng=0)
    net.weights[-1][...] = np.inf
    assert classifier_objective(net, x, y)() == (np.inf, None)


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((MLP([2, 4, 2], rng=0), *MOONS), ValueError, "net"),  # an MLP, but of two outputs
        (("net", *MOONS), TypeError, "net"),
        ((MLP([2, 4, 1], rng=0), MOONS[0][:, :1], MOONS[1]), ValueError, "x"),
        ((MLP([2, 4, 1], rng=0), MOONS[0], MOONS[1][:10]), ValueError, "x"),
        ((MLP([2, 4, 1], rng=0), *MOONS, 500), ValueError, "batch_size"),
        ((MLP([2, 4, 1], rng=0), *MOONS, 0), ValueError, "batch_size"),
    ],
)
def test_classifier_objective_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        classifier_objective(*args)


# The page's demonstration ----------------------------------------------------------------------------


def final_loss(lr: float, seed: int = SEED) -> float:
    x, y = MOONS
    net = MLP(SIZES, "tanh", rng=seed)
    train(net.parameters(), classifier_objective(net, x, y, BATCH, rng=1), SGD(lr), 300)
    loss = classifier_objective(net, x, y)()[0]
    return loss if np.isfinite(loss) else np.inf


def test_on_the_page_network_the_suggested_rate_beats_ten_times_less_and_more():
    x, y = MOONS
    net = MLP(SIZES, "tanh", rng=SEED)
    result = lr_range_test(net.parameters(), classifier_objective(net, x, y, BATCH, rng=0))
    best = result.suggested_lr
    assert round(best, 3) == 0.955 and len(result.losses) == 80
    losses = [final_loss(best * f) for f in (0.1, 1.0, 10.0)]
    assert losses[1] < 0.1 < losses[0] < 1 < losses[2]


# Bad input is named, never replaced by an error from the restoring `finally` (issue 15) -------------------


def objective(w):
    return lambda: (float(w @ w), [2 * w])


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ([1.0, 2.0], TypeError, r"params\[0\]"),  # floats cannot be restored in place: refused before the test
        (None, TypeError, "params"),
        ([], ValueError, "params"),
        ([np.array([1, 2])], TypeError, r"params\[0\]"),
    ],
    ids=repr,
)
def test_range_test_refuses_bad_params_by_name_before_stepping(params, error, match):
    w = np.array([1.0, -2.0])
    with pytest.raises(error, match=match):
        lr_range_test(params, objective(w), 1e-3, 1.0, 5)
    assert w.tolist() == [1.0, -2.0]


@pytest.mark.parametrize(
    ("answer", "error", "match"),
    [
        (lambda w: 1.0, TypeError, "loss_and_grads must return a pair"),
        (lambda w: ("a", [2 * w]), TypeError, r"loss_and_grads\(\)\[0\]"),
        (lambda w: (np.ones(3), [2 * w]), ValueError, r"loss_and_grads\(\)\[0\]"),
        (lambda w: (float("nan"), [2 * w]), ValueError, "finite loss and gradients at the starting parameters"),
        (lambda w: (1.0, None), ValueError, "no gradients"),
        (lambda w: (1.0, [np.ones(3)]), ValueError, r"grads\[0\]"),
    ],
)
def test_range_test_names_a_bad_answer_of_loss_and_grads_and_restores_the_parameters(answer, error, match):
    w = np.array([1.0, -2.0])
    with pytest.raises(error, match=match):
        lr_range_test([w], lambda: answer(w), 1e-3, 1.0, 5)
    assert w.tolist() == [1.0, -2.0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"start_lr": 1e-300, "end_lr": 1e10}, "end_lr / start_lr"),  # more than 308 decades
        ({"start_lr": 1.0, "end_lr": 1.0 + 1e-15}, "too close"),  # rates that round to the same number
        ({"diverge": float("inf")}, "diverge"),
        ({"rule": ["steepest"]}, "rule"),
        ({"loss_and_grads": 3}, "loss_and_grads"),
    ],
    ids=repr,
)
def test_range_test_settings_out_of_range_are_named(kwargs, match):
    w = np.array([1.0, -2.0])
    with pytest.raises((TypeError, ValueError), match=match):
        lr_range_test(**{"params": [w], "loss_and_grads": objective(w), "steps": 20, **kwargs})


@pytest.mark.filterwarnings("error")
def test_range_test_over_three_hundred_decades_runs_quietly():
    w = np.array([1.0, -2.0])
    result = lr_range_test([w], objective(w), 1e-150, 1e150, 50)
    assert np.isfinite(result.suggested_lr) and np.isfinite(result.losses).all() and w.tolist() == [1.0, -2.0]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda w: train([w], 3, SGD(0.1), 2), TypeError, "loss_and_grads"),
        (lambda w: train([w], lambda: 1.0, SGD(0.1), 2), TypeError, "loss_and_grads"),
        (lambda w: train([w], lambda: ("x", None), SGD(0.1), 2), TypeError, "loss_and_grads"),
        (lambda w: train([], objective(w), SGD(0.1), 2), ValueError, "params"),
        (lambda w: train(w, objective(w), SGD(0.1), 2), TypeError, "params"),
    ],
)
def test_train_names_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call(np.array([1.0, -2.0]))


def test_train_from_a_start_that_has_overflowed_gives_inf_losses():
    w = np.array([1.0])
    assert train([w], lambda: (float("inf"), None), SGD(0.1), 3).tolist() == [np.inf] * 3


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        (np.ones((0, 2)), np.ones(0), "x must not be empty"),  # an empty batch: no mean to take
        (MOONS[0][:4], [0.0, 2.0, 1.0, 0.0], "y must hold labels 0 or 1"),
        (MOONS[0][:4], [0.0, -1.0, 1.0, 0.0], "y must hold labels 0 or 1"),
        (MOONS[0][:4], [0.0, np.nan, 1.0, 0.0], "y must hold finite"),
        (np.where(np.arange(8).reshape(4, 2) == 3, np.inf, 1.0), [0.0, 1.0, 1.0, 0.0], "x must hold finite"),
    ],
    ids=["empty batch", "label 2", "label -1", "label nan", "x inf"],
)
def test_classifier_objective_refuses_data_it_cannot_train_on(x, y, match):
    with pytest.raises(ValueError, match=match):
        classifier_objective(MLP([2, 3, 1], rng=0), x, y)


@pytest.mark.filterwarnings("error")
def test_classifier_objective_takes_probabilities_as_targets():
    loss, grads = classifier_objective(MLP([2, 3, 1], rng=0), MOONS[0][:4], [0.0, 0.25, 1.0, 0.5])()
    assert np.isfinite(loss) and grads is not None
