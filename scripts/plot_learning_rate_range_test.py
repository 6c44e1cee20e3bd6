"""The LR range test on a small network, and training with the rate it suggests.

Left (on a phone, top): a 2-16-16-1 tanh network on the two-moons data (200 points, minibatches of 32),
trained for one short run while the rate grows exponentially from 0.001. The loss barely moves at first,
falls fastest near the suggested rate, then explodes, and the test stops; the dashed line marks the more
cautious rule, the rate of the lowest loss divided by ten. Right (bottom): training from the same start
for 300 steps with the suggested rate, ten times less and ten times more.

Conclusion: one short run finds a rate that trains well; ten times less is slow, ten times more never
settles.
"""

# %%
from functools import cache
from pathlib import Path

import numpy as np

from concepts.datasets import two_moons
from concepts.learning_rate import SGD, classifier_objective, lr_range_test, train
from concepts.network import MLP
from sitebuild.figure_style import callout, run, save, save_values

X, Y = two_moons(200, noise=0.15, rng=0)
SIZES, SEED, BATCH, STEPS = [2, 16, 16, 1], 1, 32, 300
FACTORS = [(0.1, "÷ 10", "C2"), (1.0, "suggested", "C1"), (10.0, "× 10", "C3")]
LAST = 100  # the steps at the end of training that the page sums up


@cache
def range_tests():
    """The range test with its default rule (steepest fall) and with the cautious one (lowest ÷ 10)."""
    tests = []
    for rule in ("steepest", "minimum"):
        net = MLP(SIZES, "tanh", rng=SEED)
        tests.append(lr_range_test(net.parameters(), classifier_objective(net, X, Y, BATCH, rng=0), rule=rule))
    return tuple(tests)


@cache
def training_runs(best: float):
    """The minibatch loss of 300 steps from the same start, at each multiple of the suggested rate."""
    runs = []
    for factor, _, _ in FACTORS:
        net = MLP(SIZES, "tanh", rng=SEED)
        runs.append(train(net.parameters(), classifier_objective(net, X, Y, BATCH, rng=1), SGD(best * factor), STEPS))
    return tuple(runs)


# %% [markdown]
# Left panel: the loss of every step of the range test against its rising rate, and the two suggestions.
# %%
def draw_range_test(ax, theme, layout):
    test, cautious = range_tests()
    best = test.suggested_lr
    ax.plot(test.lrs, test.losses, color=theme.muted, linewidth=1, label="loss of each step")
    ax.plot(test.lrs, test.smoothed, color="C0", label="smoothed")
    ax.axvline(best, color="C1", linewidth=1.2)
    ax.axvline(cautious.suggested_lr, color="C2", linewidth=1.2, linestyle="--")

    def on_smoothed(lr):  # the point of the smoothed curve at a rate
        return lr, float(np.interp(np.log(lr), np.log(test.lrs), test.smoothed))

    # left of the two lines: the cautious rate's label below the flat start of the curve, the suggested one above
    callout(
        ax,
        f"lowest ÷ 10:\n{cautious.suggested_lr:.2f}",
        on_smoothed(cautious.suggested_lr),
        theme,
        offset=(-30, -28),
        ha="right",
        color="C2",
        fontsize=8.5,
    )
    callout(
        ax,
        f"suggested: {best:.2f}\n(steepest fall)",
        on_smoothed(best),
        theme,
        offset=(-45, 62),
        ha="right",
        color="C1",
        fontsize=9,
    )
    ax.set(
        xscale="log",
        xlabel="learning rate (rising at every step)",
        ylabel="training loss",
        title=f"range test: {len(test.losses)} steps",
        ylim=(0, 2.5),
    )
    ax.legend(loc="upper left", fontsize=8.5)


# %% [markdown]
# Right panel: training for 300 steps with the suggested rate, ten times less and ten times more.
# %%
def draw_training(ax, theme, layout):
    best = range_tests()[0].suggested_lr
    for (factor, label, color), losses in zip(FACTORS, training_runs(best)):
        ax.plot(np.arange(STEPS), losses, color=color, linewidth=1.1, label=f"lr = {best * factor:.3g} ({label})")
    ax.set(
        yscale="log",
        xlabel="step",
        ylabel="minibatch loss",
        title="training with each rate",
        xlim=(0, STEPS),
        ylim=(1e-5 if layout.narrow else 1e-4, 1e3),
    )
    ax.legend(loc="lower left", fontsize=8.5)  # below the lines, in the room the lower limit leaves


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.4), narrow_height=2.9)
    draw_range_test(left, theme, layout)
    draw_training(right, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and prose. Where the smoothed loss
# "stays near" its start: its plateau is the median over the first quarter of the test, and it stays
# there up to the last step before the lowest loss that is still within 2% of that plateau. Training is
# summed up by the minibatch losses of its last LAST steps: their median, or, for the wild rate, their range.
# %%
def numbers() -> dict:
    test, cautious = range_tests()
    best = test.suggested_lr
    lowest = int(np.argmin(test.smoothed))
    plateau = float(np.median(test.smoothed[: len(test.smoothed) // 4]))
    near = np.flatnonzero(test.smoothed[:lowest] >= 0.98 * plateau)
    slow, good, wild = (np.asarray(losses[-LAST:]) for losses in training_runs(best))
    return {
        "sizes": "-".join(str(n) for n in SIZES),
        "points": len(X),
        "batch": BATCH,
        "test_steps": len(test.losses),
        "first_lr": float(test.lrs[0]),
        "last_lr": float(test.lrs[-1]),
        "plateau": plateau,
        "plateau_until_lr": float(test.lrs[near[-1]]),
        "suggested_lr": best,
        "lowest_lr": float(test.lrs[lowest]),
        "cautious_lr": cautious.suggested_lr,
        "training_steps": STEPS,
        "last_steps": LAST,
        "slow_lr": best * FACTORS[0][0],
        "wild_lr": best * FACTORS[2][0],
        "slow_median": float(np.median(slow)),
        "good_median": float(np.median(good)),
        "wild_low": float(wild.min()),
        "wild_high": float(wild.max()),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "learning_rate_range_test"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
