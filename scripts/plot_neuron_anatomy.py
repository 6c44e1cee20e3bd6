"""Anatomy of one neuron, with real numbers.

Three inputs are multiplied by their weights, summed, the bias is added once, and the sum passes
through the sigmoid, whose curve is drawn with the neuron's operating point marked. Every number on
the drawing is computed by `concepts.neuron.Neuron`. Wide screens read it from left to right, phones
from top to bottom.

Conclusion: a neuron is a weighted sum plus one bias, passed through one fixed nonlinear function.
"""

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from concepts.neuron import Neuron, sigmoid
from sitebuild.figure_style import box, run, save, save_values

X = np.array([1.0, 2.0, 3.0])
W = np.array([0.5, -1.0, 0.25])
B = 0.1
SUBSCRIPT = "₁₂₃"

# Where each part sits, in data units (the axes keep an equal aspect): left to right on wide screens,
# top to bottom on phones.
GEOMETRY = {
    "wide": {
        "size": (7.2, 3.3),
        "xlim": (0, 10.4),
        "ylim": (0, 4.6),
        "inputs": [(0.75, 3.9), (0.75, 2.3), (0.75, 0.7)],
        "input_radius": 0.42,
        "sum": (5.0, 2.3),
        "sum_radius": 0.7,
        "weight_at": 0.42,
        "box": (6.55, 1.45, 1.9, 1.7),
        "output": (9.95, 2.3),
    },
    "narrow": {
        "size": (3.5, 4.4),
        "xlim": (0, 7.0),
        "ylim": (0.15, 8.75),
        "inputs": [(1.15, 8.05), (3.5, 8.05), (5.85, 8.05)],
        "input_radius": 0.55,
        "sum": (3.5, 5.05),
        "sum_radius": 0.8,
        "weight_at": 0.3,
        "box": (2.5, 1.7, 2.0, 1.75),
        "output": (3.5, 0.55),
    },
}


def arrow(ax, start, end, color, width=1.4):
    ax.add_patch(
        FancyArrowPatch(
            start, end, arrowstyle="-|>", mutation_scale=12, color=color, linewidth=width, shrinkA=0, shrinkB=0
        )
    )


# %% [markdown]
# The inputs, each with an arrow to the sum labelled by its weight (green: positive, orange: negative).
# %%
def draw_inputs(ax, theme, geo):
    sum_center = np.array(geo["sum"])
    for i, (x, w, center) in enumerate(zip(X, W, geo["inputs"])):
        center = np.array(center)
        ax.add_patch(Circle(center, geo["input_radius"], facecolor=theme.panel, edgecolor="C0", linewidth=1.6))
        ax.text(*center, f"x{SUBSCRIPT[i]}\n{x:g}", ha="center", va="center", fontsize=9.5)
        direction = (sum_center - center) / np.linalg.norm(sum_center - center)
        start = center + geo["input_radius"] * direction
        end = sum_center - (geo["sum_radius"] + 0.03) * direction
        color = f"C{2 if w > 0 else 1}"
        arrow(ax, start, end, color)
        ax.text(
            *(start + geo["weight_at"] * (end - start)),
            f"w{SUBSCRIPT[i]} = {w:g}",
            ha="center",
            va="center",
            fontsize=9.5,
            color=color,
            bbox=box(theme),
        )


# %% [markdown]
# The sum: the weighted inputs plus the bias, once; z is computed by the neuron.
# %%
def draw_sum(ax, theme, geo, narrow, z):
    (cx, cy), r = geo["sum"], geo["sum_radius"]
    ax.add_patch(Circle((cx, cy), r, facecolor=theme.panel, edgecolor=theme.fg, linewidth=1.6))
    ax.text(cx, cy, "Σ + b", ha="center", va="center", fontsize=12)
    bias, total = f"bias b = {B:g}\nadded once", f"z = Σ wᵢxᵢ + b\n= {z:.2f}"
    if narrow:  # beside the circle: the inputs come from above, the activation is below
        ax.text(cx + r + 0.2, cy, bias, ha="left", va="center", fontsize=9)
        ax.text(cx - r - 0.2, cy, total, ha="right", va="center", fontsize=9.5)
    else:  # above and below the circle
        ax.text(cx, cy + r + 0.35, bias, ha="center", va="bottom", fontsize=9)
        ax.text(cx, cy - r - 0.15, total, ha="center", va="top", fontsize=9.5)


