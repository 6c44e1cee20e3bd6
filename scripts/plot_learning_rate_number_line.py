"""One weight on a number line: four learning rates, four ways to move.

Gradient descent on the loss c·x²/2 with c = 4, from x = 1. The slope there is c·x, so a step is
x ← x − lr·c·x = (1 − lr·c)·x: every step multiplies x by the same factor 1 − lr·c. Four panels, x
against the step, one per rate: a factor between 0 and 1 creeps towards 0 from one side (too small a
rate); a factor of 0 lands on 0 in one step (lr = 1/c); a factor between −1 and 0 zigzags in, x flips
sign at every step but shrinks; a factor below −1 zigzags out, x flips sign and grows (the rate is
past 2/c).

Conclusion: the whole story of the rate is the one factor 1 − lr·c; it stays inside (−1, 1), and the
run converges, exactly when lr is between 0 and 2/c.
"""

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.learning_rate import Quadratic, gradient_descent
from sitebuild.figure_style import run, save, save_values

CURVATURE = 4.0  # the loss c·x²/2, slope c·x
LINE = Quadratic([CURVATURE])  # the same loss, which knows 2/c
START = 1.0
STEPS = 6
RATES = [  # (what the run does, lr): factors 0.8, 0, −0.6, −1.2
    ("creeps in", 0.05),
    ("lands in one step", 0.25),
    ("zigzags in", 0.4),
    ("zigzags out", 0.55),
]
YLIM = (-3.3, 3.3)


# %% [markdown]
# One run per rate: x after every step, from gradient_descent on the slope c·x.
# %%
def path(lr: float) -> np.ndarray:
    """x at steps 0, 1, ..., STEPS of gradient descent at rate `lr`."""
    return gradient_descent(lambda x: CURVATURE * x, [START], lr, STEPS).ravel()


def factor(lr: float) -> float:
    """What one step multiplies x by: 1 − lr·c."""
    return 1 - lr * CURVATURE


# %% [markdown]
# One panel per rate: x against the step, the minimum x = 0 as a line, the factor in the title.
# %%
def draw_run(ax, theme, i, label, lr, layout):
    xs = path(lr)
    steps = np.arange(STEPS + 1)
    ax.axhline(0, color=theme.fg, linewidth=0.9)
    ax.plot(steps, xs, "-o", color=f"C{i}", markersize=3.5, linewidth=1.3)
    ax.set(xlim=(-0.4, STEPS + 0.4), ylim=YLIM, xticks=range(0, STEPS + 1, 2))
    shown = f"{round(factor(lr), 1):g}".replace("-", "−")  # the factor as the page writes it
    ax.set_title(f"lr = {lr:g}, factor {shown}\n{label}", color=f"C{i}", fontsize=9.5)


def draw(theme, layout):
    if layout.narrow:
        fig, axes = plt.subplots(2, 2, figsize=(layout.width, 4.6), layout="constrained", sharex=True, sharey=True)
    else:
        fig, axes = plt.subplots(1, 4, figsize=(7.2, 2.5), layout="constrained", sharex=True, sharey=True)
    axes = axes.ravel()
    for i, (ax, (label, lr)) in enumerate(zip(axes, RATES)):
        draw_run(ax, theme, i, label, lr, layout)
    for ax in axes[-2:] if layout.narrow else axes:
        ax.set_xlabel("step")
    for ax in axes[::2] if layout.narrow else axes[:1]:
        ax.set_ylabel("x")
    fig.suptitle(f"every step: x ← (1 − lr·c)·x, here c = {CURVATURE:g}", fontsize=10)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text: the curvature, the start and the steps
# drawn, each rate with its factor and where its run is after the last step, and the limit 2/c.
# %%
def numbers() -> dict:
    values = {"curvature": CURVATURE, "start": START, "steps": STEPS}
    for name, (_, lr) in zip(("creep", "land", "zigzag_in", "zigzag_out"), RATES):
        values[f"{name}_lr"] = lr
        values[f"{name}_factor"] = factor(lr)
        if name != "land":  # that one is at 0 from the first step on
            values[f"{name}_last"] = float(path(lr)[-1])
    values["max_stable_lr"] = LINE.max_stable_lr
    return values


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "learning_rate_number_line"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
