"""A slope measured by a nudge: the derivative before any formula.

Top or left: the sigmoid near z = 1. Nudge z by h and the output rises by sigmoid(1 + h) − sigmoid(1);
the rise divided by h is the slope of the straight line through the two points (a secant). Three nudges
are drawn, h = 2, 1 and 1/2, each with its line, and the tangent, the line that only touches the curve
at z = 1, dashed. Bottom or right: the secant's slope against the nudge h, which shrinks to the right;
the slopes settle on the tangent's, the derivative sigmoid′(1) = sigmoid(1) (1 − sigmoid(1)).

Conclusion: the derivative is what rise over run settles on as the nudge gets small; you can measure it
with nothing but the function.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.neuron import sigmoid, sigmoid_grad
from sitebuild.figure_style import callout, run, save, save_values

Z0 = 1.0  # where the slope is measured
NUDGES = (2.0, 1.0, 0.5)  # the secants drawn, largest first
SMALL = 0.001  # a nudge small enough that a smaller one no longer changes the first three digits
Z = np.linspace(-2.5, 4.0, 651)


def nudge_slope(z: float, h: float) -> float:
    """Rise over run: how far the sigmoid's output moves when z moves by h, divided by h."""
    return float((sigmoid(z + h) - sigmoid(z)) / h)


# %% [markdown]
# First panel: the curve, the three secants through (1, σ(1)) and (1 + h, σ(1 + h)), and the tangent.
# The largest nudge gets its run and rise drawn as a right-angled triangle.
# %%
def draw_secants(ax, theme, layout):
    ax.plot(Z, sigmoid(Z), color=theme.fg, linewidth=2.2)
    y0 = float(sigmoid(Z0))
    span = np.array([Z0 - 1.2, Z0 + NUDGES[0] + 0.6])
    for index, h in enumerate(NUDGES):
        slope = nudge_slope(Z0, h)
        ax.plot(span, y0 + slope * (span - Z0), color=f"C{index}", linewidth=1.6)
        ax.plot([Z0 + h], [float(sigmoid(Z0 + h))], "o", color=f"C{index}", markersize=5, zorder=5)
    ax.plot(span, y0 + float(sigmoid_grad(Z0)) * (span - Z0), color=theme.muted, linestyle="--", linewidth=1.6)
    # the run and the rise of the largest nudge
    h = NUDGES[0]
    top = float(sigmoid(Z0 + h))
    ax.plot([Z0, Z0 + h], [y0, y0], color="C0", linestyle=":", linewidth=1.4)
    ax.plot([Z0 + h, Z0 + h], [y0, top], color="C0", linestyle=":", linewidth=1.4)
    size = 9 if layout.narrow else 10
    ax.text(Z0 + h / 2, y0 - 0.04, f"run h = {h:g}", ha="center", va="top", color="C0", fontsize=size)
    ax.text(Z0 + h + 0.1, (y0 + top) / 2, "rise", ha="left", va="center", color="C0", fontsize=size)
    ax.plot([Z0], [y0], "o", color=theme.fg, markersize=6, zorder=6)
    on_tangent = (Z0 - 0.8, y0 - 0.8 * float(sigmoid_grad(Z0)))
    callout(ax, "tangent (dashed):\nthe slope at z = 1", on_tangent, theme, offset=(-10, -42), fontsize=size - 0.5)
    ax.set(title="nudge z by h", xlabel="pre-activation z", ylabel="sigmoid σ(z)", ylim=(-0.05, 1.15))


# %% [markdown]
# Second panel: the slope of each secant against its nudge, on a log scale that shrinks to the right, and
# the derivative the slopes settle on.
# %%
def draw_settling(ax, theme, layout):
    h = np.geomspace(NUDGES[0], SMALL, 121)
    ax.plot(h, [nudge_slope(Z0, v) for v in h], color=theme.fg, linewidth=1.8)
    size = 9 if layout.narrow else 10
    for index, v in enumerate(NUDGES):  # each nudge's slope, in the colour of its line in the first panel
        slope = nudge_slope(Z0, v)
        ax.plot([v], [slope], "o", color=f"C{index}", markersize=7, zorder=5)
        ax.annotate(
            f"{slope:.3f}",
            (v, slope),
            xytext=(7, -4),
            textcoords="offset points",
            ha="left",
            va="top",
            color=f"C{index}",
            fontsize=size,
        )
    derivative = float(sigmoid_grad(Z0))
    ax.axhline(derivative, color=theme.muted, linestyle="--", linewidth=1.4)
    ax.annotate(  # on the line it labels, at the small-nudge end where the slopes have settled
        f"derivative σ′(1) = {derivative:.3f}",
        (SMALL, derivative),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=theme.fg,
        fontsize=size,
    )
    ax.set_xscale("log")
    ax.set_xlim(NUDGES[0] * 1.3, SMALL / 1.3)  # the nudge shrinks from left to right
    ax.set_xticks([2, 1, 0.5, 0.1, 0.01, 0.001], labels=["2", "1", "½", "0.1", "0.01", "0.001"])
    ax.minorticks_off()
    ax.set(
        title="rise ÷ run, as h shrinks",
        xlabel="nudge h",
        ylabel="slope" if layout.narrow else None,
        ylim=(0.09, 0.225),
    )


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.9)
    draw_secants(left, theme, layout)
    draw_settling(right, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure in its alt text: where the slope is measured, the nudges
# drawn and their slopes, the small nudge's slope, and the derivative they settle on.
# %%
def numbers() -> dict:
    first, second, third = NUDGES
    return {
        "z0": Z0,
        "nudge_large": first,
        "nudge_middle": second,
        "nudge_small": third,
        "slope_large": nudge_slope(Z0, first),
        "slope_middle": nudge_slope(Z0, second),
        "slope_small": nudge_slope(Z0, third),
        "tiny_nudge": SMALL,
        "slope_tiny": nudge_slope(Z0, SMALL),
        "derivative": float(sigmoid_grad(Z0)),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_nudge") + save_values(numbers(), out_dir / "neuron_nudge")


if __name__ == "__main__":
    run(main, draw)
