"""The numbers the learning-rate page states that no figure draws.

Polyak's momentum against the best fixed rate in the valley (x² + 50 y²) / 2, the steps each needs to
cut the error a millionfold; a constant rate against cosine annealing with noisy gradients, the mean
distance to the minimum over 20 runs; the range test's suggested rate against ten times less and ten
times more over eight initializations of the page's network; Adam in the valley turned by 45°; and the
defaults of `lr_range_test` and `Adam` that the page names.

Conclusion: every number of the page's prose is measured here or in a figure script, never typed.
"""

# %%
import inspect
from pathlib import Path

import numpy as np

from concepts.datasets import two_moons
from concepts.learning_rate import (
    SGD,
    Adam,
    Quadratic,
    classifier_objective,
    cosine_annealing_lr,
    lr_range_test,
    optimize,
    train,
)
from concepts.network import MLP
from sitebuild.figure_style import run, save_values

VALLEY = Quadratic([1.0, 50.0])  # the valley of the optimizers' figure
VALLEY_START = np.array([-7.0, 2.0])
TOL = 1e-6  # "a millionfold"
NOISY_RUNS, NOISY_STEPS, NOISY_LR = 20, 1000, 0.1
SEEDS = 8  # initializations of the range test's network
ADAM_LR, ADAM_STEPS = 0.3, 100  # as in the optimizers' figure
X, Y = two_moons(200, noise=0.15, rng=0)
SIZES, BATCH, TRAIN_STEPS = [2, 16, 16, 1], 32, 300


# %% [markdown]
# Momentum with Polyak's tuning against plain gradient descent at its best fixed rate, 2/(μ + L): the
# steps each takes until the error is a millionth of what it was, from (1, 1).
# %%
def steps_to_millionth(optimizer, bowl: Quadratic, start=(1.0, 1.0)) -> int:
    path = optimize(optimizer, bowl.grad, start, 2000)
    errors = np.linalg.norm(path - bowl.minimum, axis=1)
    return int(np.argmax(errors <= TOL * errors[0]))


def polyak() -> SGD:
    root = np.sqrt(VALLEY.condition_number)
    return SGD(4 / (np.sqrt(VALLEY.L) + np.sqrt(VALLEY.mu)) ** 2, momentum=((root - 1) / (root + 1)) ** 2)


# %% [markdown]
# With noisy gradients of w², the distance to the minimum after each run, with a constant rate and with
# the rate annealed along a cosine to 0.
# %%
def noisy_run(schedule, seed: int) -> float:
    rng = np.random.default_rng(seed)
    w, optimizer = np.array([5.0]), SGD(NOISY_LR)
    for t in range(NOISY_STEPS):
        optimizer.lr = schedule(t)
        optimizer.step([w], [2 * w + rng.normal(size=1)])
    return abs(float(w[0]))


def constant(t: int) -> float:
    return NOISY_LR


def annealed(t: int) -> float:
    return cosine_annealing_lr(NOISY_LR, t, T_max=NOISY_STEPS)


def mean_distances() -> tuple[float, float]:
    """The mean distance to the minimum at the end, over the runs: with the rate constant, and annealed."""
    return tuple(float(np.mean([noisy_run(f, seed) for seed in range(NOISY_RUNS)])) for f in (constant, annealed))


# %% [markdown]
# For each initialization: the range test's suggested rate, and whether training with it ends with a
# lower loss on the whole data set than ten times less and than ten times more.
# %%
def final_loss(lr: float, seed: int) -> float:
    net = MLP(SIZES, "tanh", rng=seed)
    train(net.parameters(), classifier_objective(net, X, Y, batch_size=BATCH, rng=1), SGD(lr), steps=TRAIN_STEPS)
    return classifier_objective(net, X, Y)()[0]


def wins() -> tuple[int, int]:
    less_wins = more_wins = 0
    for seed in range(SEEDS):
        net = MLP(SIZES, "tanh", rng=seed)
        lr = lr_range_test(net.parameters(), classifier_objective(net, X, Y, batch_size=BATCH, rng=0)).suggested_lr
        less, best, more = (final_loss(lr * k, seed) for k in (0.1, 1, 10))
        less_wins, more_wins = less_wins + (best < less), more_wins + (best < more)
    return less_wins, more_wins


# %% [markdown]
# Adam in the valley and in the same valley turned by 45°: the loss after ADAM_STEPS steps from the same start.
# %%
def adam_losses() -> tuple[float, float]:
    turned = Quadratic.stretched(VALLEY.mu, VALLEY.L, angle=45)
    return tuple(
        float(bowl(optimize(Adam(ADAM_LR), bowl.grad, VALLEY_START, ADAM_STEPS)[-1])) for bowl in (VALLEY, turned)
    )


# %% [markdown]
# The numbers the page states, and the defaults it names, read off the functions' signatures.
# %%
def numbers() -> dict:
    kept, annealing = mean_distances()
    less_wins, more_wins = wins()
    aligned, turned = adam_losses()
    range_test = inspect.signature(lr_range_test).parameters
    return {
        "kappa": VALLEY.condition_number,
        "plain_steps": steps_to_millionth(SGD(VALLEY.optimal_lr), VALLEY),
        "polyak_steps": steps_to_millionth(polyak(), VALLEY),
        "noisy_runs": NOISY_RUNS,
        "noisy_steps": NOISY_STEPS,
        "annealing_closer": kept / annealing,
        "seeds": SEEDS,
        "wins_over_less": less_wins,
        "wins_over_more": more_wins,
        "turned_adam_worse": float(f"{turned / aligned:.2g}"),  # "about": to two significant digits
        "range_test_max_steps": range_test["steps"].default,
        "range_test_diverge": range_test["diverge"].default,
        "adam_default_lr": inspect.signature(Adam).parameters["lr"].default,
    }


def main(out_dir: Path) -> list[Path]:
    return save_values(numbers(), out_dir / "learning_rate")


if __name__ == "__main__":
    run(main)
