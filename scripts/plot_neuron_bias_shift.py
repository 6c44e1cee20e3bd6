"""What the bias does.

Left: without a bias, changing the weight only changes the slope; every curve passes through
sigmoid(0) = 0.5 at x = 0, so the neuron cannot move where it switches. Right: the bias moves the
threshold to x = -b/w, anywhere on the axis.

Conclusion: the weight sets how sharply a neuron switches, the bias sets where.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.neuron import Neuron
from sitebuild.figure_style import callout, run, save, save_values

WEIGHTS = (0.5, 1.0, 2.0, 5.0)
BIASES = (-4.0, -2.0, 0.0, 2.0, 4.0)
W_FIXED = 2.0
X = np.linspace(-4, 4, 401)[:, None]  # a batch of one-feature inputs


# %% [markdown]
# Left panel: no bias, so every weight gives a curve through (0, 0.5).
# %%
def draw_without_bias(ax, theme, layout):
    for i, w in enumerate(WEIGHTS):
        ax.plot(X[:, 0], Neuron([w], 0.0)(X), color=f"C{i}", label=f"w = {w:g}")
    crossing = (0.0, float(Neuron([1.0], 0.0)(np.zeros((1, 1)))[0]))  # sigmoid(0), the same for every w
    ax.plot(*crossing, "o", color=theme.fg, markersize=5, zorder=5)
    callout(ax, f"all pass through\n(0, {crossing[1]:g})", crossing, theme, offset=(-50, 30))
    ax.set(title="no bias: σ(w·x)", xlabel="input x", ylabel="output")
    ax.legend(loc="lower right")


# %% [markdown]
# Right panel: a fixed weight, and the bias slides the switching point to x = -b/w.
# %%
def draw_with_bias(ax, theme, layout):
    for i, b in enumerate(BIASES):
        ax.plot(X[:, 0], Neuron([W_FIXED], b)(X), color=f"C{i}", label=f"b = {b:g}")
        threshold = -b / W_FIXED  # where w·x + b = 0 and the output crosses 0.5
        ax.plot([threshold], [0.5], "o", color=f"C{i}", markersize=5, zorder=5)
    ax.axhline(0.5, color=theme.muted, linewidth=0.8, linestyle=":")
    title = f"with bias: σ({W_FIXED:g}·x + b)"
    ax.set(
        title=title + ("" if layout.narrow else f", threshold at x = −b/{W_FIXED:g}"),
        xlabel="input x",
        ylabel="output" if layout.narrow else None,
    )
    ax.legend(loc="upper left")  # the lower right holds the rightmost threshold


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.9, sharey=True)
    draw_without_bias(left, theme, layout)
    draw_with_bias(right, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure in its alt text: the weights and biases drawn, the
# output every bias-free curve has at x = 0, and the output every biased curve has at x = -b/w.
# %%
def only(outputs: set, what: str) -> float:
    """The one value in `outputs`; an error if the curves disagree, as the alt text says they all agree."""
    if len(outputs) != 1:
        raise ValueError(f"{what} differs between the curves: {sorted(outputs)}")
    return outputs.pop()


def numbers() -> dict:
    at_zero = {float(Neuron([w], 0.0)(np.zeros((1, 1)))[0]) for w in WEIGHTS}
    at_threshold = {float(Neuron([W_FIXED], b)(np.array([[-b / W_FIXED]]))[0]) for b in BIASES}
    *first, last = (f"{w:g}" for w in WEIGHTS)
    return {
        "weights": f"{', '.join(first)} and {last}",
        "output_at_zero": only(at_zero, "the bias-free output at x = 0"),
        "fixed_weight": W_FIXED,
        "lowest_bias": min(BIASES),
        "highest_bias": max(BIASES),
        "output_at_threshold": only(at_threshold, "the output at x = -b/w"),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_bias_shift") + save_values(numbers(), out_dir / "neuron_bias_shift")


if __name__ == "__main__":
    run(main, draw)
