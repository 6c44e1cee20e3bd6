"""The perceptron learns AND but not XOR; two layers compute XOR.

Top left: the perceptron learning rule finds a line that separates AND's outputs and stops. Top right:
on XOR it keeps making mistakes, because no line puts (0, 1) and (1, 0) on one side and (0, 0) and
(1, 1) on the other. Bottom left: two layers of the same step neurons compute XOR (OR and NAND, then
AND): two lines, and a band between them. Bottom right: mistakes per sweep over the data.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.datasets import logic_gate
from concepts.neuron import Perceptron, forward, xor_network
from sitebuild.figure_style import box, run, save, scatter_classes

EPOCHS = 20


def shade(ax, predict, theme):
    """Shade where `predict` outputs 1 (C0) and 0 (C1) over the unit square with a margin."""
    grid = np.linspace(-0.5, 1.5, 201)
    gx, gy = np.meshgrid(grid, grid)
    out = predict(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, out, levels=[-0.5, 0.5, 1.5], colors=[theme.colors[1], theme.colors[0]], alpha=0.18)
    ax.contour(gx, gy, out, levels=[0.5], colors=theme.fg, linewidths=1.6)
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), aspect="equal", xticks=[0, 1], yticks=[0, 1],
           xlabel="x₁", ylabel="x₂")
    ax.grid(False)


def draw(theme):
    fig, axes = plt.subplots(2, 2, figsize=(7.2, 6.4), layout="constrained")
    runs = {}
    for ax, gate in zip(axes[0], ("and", "xor")):
        x, y = logic_gate(gate)
        perceptron = Perceptron(2).fit(x, y, epochs=EPOCHS)
        runs[gate] = perceptron
        shade(ax, perceptron.predict, theme)
        scatter_classes(ax, x, y, theme)
        wrong = int((perceptron.predict(x) != y).sum())
        verdict = (f"no mistake from sweep {len(perceptron.mistakes)} on" if perceptron.converged
                   else f"after {EPOCHS} sweeps, still {wrong} of 4 wrong")
        ax.set_title(f"perceptron on {gate.upper()}\n{verdict}")
    x, y = logic_gate("xor")
    network = xor_network()
    ax = axes[1, 0]
    shade(ax, lambda points: forward(points, network).ravel(), theme)
    hidden = network[0]
    t = np.linspace(-0.5, 1.5, 2)
    for j, (name, at) in enumerate((("OR", -0.42), ("NAND", 0.55))):
        (w1, w2), b = hidden.weights[:, j], hidden.bias[j]
        ax.plot(t, -(w1 * t + b) / w2, color=theme.muted, linestyle="--", linewidth=1.2)
        ax.text(at, -(w1 * at + b) / w2 + 0.08, f"hidden: {name}", fontsize=8.5,
                rotation=-45, rotation_mode="anchor", bbox=box(theme))
    scatter_classes(ax, x, y, theme)
    ax.set_title("two layers of step neurons on XOR\nall 4 right")
    ax = axes[1, 1]
    for i, gate in enumerate(("and", "xor")):
        mistakes = runs[gate].mistakes
        ax.plot(np.arange(1, len(mistakes) + 1), mistakes, "o-", color=f"C{i}", label=gate.upper(), markersize=4)
    ax.set(title="perceptron: mistakes per sweep\n(a sweep with none means it has converged)", xlabel="sweep over the 4 examples (epoch)", ylabel="mistakes",
           xlim=(0.5, EPOCHS + 0.5), ylim=(-0.3, 4.3), yticks=range(5))
    ax.legend(loc="center right")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_perceptron")


if __name__ == "__main__":
    run(main)