# %% [markdown]
# The activation: a small sigmoid curve with the neuron's operating point (z, σ(z)) marked.
# %%
def draw_activation(ax, theme, geo, narrow, z, a):
    left, bottom, width, height = geo["box"]
    ax.add_patch(
        FancyBboxPatch(
            (left, bottom),
            width,
            height,
            boxstyle="round,pad=0.08",
            facecolor=theme.panel,
            edgecolor=theme.fg,
            linewidth=1.4,
        )
    )

    def inside(zz, value):  # a point of the sigmoid's graph, z in [-5, 5], into the box
        return left + 0.1 + (zz + 5) / 10 * (width - 0.2), bottom + 0.15 + value * (height - 0.3)

    zz = np.linspace(-5, 5, 200)
    ax.plot(*inside(zz, sigmoid(zz)), color="C0", linewidth=1.6)
    ax.plot(*inside(z, a), "o", color="C1", markersize=5)
    equation = f"σ({z:.2f}) = {a:.3f}"
    if narrow:
        ax.text(left - 0.25, bottom + height / 2, "activation σ", ha="right", va="center", fontsize=9.5)
        ax.text(
            left + width + 0.25,
            bottom + height / 2,
            equation.replace(" = ", "\n= "),
            ha="left",
            va="center",
            fontsize=9.5,
        )
    else:
        ax.text(left + width / 2, bottom + height + 0.15, "activation σ", ha="center", va="bottom", fontsize=9.5)
        ax.text(left + width / 2, bottom - 0.15, equation, ha="center", va="top", fontsize=9.5)


# %% [markdown]
# The arrows that carry z into the activation and its output a out of the neuron.
# %%
def draw_output(ax, theme, geo, narrow, a):
    (cx, cy), r = geo["sum"], geo["sum_radius"]
    left, bottom, width, height = geo["box"]
    ox, oy = geo["output"]
    if narrow:
        arrow(ax, (cx, cy - r - 0.03), (cx, bottom + height + 0.1), theme.fg)
        arrow(ax, (cx, bottom - 0.1), (ox, oy + 0.3), theme.fg)
        ax.text(ox, oy, f"a = {a:.3f}", ha="center", va="center", fontsize=10)
    else:
        arrow(ax, (cx + r + 0.02, cy), (left - 0.1, cy), theme.fg)
        arrow(ax, (left + width + 0.1, cy), (ox - 0.4, cy), theme.fg)
        ax.text(ox, oy, f"a\n{a:.3f}", ha="center", va="center", fontsize=10)


# %%
def operating_point() -> tuple[float, float]:
    """The neuron's pre-activation z and its output a = σ(z) for the inputs X."""
    neuron = Neuron(W, B, activation="sigmoid")
    return float(neuron.pre_activation(X)), float(neuron(X))


def draw(theme, layout):
    geo = GEOMETRY[layout.name]
    z, a = operating_point()
    fig, ax = plt.subplots(figsize=geo["size"], layout="constrained")
    ax.set(xlim=geo["xlim"], ylim=geo["ylim"], aspect="equal")
    ax.axis("off")
    draw_inputs(ax, theme, geo)
    draw_sum(ax, theme, geo, layout.narrow, z)
    draw_activation(ax, theme, geo, layout.narrow, z, a)
    draw_output(ax, theme, geo, layout.narrow, a)
    return fig


# %% [markdown]
# The numbers the answer states about the figure in its alt text: the inputs, weights and bias, and
# what the neuron computes from them.
# %%
def numbers() -> dict:
    z, a = operating_point()
    inputs = {f"x{i}": float(x) for i, x in enumerate(X, 1)}
    weights = {f"w{i}": float(w) for i, w in enumerate(W, 1)}
    return {**inputs, **weights, "bias": B, "z": z, "output": a}


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_anatomy") + save_values(numbers(), out_dir / "neuron_anatomy")


if __name__ == "__main__":
    run(main, draw)
