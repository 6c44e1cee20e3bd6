"""micrograd's demo, reproduced: two moons separated by a network trained with backpropagation.

An MLP with two hidden layers of 16 ReLU units, trained by full-batch gradient descent on the hinge
loss plus a small L2 penalty, as in Karpathy's micrograd demo. First panel: its decision boundary after
training, which separates all the points. Second panel: the loss falls and the training accuracy
reaches 100 % and stays there. Trained with `concepts.network.MLP`; `concepts.chain_rule.ValueMLP`,
built from scalar values, takes the same steps to the same numbers (a test checks it).

Conclusion: the chain rule, applied node by node, is all it takes to train a network that bends its
boundary around a curved class.
"""

# %%
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb

from concepts.chain_rule import DEMO_SIZES, demo_problem, train_demo
from sitebuild.figure_style import callout, run, save, save_values, scatter_classes

STEPS = 100  # micrograd's demo
GRID_X, GRID_Y = np.linspace(-1.6, 2.6, 211), np.linspace(-1.2, 1.7, 146)  # the plane around the moons


@cache
def trained():
    """The demo's network after training, its data, and the (loss, accuracy) of every step (before it)."""
    net, x, y = demo_problem(rng=0)
    history = train_demo(net, x, y, steps=STEPS)
    return net, x, y, history


def all_correct_from(history) -> int:
    """The step from which the training accuracy is 100 % at every step to the end."""
    below = np.flatnonzero(history[:, 1] < 1.0)
    return int(below[-1]) + 1


def faded(theme, n: int, alpha: float = 0.55) -> list:
    """`n` colours of the theme's diverging map, mixed with the panel colour as if drawn at `alpha`.

    Opaque bands, unlike translucent ones, show no seams where they meet.
    """
    cmap, panel = plt.get_cmap(theme.diverging), np.array(to_rgb(theme.panel))
    return [tuple(alpha * np.array(cmap(t)[:3]) + (1 - alpha) * panel) for t in np.linspace(0, 1, n)]


# %% [markdown]
# First panel: the network's score over the plane (a filled contour, drawn as an image), the zero level
# as the decision boundary, and the points.
# %%
def draw_boundary(ax, theme, layout, net, x, y):
    gx, gy = np.meshgrid(GRID_X, GRID_Y)
    scores = net.forward(np.column_stack([gx.ravel(), gy.ravel()]))[:, 0].reshape(gx.shape)
    limit = float(np.abs(scores).max())
    levels = np.linspace(-limit, limit, 21)
    ax.contourf(gx, gy, scores, levels=levels, colors=faded(theme, len(levels) - 1), antialiased=False, rasterized=True)
    ax.contour(gx, gy, scores, levels=[0.0], colors=theme.fg, linewidths=1.8)
    scatter_classes(ax, x, (y > 0).astype(float), theme, size=16 if layout.narrow else 22)
    ax.set(xlabel="x₁", ylabel="x₂", aspect="equal", title=f"decision boundary after {STEPS} steps")
    ax.grid(False)


# %% [markdown]
# Second panel: the loss (left axis) and the training accuracy (right axis), step by step; a callout
# marks the step from which every point stays classified correctly.
# %%
def draw_training(ax, theme, layout, history):
    steps = np.arange(len(history))
    ax.plot(steps, history[:, 0], color=theme.colors[0], label="loss (hinge + L2)")
    ax.set(xlabel="step", ylabel="loss", title="training", ylim=(0, None))
    accuracy = ax.twinx()
    accuracy.plot(steps, 100 * history[:, 1], color=theme.colors[1], label="accuracy")
    accuracy.set(ylim=(40, 102))
    accuracy.set_ylabel("accuracy (%)" if layout.narrow else "training accuracy (%)", color=theme.colors[1])
    accuracy.spines["right"].set_visible(True)
    accuracy.grid(False)
    first = all_correct_from(history)
    callout(
        accuracy,
        f"100 % from\nstep {first} on",
        (first, 100),
        theme,
        offset=(35, -38),
        fontsize=8 if layout.narrow else 9,
        color=theme.colors[1],
    )
    lines = ax.get_lines() + accuracy.get_lines()
    ax.legend(
        lines,
        [line.get_label() for line in lines],
        loc="center right",
        bbox_to_anchor=(1.0, 0.3),
        fontsize=8 if layout.narrow else 8.5,
    )


# %%
def draw(theme, layout):
    if layout.narrow:
        fig, (left, right) = plt.subplots(
            2, 1, figsize=(layout.width, 5.6), layout="constrained", height_ratios=[1, 1.15]
        )
    else:
        fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.3), layout="constrained", width_ratios=[1.15, 1])
    net, x, y, history = trained()
    draw_boundary(left, theme, layout, net, x, y)
    draw_training(right, theme, layout, history)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and its prose: the demo's setup, the
# loss and the accuracy at the first and the last step, and the step from which every point is
# classified correctly. Accuracies in per cent.
# %%
def numbers() -> dict:
    _, x, y, history = trained()
    return {
        "points": len(x),
        "points_per_moon": int(np.count_nonzero(y > 0)),
        "hidden_units": DEMO_SIZES[1],
        "steps": STEPS,
        "first_loss": float(history[0, 0]),
        "last_loss": float(history[-1, 0]),
        "first_accuracy_percent": 100 * float(history[0, 1]),
        "last_accuracy_percent": 100 * float(history[-1, 1]),
        "all_correct_from": all_correct_from(history),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_moons") + save_values(numbers(), out_dir / "chain_rule_moons")


if __name__ == "__main__":
    run(main, draw)
