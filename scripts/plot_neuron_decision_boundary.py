"""One neuron splits its input space with a straight line.

A sigmoid neuron with two inputs: its output over the plane (shading), the line w·x + b = 0 where the
output is exactly 0.5, and the weight vector, which points across that line towards larger outputs. The
dotted segment from the origin to the line is the line's distance from the origin, |b| / |w|.

Conclusion: the weights set the line's direction, the bias how far it sits from the origin.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.neuron import Neuron
from sitebuild.figure_style import callout, run, save, save_values

WEIGHTS = np.array([1.5, 1.0])
BIAS = -2.0
LIMITS = (-1.0, 3.0)
NORM = np.linalg.norm(WEIGHTS)
FOOT = -BIAS / NORM**2 * WEIGHTS  # the point of the line closest to the origin
ALONG = np.array([-WEIGHTS[1], WEIGHTS[0]]) / NORM  # a unit vector along the line


# %% [markdown]
# The neuron's output over the plane (a raster, as it is a dense fill), and the line where it is 0.5.
# %%
def draw_output(ax, theme):
    grid = np.linspace(*LIMITS, 241)
    gx, gy = np.meshgrid(grid, grid)
    out = Neuron(WEIGHTS, BIAS)(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    image = ax.contourf(gx, gy, out, levels=np.linspace(0, 1, 11), cmap=theme.diverging, alpha=0.75, rasterized=True)
    ax.contour(gx, gy, out, levels=[0.5], colors=theme.fg, linewidths=2.2)
    return image


# %% [markdown]
# The weight vector, drawn from the line's closest point to the origin, and that distance |b| / |w|.
# %%
def draw_geometry(ax, theme, layout):
    ax.annotate(
        "",
        xy=FOOT + WEIGHTS / NORM,
        xytext=FOOT,
        arrowprops={"arrowstyle": "-|>", "color": theme.fg, "linewidth": 2, "mutation_scale": 16},
    )
    ax.text(*(FOOT + WEIGHTS / NORM * 1.15), "w", fontsize=12, fontweight="bold")
    ax.plot([0, FOOT[0]], [0, FOOT[1]], color=theme.fg, linestyle=":", linewidth=1.4)
    ax.plot([0], [0], "o", color=theme.fg, markersize=4)
    size = 8.5 if layout.narrow else 9
    callout(ax, f"|b| / |w| = {abs(BIAS) / NORM:.2f}", FOOT / 2, theme, offset=(28, -34), fontsize=size)
    # the line's label, pointing at the line near the top edge of the plot, where nothing else is drawn
    on_line = FOOT + ALONG * ((LIMITS[1] - 0.6 - FOOT[1]) / ALONG[1])
    callout(ax, "w·x + b = 0:\noutput 0.5", on_line, theme, offset=(58, 6), fontsize=size)


# %%
def pre_activation() -> str:
    """The neuron's w·x + b written out, as the title and the alt text show it."""
    sign = "−" if BIAS < 0 else "+"
    return f"{WEIGHTS[0]:g}·x₁ + {WEIGHTS[1]:g}·x₂ {sign} {abs(BIAS):g}"


def draw(theme, layout):
    fig, ax = layout.subplots(1, wide=(5.6, 4.2), narrow_height=3.85)
    image = draw_output(ax, theme)
    draw_geometry(ax, theme, layout)
    ax.set(
        title=f"σ({pre_activation()})",
        xlabel="x₁",
        ylabel="x₂",
        aspect="equal",
        xlim=LIMITS,
        ylim=LIMITS,
    )
    ax.grid(False)
    # beside the plot when wide; below it on a phone, so that the plot keeps the full width
    fig.colorbar(
        image,
        ax=ax,
        label="neuron output",
        shrink=0.85,
        ticks=np.linspace(0, 1, 6),
        **({"location": "bottom", "aspect": 30} if layout.narrow else {}),
    )
    return fig


# %% [markdown]
# The numbers the page states about the figure in its alt text: the neuron, its output on the line (at
# the line's closest point to the origin) and the line's distance from the origin, |b| / |w|.
# %%
def numbers() -> dict:
    return {
        "w1": float(WEIGHTS[0]),
        "w2": float(WEIGHTS[1]),
        "bias": BIAS,
        "pre_activation": pre_activation(),
        "output_on_line": float(Neuron(WEIGHTS, BIAS)(FOOT)),
        "distance": float(abs(BIAS) / NORM),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_decision_boundary") + save_values(
        numbers(), out_dir / "neuron_decision_boundary"
    )


if __name__ == "__main__":
    run(main, draw)
