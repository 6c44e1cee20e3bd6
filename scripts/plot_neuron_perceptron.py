"""The perceptron learns AND but not XOR; two layers compute XOR.

First panel: the perceptron learning rule finds a line that separates AND's outputs and stops. Second:
on XOR it keeps making mistakes, because no line puts (0, 1) and (1, 0) on one side and (0, 0) and
(1, 1) on the other. Third: two layers of the same step neurons compute XOR (OR and NAND, then AND):
two lines, and a band between them. Fourth: mistakes per sweep over the data. Wide screens show the
panels in a 2 x 2 grid, phones one above the other.

Conclusion: one neuron can only draw one line; a second layer combines lines into shapes no line makes.
"""

# %%
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.datasets import logic_gate
from concepts.neuron import Perceptron, forward, xor_network
from sitebuild.figure_style import box, run, save, save_values, scatter_classes

EPOCHS = 20
LIMITS = (-0.5, 1.5)  # the unit square with a margin


def shade(ax, predict, theme):
    """Shade where `predict` outputs 1 (C0) and 0 (C1) (a raster, as it is a dense fill); draw the border."""
    grid = np.linspace(*LIMITS, 200)  # no grid point lies exactly on a hidden line: no jagged border
    gx, gy = np.meshgrid(grid, grid)
    out = predict(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(
        gx, gy, out, levels=[-0.5, 0.5, 1.5], colors=[theme.colors[1], theme.colors[0]], alpha=0.18, rasterized=True
    )
    ax.contour(gx, gy, out, levels=[0.5], colors=theme.fg, linewidths=1.6)
    ax.set(xlim=LIMITS, ylim=LIMITS, aspect="equal", xticks=[0, 1], yticks=[0, 1], xlabel="x₁", ylabel="x₂")
    ax.grid(False)


@cache
def trained(gate: str) -> Perceptron:
    """The perceptron after at most EPOCHS sweeps over `gate`'s four examples (one run for figure and numbers)."""
    x, y = logic_gate(gate)
    return Perceptron(2).fit(x, y, epochs=EPOCHS)


# %% [markdown]
# Panels one and two: the perceptron trained on AND, then on XOR, with its verdict in the title.
# %%
def draw_perceptron(ax, gate, theme):
    x, y = logic_gate(gate)
    perceptron = trained(gate)
    shade(ax, perceptron.predict, theme)
    scatter_classes(ax, x, y, theme)
    wrong = int((perceptron.predict(x) != y).sum())
    verdict = (
        f"no mistake from sweep {len(perceptron.mistakes)} on"
        if perceptron.converged
        else f"after {EPOCHS} sweeps, still {wrong} of 4 wrong"
    )
    ax.set(title=f"perceptron on {gate.upper()}\n{verdict}")
    return perceptron


# %% [markdown]
# Panel three: two layers of step neurons; each hidden neuron's line is dashed and labelled along it.
# %%
def draw_two_layers(ax, theme):
    x, y = logic_gate("xor")
    network = xor_network()
    shade(ax, lambda points: forward(points, network).ravel(), theme)
    hidden = network[0]
    t = np.array(LIMITS)
    for j, (name, at) in enumerate((("OR", -0.42), ("NAND", 0.55))):  # at: x₁ where the label starts
        (w1, w2), b = hidden.weights[:, j], hidden.bias[j]
        ax.plot(t, -(w1 * t + b) / w2, color=theme.muted, linestyle="--", linewidth=1.2)
        angle = np.degrees(np.arctan(-w1 / w2))  # the line's slope; the axes keep an equal aspect
        ax.text(
            at,
            -(w1 * at + b) / w2 + 0.08,
            f"hidden: {name}",
            fontsize=8.5,
            rotation=angle,
            rotation_mode="anchor",
            bbox=box(theme),
        )
    scatter_classes(ax, x, y, theme)
    right = int((forward(x, network).ravel() == y).sum())
    ax.set(title=f"two layers of step neurons\non XOR: {'all 4' if right == 4 else f'{right} of 4'} right")


# %% [markdown]
# Panel four: the mistakes in each sweep; AND reaches a sweep with none, XOR never does.
# %%
def draw_mistakes(ax, runs, layout):
    for i, (gate, perceptron) in enumerate(runs.items()):
        mistakes = perceptron.mistakes
        ax.plot(np.arange(1, len(mistakes) + 1), mistakes, "o-", color=f"C{i}", label=gate.upper(), markersize=4)
    title = (
        "perceptron: mistakes per sweep\n(a sweep with none: converged)"
        if layout.narrow
        else "perceptron: mistakes per sweep\n(a sweep with none means it has converged)"
    )
    ax.set(
        title=title,
        xlabel="sweep over the 4 examples (epoch)",
        ylabel="mistakes",
        xlim=(0.5, EPOCHS + 0.5),
        ylim=(-0.3, 4.3),
        yticks=range(5),
    )
    ax.legend(loc="center right")  # between XOR's line at the top and AND's, which stops early


# %%
def draw(theme, layout):
    if layout.narrow:  # one column; the square panels need less height than the line plot
        fig, axes = plt.subplots(4, 1, figsize=(layout.width, 9.8), layout="constrained", height_ratios=(1, 1, 1, 0.95))
    else:
        fig, axes = plt.subplots(2, 2, figsize=(7.2, 6.4), layout="constrained")
    axes = axes.ravel()
    runs = {gate: draw_perceptron(ax, gate, theme) for ax, gate in zip(axes[:2], ("and", "xor"))}
    draw_two_layers(axes[2], theme)
    draw_mistakes(axes[3], runs, layout)
    handles, labels = axes[0].get_legend_handles_labels()  # the classes' key: above the panels on a phone
    fig.legend(
        handles, labels, loc="outside upper center" if layout.narrow else "outside lower center", ncols=2, frameon=False
    )
    return fig


# %% [markdown]
# The numbers the page states about the figure: in its alt text, the sweep from which AND has no
# mistake and how many XOR points are still wrong; in the prose, the AND line the perceptron found,
# written as LaTeX, and the example that lies on it.
# %%
def latex_line(weights, bias) -> str:
    """`w·x + b` in LaTeX, e.g. `2x_1 + x_2 - 3`: no coefficient 1, no term 0, signs between terms."""
    terms = [(w, "" if abs(w) == 1 else f"{abs(w):g}", f"x_{i}") for i, w in enumerate(weights, 1) if w != 0]
    terms += [(bias, f"{abs(bias):g}", "")] if bias != 0 else []
    text = " ".join(f"{'-' if value < 0 else '+'} {number}{name}" for value, number, name in terms)
    if text.startswith("- "):  # a leading minus sign sits on its term
        return "-" + text[2:]
    return text.removeprefix("+ ") or "0"


def numbers() -> dict:
    x, _ = logic_gate("and")
    learned_and, learned_xor = trained("and"), trained("xor")
    if not learned_and.converged or learned_xor.converged:
        raise ValueError("the page says the perceptron separates AND and never XOR")
    z = x @ learned_and.weights + learned_and.bias
    on_line = [f"({a:g}, {b:g})" for (a, b), value in zip(x, z) if value == 0]
    if len(on_line) != 1:
        raise ValueError(f"the page says the AND line passes through one example; it passes through {on_line}")
    x_xor, y_xor = logic_gate("xor")
    return {
        "epochs": EPOCHS,
        "and_clean_sweep": len(learned_and.mistakes),
        "xor_wrong": int((learned_xor.predict(x_xor) != y_xor).sum()),
        "examples": len(x_xor),
        "and_line": latex_line(learned_and.weights, learned_and.bias),
        "and_on_line": on_line[0],
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_perceptron") + save_values(numbers(), out_dir / "neuron_perceptron")


if __name__ == "__main__":
    run(main, draw)
