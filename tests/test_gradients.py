"""Every `f` in `concepts` with an `f_grad` beside it: the gradient against central differences.

A pair is a public function `name` and a public function `name + "_grad"` defined in the same module of
the package; the walk below finds them all, so a new pair is tested as soon as it exists. By the
convention of design/DESIGN.md, `f_grad(*args)` is the gradient of `f(*args).sum()` with respect to the
first argument, in its shape (for a loss with mean reduction, the gradient of the mean).

By default the first argument is a seeded standard normal array of shape (4, 3) pushed at least 1e-3 away
from 0 (where relu and leaky_relu have their kink) and the other arguments keep their defaults. A pair
whose inputs need care (targets of a loss, a kink elsewhere, a positive domain) gets one line in
`EXAMPLES`, mapping "module.name" to a function of a numpy Generator that returns the arguments.
"""

import importlib
import inspect
import pkgutil

import numpy as np
import pytest

import concepts
from concepts.gradient_check import numerical_gradient


def away_from_zero(rng: np.random.Generator, shape: tuple[int, ...] = (4, 3)) -> np.ndarray:
    """Standard normal numbers, each moved 1e-3 further from 0, so that |z| >= 1e-3."""
    z = rng.standard_normal(shape)
    return np.copysign(np.abs(z) + 1e-3, z)


EXAMPLES = {
    "neuron.activations.leaky_relu": lambda rng: (away_from_zero(rng), 0.2),  # a slope other than the default
    # losses: (prediction, target[, delta or beta]); errors kept off the kinks at 0 and at delta / beta
    "loss.regression.mse_loss": lambda rng: (away_from_zero(rng), rng.standard_normal((4, 3))),
    "loss.regression.l1_loss": lambda rng: (away_from_zero(rng), np.zeros((4, 3))),
    "loss.regression.huber_loss": lambda rng: (3 * away_from_zero(rng), np.zeros((4, 3)), 1.5),
    "loss.regression.smooth_l1_loss": lambda rng: (3 * away_from_zero(rng), np.zeros((4, 3)), 0.5),
    "loss.classification.binary_cross_entropy": lambda rng: (
        rng.uniform(0.05, 0.95, (4, 3)),
        rng.uniform(0, 1, (4, 3)),
    ),
    "loss.classification.binary_cross_entropy_with_logits": lambda rng: (
        3 * away_from_zero(rng),
        rng.uniform(0, 1, (4, 3)),
    ),
    "loss.classification.cross_entropy": lambda rng: (3 * away_from_zero(rng), rng.integers(0, 3, 4)),
    # hinge: scores s = t (1 - a) with |a| >= 1e-3 keep every margin 1 - t s = a off the kink at 0
    "chain_rule.micrograd_demo.hinge_loss": lambda rng: (lambda t: (t * (1 - away_from_zero(rng, (12,))), t))(
        rng.choice([-1.0, 1.0], size=12)
    ),
}


def gradient_pairs() -> dict[str, tuple]:
    """{"module.name": (f, f_grad)} for every pair in every module of the package, private ones included."""
    pairs = {}
    for info in pkgutil.walk_packages(concepts.__path__, prefix="concepts."):
        module = importlib.import_module(info.name)
        functions = {
            name: obj
            for name, obj in vars(module).items()
            if not name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == module.__name__
        }
        for name, f in functions.items():
            if name + "_grad" in functions:
                pairs[f"{info.name.removeprefix('concepts.')}.{name}"] = (f, functions[name + "_grad"])
    return dict(sorted(pairs.items()))


PAIRS = gradient_pairs()


def arguments(key: str) -> tuple:
    rng = np.random.default_rng(0)
    if key in EXAMPLES:
        return EXAMPLES[key](rng)
    f, _ = PAIRS[key]
    needed = [
        p.name
        for p in list(inspect.signature(f).parameters.values())[1:]
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if needed:
        pytest.fail(f"{key} also needs {', '.join(needed)}: add a line for it to EXAMPLES in {__name__}")
    return (away_from_zero(rng),)


def central_differences(f, args: tuple) -> np.ndarray:
    """The gradient of `f(*args).sum()` with respect to `args[0]` by central differences, in float64."""
    return numerical_gradient(lambda x: np.sum(f(x, *args[1:])), np.asarray(args[0], dtype=np.float64))


def as_float32(args: tuple) -> tuple:
    return tuple(a.astype(np.float32) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a for a in args)


def test_discovery_finds_the_neuron_pairs():
    assert {f"neuron.activations.{f}" for f in ("sigmoid", "tanh", "relu", "leaky_relu")} <= set(PAIRS)


def test_every_example_names_a_discovered_pair():
    assert set(EXAMPLES) <= set(PAIRS), "an EXAMPLES key that matches no f/f_grad pair is a typo or a stale entry"


@pytest.mark.parametrize("key", PAIRS)
def test_grad_takes_the_same_arguments_as_its_function(key):
    f, f_grad = PAIRS[key]
    assert inspect.signature(f_grad).parameters == inspect.signature(f).parameters


@pytest.mark.parametrize("key", PAIRS)
def test_grad_matches_central_differences(key):
    f, f_grad = PAIRS[key]
    args = arguments(key)
    grad = f_grad(*args)
    assert np.shape(grad) == np.shape(args[0])
    np.testing.assert_allclose(grad, central_differences(f, args), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("key", PAIRS)
def test_grad_matches_central_differences_for_float32_inputs(key):
    f, f_grad = PAIRS[key]
    args = as_float32(arguments(key))
    grad = f_grad(*args)
    assert np.shape(grad) == np.shape(args[0])
    # the reference is taken in float64 at the same float32 point: float32 differences would be too coarse
    np.testing.assert_allclose(grad, central_differences(f, args), rtol=1e-4, atol=1e-6)
