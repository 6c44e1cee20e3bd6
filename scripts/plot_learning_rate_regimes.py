"""Four learning rates on the same bowl: too small, good, oscillating, diverging.

Gradient descent on f(x, y) = (x² + 10 y²) / 2, whose curvatures are 1 and 10, from the same start with
four rates. Top: the paths over the contour lines; the gradient points across the contours, the rate
decides how far each step goes. Bottom: the loss at every step. Too small (0.02) crawls; 2/(μ + L) =
0.18 is the fastest; 0.195, just under 2/L = 0.2, zigzags across the valley and converges slowly;
0.21, just above 2/L, zigzags further every step and diverges.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.learning_rate import Quadratic, gradient_descent
from sitebuild.figure_style import box, run, save

BOWL = Quadratic([1.0, 10.0])
START = np.array([-4.0, 1.5])
STEPS = 40
RATES = [("too small", 0.02), ("best: 2/(μ+L)", BOWL.optimal_lr), ("oscillates", 0.195), ("diverges", 0.21)]
XLIM, YLIM = (-4.6, 1.6), (-2.6, 2.6)


def draw(theme):
    fig, axes = plt.subplot_mosaic([["0", "1", "loss"], ["2", "3", "loss"]], figsize=(7.2, 4.2),
                                   layout="constrained", width_ratios=[1, 1, 1.75])
    X, Y, Z = BOWL.surface(XLIM, YLIM)
    levels = BOWL(START) * np.geomspace(1e-3, 4, 9)
    loss_ax = axes["loss"]
    for i, (label, lr) in enumerate(RATES):
        ax = axes[str(i)]
        path = gradient_descent(BOWL.grad, START, lr, STEPS)
        ax.contour(X, Y, Z, levels=levels, colors=theme.muted, linewidths=0.6)
        inside = (np.abs(path[:, 0] - np.mean(XLIM)) < np.ptp(XLIM) / 2) & (np.abs(path[:, 1]) < YLIM[1])
        shown = path[: np.argmin(inside) + 1] if not inside.all() else path  # up to leaving the frame
        ax.plot(shown[:, 0], shown[:, 1], "-o", color=f"C{i}", markersize=2.5, linewidth=1.2)
        ax.plot(*START, "o", color=theme.fg, markersize=4)
        ax.plot(0, 0, "*", color=theme.fg, markersize=8)
        ax.set(xlim=XLIM, ylim=YLIM, aspect="equal", xticks=[], yticks=[])
        ax.grid(False)
        ax.spines[:].set_visible(True)
        ax.set_title(f"lr = {lr:.3g}\n{label}", color=f"C{i}", fontsize=9.5)
        losses = BOWL(path)
        steps = np.arange(STEPS + 1)
        loss_ax.plot(steps, losses, color=f"C{i}", label=f"lr = {lr:.3g} ({label})")
    loss_ax.set(yscale="log", ylim=(1e-6, 1e4), xlim=(0, STEPS), xlabel="step", ylabel="loss f(x, y)")
    loss_ax.legend(loc="lower left", fontsize=8.5)
    loss_ax.annotate(f"2/L = {BOWL.max_stable_lr:g} separates\nconverging from diverging", xy=(0.98, 0.97),
                     xycoords="axes fraction", ha="right", va="top", fontsize=8.5, bbox=box(theme))
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_regimes")


if __name__ == "__main__":
    run(main)
