"""Four learning rates on the same bowl: too small, best, oscillating, diverging.

Gradient descent on f(x, y) = (x² + 10 y²) / 2, whose curvatures are 1 and 10, from the same start with
four rates: one far too small, the best one 2/(μ + L), one just under the stability limit 2/L and one just
above it. Four small panels: the paths over the contour lines; the gradient points across the contours,
the rate decides how far each step goes. Large panel (on a phone, below them): the loss at every step,
on a log scale. The small rate crawls, 2/(μ + L) falls fastest, the rate just under 2/L zigzags across
the valley and converges slowly, the one just above it zigzags further at every step and diverges.

Conclusion: a larger rate is faster only up to a point; 2/L, set by the steepest curvature, separates
runs that converge from runs that diverge.
"""

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.learning_rate import Quadratic, gradient_descent
from sitebuild.figure_style import grid_values, run, save, save_values

BOWL = Quadratic([1.0, 10.0])
START = np.array([-4.0, 1.5])
STEPS = 40
RATES = [("too small", 0.02), ("best", BOWL.optimal_lr), ("oscillates", 0.195), ("diverges", 0.21)]
XLIM, YLIM = (-4.6, 1.6), (-2.6, 2.6)


# %% [markdown]
# The four small panels: each rate's path over the contour lines, drawn until it leaves the frame.
# %%
def draw_path(ax, theme, i, label, lr):
    X, Y, Z = grid_values(BOWL, XLIM, YLIM)
    ax.contour(X, Y, Z, levels=BOWL(START) * np.geomspace(1e-3, 4, 9), colors=theme.muted, linewidths=0.6)
    path = gradient_descent(BOWL.grad, START, lr, STEPS)
    inside = (np.abs(path[:, 0] - np.mean(XLIM)) < np.ptp(XLIM) / 2) & (np.abs(path[:, 1]) < YLIM[1])
    shown = path[: np.argmin(inside) + 1] if not inside.all() else path  # up to leaving the frame
    ax.plot(shown[:, 0], shown[:, 1], "-o", color=f"C{i}", markersize=2.5, linewidth=1.2)
    ax.plot(*START, "o", color=theme.fg, markersize=4)
    ax.plot(*BOWL.minimum, "*", color=theme.fg, markersize=8)
    ax.set(xlim=XLIM, ylim=YLIM, aspect="equal", xticks=[], yticks=[])
    ax.grid(False)
    ax.spines[:].set_visible(True)
    ax.set_title(f"lr = {lr:.3g}\n{label}", color=f"C{i}", fontsize=9.5)


# %% [markdown]
# The large panel: the loss of each run at every step, each line named where it has room.
# %%
LABEL_AT = {  # where each name sits: (fraction of the run, offset in points, alignment)
    "too small": (1.0, (-2, 4), "right", "bottom"),  # above the end of its line
    "oscillates": (1.0, (-2, -5), "right", "top"),  # below the end of its line
    "best": (0.5, (-6, -6), "right", "top"),  # below the middle of its line
    "diverges": (0.45, (-6, 6), "right", "bottom"),  # above its line, before it leaves the top
}


def run_losses(lr: float) -> np.ndarray:
    """The loss at every step of gradient descent on the bowl at rate `lr`, the start included."""
    return BOWL(gradient_descent(BOWL.grad, START, lr, STEPS))


def draw_losses(ax, theme, layout):
    for i, (label, lr) in enumerate(RATES):
        losses = run_losses(lr)
        ax.plot(np.arange(STEPS + 1), losses, color=f"C{i}")
        fraction, offset, ha, va = LABEL_AT[label]
        step = round(fraction * STEPS)
        ax.annotate(
            label,
            xy=(step, losses[step]),
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            color=f"C{i}",
            fontsize=9,
        )
    title = f"loss; rates above {BOWL.max_stable_lr:g} blow up"  # the answer's words, no symbols
    ax.set(
        yscale="log",
        ylim=(1e-6, 1e4),
        xlim=(0, STEPS),
        xlabel="step",
        ylabel="loss f(x, y)",
        title=title,
    )


# %%
def draw(theme, layout):
    if layout.narrow:  # the four paths in a 2 x 2 grid, the loss below them
        fig, axes = plt.subplot_mosaic(
            [["0", "1"], ["2", "3"], ["loss", "loss"]],
            figsize=(layout.width, 6.0),
            layout="constrained",
            height_ratios=[1, 1, 2.0],
        )
    else:
        fig, axes = plt.subplot_mosaic(
            [["0", "1", "loss"], ["2", "3", "loss"]],
            figsize=(7.2, 4.2),
            layout="constrained",
            width_ratios=[1, 1, 1.75],
        )
    for i, (label, lr) in enumerate(RATES):
        draw_path(axes[str(i)], theme, i, label, lr)
    draw_losses(axes["loss"], theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text: the four rates, the limit 2/L, and
# where the loss of the too small and of the best rate has got to after the last step.
# %%
def numbers() -> dict:
    (_, small), (_, best), (_, oscillating), (_, diverging) = RATES
    return {
        "steps": STEPS,
        "small_lr": small,
        "best_lr": best,
        "oscillating_lr": oscillating,
        "diverging_lr": diverging,
        "max_stable_lr": BOWL.max_stable_lr,
        "small_last_loss": float(run_losses(small)[-1]),
        "best_last_loss": float(run_losses(best)[-1]),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_regimes") + save_values(numbers(), out_dir / "learning_rate_regimes")


if __name__ == "__main__":
    run(main, draw)
