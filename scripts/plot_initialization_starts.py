"""Train the same network from four starts: which ones learn the two moons.

The deeplearning.ai notes' experiment: one small ReLU network (2 inputs, two hidden layers of 16 units,
1 output), the same 200 two-moons points, the same learning rate and number of steps; only the start
differs. First panel: the training loss, step by step, on a log scale. Then one small panel per start
with the decision boundary it ends with. From all zeros the loss never moves and the network gives every
point the same class. From large random values, N(0, 10²), the loss starts huge and climbs further in
the first steps, which overshoot; then most ReLU units are dead, every unit of the second hidden layer
among them (each outputs 0 for every point, so no gradient passes back through it), and the network
again gives every point the same class. He's start and PyTorch's default both learn the moons.

Conclusion: a start must be random and of the right size; a large one needs a far smaller learning
rate than the one at which a start of the right size learns.
"""

# %%
import math
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb

from concepts.initialization import initializer, start_experiment, steps_to_reach
from sitebuild.figure_style import callout, power_of_ten, run, save, save_values, scatter_classes

STEPS, LR = 1000, 0.5  # the same for every start
LARGE = 10.0  # the standard deviation of the large start, as in the deeplearning.ai notes
TARGET = 0.1  # the loss whose first step the page reports for the starts that learn
STARTS = {  # name -> (label, start for start_experiment, colour)
    "zeros": ("all zeros", initializer("zeros"), "muted"),
    "large": (f"large N(0, {LARGE:g}²)", initializer("normal", std=LARGE), "C1"),
    "he": ("He N(0, 2/n)", "he", "C2"),
    "default": ("PyTorch default", None, "fg"),
}
GRID_X, GRID_Y = np.linspace(-1.6, 2.6, 141), np.linspace(-1.2, 1.7, 98)  # the plane around the moons


@cache
def runs() -> dict:
    """Computed once, drawn in every variant."""
    return {name: start_experiment(init, steps=STEPS, lr=LR, rng=0) for name, (_, init, _) in STARTS.items()}


def colour(name, theme):
    key = STARTS[name][2]
    return {"muted": theme.muted, "fg": theme.fg}.get(key, key)


# %% [markdown]
# The training loss of the four starts, with the step where the large start's loss peaks marked.
# %%
def draw_losses(ax, theme, layout):
    for name, run_ in runs().items():
        ax.plot(
            np.arange(run_.losses.size),
            run_.losses,
            color=colour(name, theme),
            linestyle="--" if name == "zeros" else "-",
            linewidth=2.4 if name == "zeros" else 1.8,
            zorder=3 if name == "zeros" else 2,  # dashed on top: the large start's line ends on it
            label=STARTS[name][0],
        )
    large = runs()["large"].losses
    peak = int(np.argmax(large))
    callout(
        ax, "large start:\nthe loss explodes", (peak, large[peak]), theme, offset=(30, -75), fontsize=8.5, ha="left"
    )
    ax.set(title="training loss", xlabel="step", yscale="log", ylim=(1e-4, 1e15))
    ax.legend(loc="upper right", fontsize=8.5 if layout.narrow else 8)


# %% [markdown]
# One start's decision boundary: the plane coloured by the class the trained network gives each point
# (the class-1 colour where its score is above 0), the boundary where the score is 0, and the points.
# %%
def faded(colour_, theme, alpha=0.3):
    return tuple(alpha * np.array(to_rgb(colour_)) + (1 - alpha) * np.array(to_rgb(theme.panel)))


def draw_boundary(ax, name, theme):
    run_ = runs()[name]
    gx, gy = np.meshgrid(GRID_X, GRID_Y)
    scores = run_.net.forward(np.column_stack([gx.ravel(), gy.ravel()]))[:, 0].reshape(gx.shape)
    ones = (scores > 0).astype(float)
    regions = [faded(theme.colors[1], theme), faded(theme.colors[0], theme)]
    ax.contourf(gx, gy, ones, levels=[-0.5, 0.5, 1.5], colors=regions, antialiased=False, rasterized=True)
    if 0 < ones.mean() < 1:
        ax.contour(gx, gy, ones, levels=[0.5], colors=theme.fg, linewidths=1.2)
    scatter_classes(ax, *run_.data, theme, size=5)
    ax.set(title=f"{STARTS[name][0]}: {run_.accuracy:.0%}", xticks=[], yticks=[], aspect="equal")
    ax.title.set_fontsize(8.5)
    ax.grid(False)


# %%
def draw(theme, layout):
    if layout.narrow:
        fig = plt.figure(figsize=(layout.width, 5.9), layout="constrained")
        top, bottom = fig.subfigures(2, 1, height_ratios=[1, 1.05])
    else:
        fig = plt.figure(figsize=(7.2, 3.3), layout="constrained")
        top, bottom = fig.subfigures(1, 2, width_ratios=[1, 1.05])
    draw_losses(top.subplots(), theme, layout)
    for ax, name in zip(bottom.subplots(2, 2).ravel(), STARTS, strict=True):
        draw_boundary(ax, name, theme)
    bottom.suptitle("decision boundary after training (share of points right)", fontsize=9)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and its prose: the setup (units per
# hidden layer, steps, learning rate, the large start's standard deviation), the all-zeros start's flat
# loss, the large start's first and highest loss (as the powers of ten they are above) and the step of
# the highest, the first step at which He's start and PyTorch's default reach a loss of 0.1, and the
# share of points right, which the alt text states once for each pair of starts.
# %%
def numbers() -> dict:
    r = runs()
    zeros, large, he, default = (r[name] for name in STARTS)
    assert zeros.losses.min() == zeros.losses.max()  # the page says the all-zeros loss never moves
    settled = large.losses[int(np.argmax(large.losses)) + 10 :]  # the large start drops onto it and stays
    assert np.abs(settled - zeros.losses[0]).max() < 1e-3
    for run_ in (zeros, large):  # each gives every point the same class
        assert len(set(run_.net.forward(run_.data[0])[:, 0] > 0)) == 1
    assert zeros.accuracy == large.accuracy and he.accuracy == default.accuracy
    assert large.dead[-1] == 1.0 and large.dead.mean() > 0.5  # most units of the large start are dead
    return {
        "units": he.net.sizes[1],
        "steps": STEPS,
        "lr": LR,
        "large_std": LARGE,
        "zeros_loss": float(zeros.losses[-1]),
        "zeros_right": zeros.accuracy,
        "large_first_exponent": power_of_ten(large.losses[0], math.floor),
        "large_peak_exponent": power_of_ten(large.losses.max(), math.floor),
        "large_peak_step": int(np.argmax(large.losses)),
        "he_right": he.accuracy,
        "he_reach": steps_to_reach(he.losses, TARGET),
        "default_reach": steps_to_reach(default.losses, TARGET),
        "target": TARGET,
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_starts"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
