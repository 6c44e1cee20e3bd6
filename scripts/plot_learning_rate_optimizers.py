"""Plain gradient descent, momentum and Adam in a long narrow valley.

The bowl (x² + 50 y²) / 2 is fifty times steeper across than along; all three start from the same
point. Left (on a phone, top): the first steps of each over the contour lines. Plain gradient descent
at lr = 1/L must keep its steps small for the steep direction, so it drops to the valley floor and then
crawls along the flat one. Momentum with the same rate adds up the steps that keep pointing the same
way, along the valley, and gets there far sooner. Adam divides each coordinate's step by the size of
its recent gradients, so both coordinates move at about the same speed whatever their slope. Right
(bottom): the loss at every step, on a log scale.

Conclusion: one fixed rate cannot suit a steep and a flat direction at once; momentum and Adam get
around that, and reach a far lower loss in the same number of steps.
"""

# %%
from functools import cache
from pathlib import Path

import numpy as np

from concepts.learning_rate import SGD, Adam, Quadratic, optimize
from sitebuild.figure_style import grid_values, run, save, save_values

BOWL = Quadratic([1.0, 50.0])
START = np.array([-7.0, 2.0])
STEPS = 100  # the loss panel
SHOWN = 40  # the steps drawn on the path panel
LR = 1 / BOWL.L
MOMENTUM = 0.9  # with the same rate LR
ADAM_LR = 0.3
XLIM, YLIM = (-7.6, 2.4), (-2.6, 2.6)


@cache
def runs():
    """(label, every iterate) of each optimizer, from the same start: gradient descent, momentum, Adam."""
    optimizers = [
        (f"gradient descent, lr = 1/L = {LR:g}", SGD(LR)),
        (f"momentum {MOMENTUM:g}, same lr", SGD(LR, momentum=MOMENTUM)),
        (f"Adam, lr = {ADAM_LR:g}", Adam(ADAM_LR)),
    ]
    return tuple((label, optimize(optimizer, BOWL.grad, START, STEPS)) for label, optimizer in optimizers)


# %% [markdown]
# Left panel: the first steps of each optimizer over the contour lines of the valley.
# %%
def draw_paths(ax, theme, layout, paths):
    X, Y, Z = grid_values(BOWL, XLIM, YLIM, points=161)
    ax.contour(X, Y, Z, levels=BOWL(START) * np.geomspace(1e-3, 3, 10), colors=theme.muted, linewidths=0.6)
    for i, (label, path) in enumerate(paths):
        ax.plot(
            path[: SHOWN + 1, 0], path[: SHOWN + 1, 1], "-o", color=f"C{i}", markersize=2.2, linewidth=1.1, label=label
        )
    ax.plot(*START, "o", color=theme.fg, markersize=4)
    ax.plot(*BOWL.minimum, "*", color=theme.fg, markersize=9)
    title = (
        f"first {SHOWN} steps on (x² + 50 y²)/2" if layout.narrow else f"the first {SHOWN} steps on (x² + 50 y²) / 2"
    )
    ax.set(xlim=XLIM, ylim=YLIM, aspect="equal", xlabel="x", ylabel="y", title=title)


# %% [markdown]
# Right panel: the loss at every step; the legend names the three optimizers of both panels.
# %%
def draw_losses(ax, theme, layout, paths):
    for i, (_, path) in enumerate(paths):
        ax.plot(np.arange(STEPS + 1), BOWL(path), color=f"C{i}", linewidth=1.5)
    ax.set(yscale="log", xlabel="step", ylabel="loss", title="loss", xlim=(0, STEPS))


# %%
def draw(theme, layout):
    ratios = {"height_ratios": [1.0, 1.25]} if layout.narrow else {"width_ratios": [1.9, 1.0]}
    fig, (path_ax, loss_ax) = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.75, **ratios)
    paths = runs()
    draw_paths(path_ax, theme, layout, paths)
    draw_losses(loss_ax, theme, layout, paths)
    fig.legend(
        *path_ax.get_legend_handles_labels(),
        loc="outside lower center",
        ncols=1 if layout.narrow else 3,
        frameon=False,
        fontsize=8.5,
    )
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and prose: the valley, the settings of
# the three optimizers, how far gradient descent has got after the steps drawn, the loss of each after
# the last step, and how much momentum can lengthen a step, 1/(1 − m).
# %%
def numbers() -> dict:
    (_, descent), (_, momentum), (_, adam) = runs()
    left = np.linalg.norm(descent[SHOWN] - BOWL.minimum) / np.linalg.norm(START - BOWL.minimum)
    return {
        "steep_curvature": BOWL.L,
        "start_x": float(START[0]),
        "start_y": float(START[1]),
        "shown": SHOWN,
        "lr": LR,
        "momentum": MOMENTUM,
        "momentum_gain": 1 / (1 - MOMENTUM),
        "adam_lr": ADAM_LR,
        "steps": STEPS,
        "descent_progress": float(1 - left),
        "descent_loss": float(BOWL(descent[-1])),
        "momentum_loss": float(BOWL(momentum[-1])),
        "adam_loss": float(BOWL(adam[-1])),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "learning_rate_optimizers"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
