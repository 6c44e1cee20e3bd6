"""Anatomy of one neuron, with real numbers.

Three inputs are multiplied by their weights, summed, the bias is added once, and the sum passes
through the sigmoid. Every number on the drawing is computed by `concepts.neuron.Neuron`.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from concepts.neuron import Neuron, sigmoid
from sitebuild.figure_style import box, run, save

X = np.array([1.0, 2.0, 3.0])
W = np.array([0.5, -1.0, 0.25])
B = 0.1


def draw(theme):
    neuron = Neuron(W, B, activation="sigmoid")
    z = float(neuron.pre_activation(X))
    a = float(neuron(X))
    fig, ax = plt.subplots(figsize=(7.2, 3.3), layout="constrained")
    ax.set(xlim=(0, 10.4), ylim=(0, 4.6), aspect="equal")
    ax.axis("off")

    def arrow(start, end, color=theme.muted, width=1.4):
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=color,
                                     linewidth=width, shrinkA=0, shrinkB=0))

    sum_center = (5.0, 2.3)
    for i, (x, w, y) in enumerate(zip(X, W, (3.9, 2.3, 0.7)), 1):
        ax.add_patch(Circle((0.75, y), 0.42, facecolor=theme.panel, edgecolor="C0", linewidth=1.6))
        ax.text(0.75, y, f"x{chr(0x2080 + i)}\n{x:g}", ha="center", va="center", fontsize=9.5)
        arrow((1.2, y), (sum_center[0] - 0.72, sum_center[1] + (y - 2.3) * 0.25), color=f"C{2 if w > 0 else 1}")
        ax.text(2.9, y + (2.3 - y) * 0.32 + 0.22, f"w{chr(0x2080 + i)} = {w:g}", ha="center", fontsize=9.5,
                color=f"C{2 if w > 0 else 1}", bbox=box(theme))
    ax.add_patch(Circle(sum_center, 0.7, facecolor=theme.panel, edgecolor=theme.fg, linewidth=1.6))
    ax.text(*sum_center, "Σ + b", ha="center", va="center", fontsize=12)
    ax.text(sum_center[0], 3.35, f"bias b = {B:g}\nadded once", ha="center", va="bottom", fontsize=9)
    ax.text(sum_center[0], 1.45, f"z = Σ wᵢxᵢ + b\n= {z:.2f}", ha="center", va="top", fontsize=9.5)

    # the activation: a small sigmoid curve with the operating point marked
    left, bottom, width, height = 6.55, 1.45, 1.9, 1.7
    ax.add_patch(FancyBboxPatch((left, bottom), width, height, boxstyle="round,pad=0.08",
                                facecolor=theme.panel, edgecolor=theme.fg, linewidth=1.4))
    zz = np.linspace(-5, 5, 200)
    sx = left + 0.1 + (zz + 5) / 10 * (width - 0.2)
    ax.plot(sx, bottom + 0.15 + sigmoid(zz) * (height - 0.3), color="C0", linewidth=1.6)
    px = left + 0.1 + (z + 5) / 10 * (width - 0.2)
    ax.plot([px], [bottom + 0.15 + a * (height - 0.3)], "o", color="C1", markersize=5)
    ax.text(left + width / 2, bottom + height + 0.15, "activation σ", ha="center", va="bottom", fontsize=9.5)
    arrow((sum_center[0] + 0.72, sum_center[1]), (left - 0.1, sum_center[1]), color=theme.fg)
    arrow((left + width + 0.1, sum_center[1]), (9.55, sum_center[1]), color=theme.fg)
    ax.text(9.95, sum_center[1], f"a\n{a:.3f}", ha="center", va="center", fontsize=10)
    ax.text(left + width / 2, bottom - 0.15, f"σ({z:.2f}) = {a:.3f}", ha="center", va="top", fontsize=9.5)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_anatomy")


if __name__ == "__main__":
    run(main)
