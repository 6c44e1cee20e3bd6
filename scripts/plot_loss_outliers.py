"""Fitting a line with MSE or Huber when a few points are outliers.

Thirty points near the line y = 0.8x + 1, three of them moved far below it at the right end. Left, the
lines fitted by gradient descent: the three outliers drag the MSE line's slope far below the true one,
while the Huber line (delta = 1) stays close to the true line. Right, why: each point's pull on its
fitted line, the size of the loss's gradient with respect to that point's prediction. Under MSE the pull
grows with the distance, so the outliers pull several times harder than any other point; Huber caps
every pull at delta.

Conclusion: when a few targets are wrong, a loss whose gradient is bounded (Huber) fits the rest of the
data; MSE lets the few decide.
"""

# %%
import inspect
import math
from pathlib import Path

import numpy as np

from concepts.datasets import line_with_outliers
from concepts.loss import fit_line, huber_loss_grad, mse_loss_grad
from sitebuild.figure_style import callout, run, save, save_values

FITS = [("MSE", "mse", mse_loss_grad, "C0"), ("Huber, δ = 1", "huber", huber_loss_grad, "C1")]
SLOPE, INTERCEPT = 0.8, 1.0


# %% [markdown]
# The data, and a line fitted to it by gradient descent on each loss.
# %%
def fitted():
    """The data and, per loss, the fitted line and each point's pull on it."""
    x, y, outlier = line_with_outliers(slope=SLOPE, intercept=INTERCEPT, rng=0)
    fits = []
    for label, name, grad, color in FITS:
        slope, intercept = fit_line(x, y, name, lr=0.05, steps=3000)
        pull = np.abs(grad(slope * x + intercept, y, reduction="none"))
        fits.append((label, color, slope, intercept, pull))
    return x, y, outlier, fits


# %% [markdown]
# Left panel: the data, the true line and the two fitted lines.
# %%
def draw_lines(ax, theme, layout, x, y, outlier, fits):
    ax.scatter(x[~outlier], y[~outlier], s=22, color=theme.muted, label="data", zorder=3)
    ax.scatter(x[outlier], y[outlier], s=60, marker="X", color=theme.colors[3], label="outliers", zorder=3)
    grid = np.array([0.0, 5.0])
    ax.plot(grid, SLOPE * grid + INTERCEPT, ":", color=theme.fg, linewidth=1.5, label=f"true line, slope {SLOPE:g}")
    for label, color, slope, intercept, _ in fits:
        ax.plot(grid, slope * grid + intercept, color=color, label=f"{label}: slope {slope:.2f}")
    # the lower left is empty: the data rise from y = 1 and the outliers sit at the right end
    ax.set(title="the fitted lines", xlabel="x", ylabel="y", ylim=(-5.2, 6.5) if layout.narrow else (-3.5, 6.5))
    ax.legend(loc="lower left", fontsize=8)


# %% [markdown]
# Right panel: each point's pull |∂loss/∂ŷᵢ| on its fitted line, MSE and Huber side by side.
# %%
def draw_pulls(ax, theme, layout, x, outlier, fits):
    for offset, (label, color, _, _, pull) in enumerate(fits):
        shift = (offset - 0.5) * 0.07  # side by side, not on top of each other
        ax.vlines(x + shift, 0, pull, color=color, linewidth=1.8, label=label)
        ax.plot(x[outlier] + shift, pull[outlier], "X", color=color, markersize=7)
    mse_pull = fits[0][4]
    first = np.flatnonzero(outlier)[0]  # the leftmost outlier, under MSE
    callout(ax, "the three outliers", (x[first] - 0.035, mse_pull[first]), theme, offset=(-75, -12))
    title = "each point's pull  |∂loss/∂ŷᵢ|" if layout.narrow else "each point's pull on its line  |∂loss/∂ŷᵢ|"
    ax.set(title=title, xlabel="x", ylabel="pull" if layout.narrow else None, ylim=(0, 10.5))
    ax.legend(loc="center left")


# %%
def draw(theme, layout):
    x, y, outlier, fits = fitted()
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.6), narrow_height=2.9)
    draw_lines(left, theme, layout, x, y, outlier, fits)
    draw_pulls(right, theme, layout, x, outlier, fits)
    return fig


# %% [markdown]
# The numbers the page states about the figure: the data (the line, how many points, how many moved and
# how far), the fitted slopes, and how hard the outliers pull under each loss.
# %%
def numbers() -> dict:
    x, _, outlier, fits = fitted()
    (_, _, mse_slope, _, mse_pull), (_, _, huber_slope, _, huber_pull) = fits
    shift = inspect.signature(line_with_outliers).parameters["shift"].default  # the data's, by default
    return {
        "slope": SLOPE,
        "intercept": INTERCEPT,
        "points": len(x),
        "outliers": int(outlier.sum()),
        "drop": -shift,
        "mse_slope": mse_slope,
        "huber_slope": huber_slope,
        "mse_outlier_pull": float(mse_pull[outlier].mean()),
        # how many times harder the weakest outlier pulls under MSE than the strongest other point,
        # rounded down to one decimal: the page says "at least", which a rounding up would break
        "mse_pull_ratio": math.floor(10 * float(mse_pull[outlier].min() / mse_pull[~outlier].max())) / 10,
        "huber_most_pull": float(huber_pull.max()),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_outliers") + save_values(numbers(), out_dir / "loss_outliers")


if __name__ == "__main__":
    run(main, draw)
