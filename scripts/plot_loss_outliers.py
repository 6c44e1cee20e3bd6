"""Fitting a line with MSE or Huber when a few points are outliers.

Thirty points near the line y = 0.8x + 1, three of them moved 6 down. Left, the lines fitted by
gradient descent: MSE lets the three outliers drag its slope from 0.8 to about 0.36, Huber (delta = 1)
keeps it near 0.72. Right, why: each point's pull on its fitted line, the size of the loss's gradient
with respect to that point's prediction. Under MSE the pull grows with the distance, so the outliers
pull several times harder than any other point; Huber caps every pull at delta.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.loss import huber_loss_grad, mse_loss_grad
from concepts.loss_practice import fit_line, line_with_outliers
from sitebuild.figure_style import box, run, save

FITS = [("MSE", "mse", mse_loss_grad, "C0"), ("Huber, δ = 1", "huber", huber_loss_grad, "C1")]
SLOPE, INTERCEPT = 0.8, 1.0


def draw(theme):
    x, y, outlier = line_with_outliers(slope=SLOPE, intercept=INTERCEPT, rng=0)
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.6), layout="constrained")
    left.scatter(x[~outlier], y[~outlier], s=22, color=theme.muted, label="data", zorder=3)
    left.scatter(x[outlier], y[outlier], s=60, marker="X", color=theme.colors[3], label="outliers", zorder=3)
    grid = np.array([0.0, 5.0])
    left.plot(grid, SLOPE * grid + INTERCEPT, ":", color=theme.fg, linewidth=1.5,
              label=f"true line, slope {SLOPE:g}")
    for offset, (label, name, grad, color) in enumerate(FITS):
        slope, intercept = fit_line(x, y, name, lr=0.05, steps=3000)
        left.plot(grid, slope * grid + intercept, color=color, label=f"{label}: slope {slope:.2f}")
        pull = np.abs(grad(slope * x + intercept, y, reduction="none"))
        shift = (offset - 0.5) * 0.07  # side by side, not on top of each other
        right.vlines(x + shift, 0, pull, color=color, linewidth=1.8, label=label)
        right.plot(x[outlier] + shift, pull[outlier], "X", color=color, markersize=7)
    left.set(title="the fitted lines", xlabel="x", ylabel="y", ylim=(-3.5, 6.5))
    left.legend(loc="lower left", fontsize=8)
    right.annotate("the three outliers", xy=(4.45, 8.3), xytext=(0.5, 7.6), bbox=box(theme),
                   arrowprops={"arrowstyle": "->", "color": theme.fg})
    right.set(title="each point's pull on its line  |∂loss/∂ŷᵢ|", xlabel="x", ylim=(0, 10.5))
    right.legend(loc="center left")
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_outliers")


if __name__ == "__main__":
    run(main)
