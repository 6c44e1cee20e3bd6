"""One neuron splits its input space with a straight line.

A sigmoid neuron with two inputs: its output over the plane (shading), the line w·x + b = 0 where the
output is exactly 0.5, and the weight vector, which points across that line towards larger outputs. The
bias sets how far the line sits from the origin: |b| / |w|.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.neuron import Neuron
from sitebuild.figure_style import box, run, save

WEIGHTS = np.array([1.5, 1.0])
BIAS = -2.0


def draw(theme):
    neuron = Neuron(WEIGHTS, BIAS)
    grid = np.linspace(-1, 3, 241)
    gx, gy = np.meshgrid(grid, grid)
    out = neuron(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    fig, ax = plt.subplots(figsize=(5.6, 4.2), layout="constrained")
    image = ax.contourf(gx, gy, out, levels=np.linspace(0, 1, 11), cmap=theme.diverging, alpha=0.75)
    ax.contour(gx, gy, out, levels=[0.5], colors=theme.fg, linewidths=2.2)
    norm = np.linalg.norm(WEIGHTS)
    foot = -BIAS / norm**2 * WEIGHTS  # the point of the line closest to the origin
    ax.annotate("", xy=foot + WEIGHTS / norm, xytext=foot,
                arrowprops={"arrowstyle": "-|>", "color": theme.fg, "linewidth": 2, "mutation_scale": 16})
    ax.text(*(foot + WEIGHTS / norm * 1.15), "w", fontsize=12, fontweight="bold")
    ax.plot([0, foot[0]], [0, foot[1]], color=theme.fg, linestyle=":", linewidth=1.4)
    ax.plot([0], [0], "o", color=theme.fg, markersize=4)
    ax.text(foot[0] / 2 + 0.08, foot[1] / 2 - 0.25, f"|b| / |w| = {abs(BIAS) / norm:.2f}", bbox=box(theme),
            fontsize=9)
    ax.text(-0.9, 2.75, f"σ({WEIGHTS[0]:g}·x₁ + {WEIGHTS[1]:g}·x₂ − {abs(BIAS):g})", bbox=box(theme))
    ax.text(1.55, -0.62, "w·x + b = 0: output 0.5", fontsize=9, bbox=box(theme))
    ax.set(xlabel="x₁", ylabel="x₂", aspect="equal", xlim=(-1, 3), ylim=(-1, 3))
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="neuron output", shrink=0.85, ticks=np.linspace(0, 1, 6))
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_decision_boundary")


if __name__ == "__main__":
    run(main)
