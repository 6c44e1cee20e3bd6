"""Weighted sum versus weighted average.

A neuron adds up its weighted inputs. First panel: as more inputs switch on, the sum grows and the
neuron's output rises (it counts evidence); a weighted average always stays between the smallest and the
largest input (0 and 1 here), so after the same bias its output stays low, never above sigmoid(1 + b),
which the figure marks. Second panel: multiplying every weight by 2 or 4 sharpens the neuron's response;
an average divides the factor out and cannot tell the difference.

Conclusion: a neuron sums its evidence rather than averaging it, so the number and size of its inputs count.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.neuron import Neuron, sigmoid
from sitebuild.figure_style import callout, run, save, save_values

N_INPUTS = 8
WEIGHT = 0.8
BIAS = -3.0
BASE = np.array([3.0, -1.0])  # the second panel's weights, before scaling
SCALES = (1.0, 2.0, 4.0)
OTHER_INPUT = 1.0  # the second panel's fixed second input


def weighted_average(x, w):
    return x @ w / w.sum()


def counting():
    """Switch on 0, 1, ..., N_INPUTS binary inputs: how many are on, the neuron's output, the average's."""
    w = np.full(N_INPUTS, WEIGHT)
    active = np.arange(0, N_INPUTS + 1)
    x = (np.arange(N_INPUTS)[None, :] < active[:, None]).astype(float)  # row k: the first k inputs on
    return active, Neuron(w, BIAS)(x), sigmoid(weighted_average(x, w) + BIAS)


# %% [markdown]
# First panel: switch on 0, 1, ..., 8 binary inputs; the neuron's output against the average's.
# %%
def draw_counting(ax, theme, layout):
    active, summed, averaged = counting()
    ax.plot(active, summed, "o-", color="C0")
    ax.plot(active, averaged, "s--", color="C1")
    # labels on the lines: the neuron's beside its middle point; the average's says where it stops
    middle = N_INPUTS // 2
    ax.annotate(
        "the neuron:\nσ(Σ wᵢxᵢ + b)",
        (active[middle], summed[middle]),
        xytext=(-10, 6),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color="C0",
        fontsize=9,
    )
    ceiling = float(sigmoid(1.0 + BIAS))  # the average of inputs in [0, 1] is at most 1
    callout(
        ax,
        f"weighted average:\nnever above\nσ(1 − {abs(BIAS):g}) = {ceiling:.2f}",
        (active[-1], averaged[-1]),
        theme,
        offset=(-36, 36),
        color="C1",
        fontsize=9,
    )
    title = f"{N_INPUTS} binary inputs, weights {WEIGHT:g}, b = {BIAS:g}".replace("-", "−")
    ax.set(title=title, xlabel="inputs switched on", ylabel="output", ylim=(-0.05, 1.12))


# %% [markdown]
# Second panel: one input swept, the other fixed at 1; all weights scaled by 1, 2 and 4.
# %%
def draw_scaling(ax, theme, layout):
    t = np.linspace(-3, 3, 301)
    inputs = np.column_stack([t, np.full_like(t, OTHER_INPUT)])
    for i, scale in enumerate(SCALES):
        ax.plot(t, Neuron(scale * BASE, 0.0)(inputs), color=f"C{i}", label=f"neuron, w × {scale:g}")
    ax.plot(
        t,
        sigmoid(weighted_average(inputs, BASE)),
        color=theme.muted,
        linestyle="--",
        linewidth=2.5,
        label="average, any ×",
    )
    ax.axhline(0.5, color=theme.muted, linewidth=0.8, linestyle=":")
    ax.set(
        title="scaling all weights",
        xlabel=f"input x₁ (x₂ = {OTHER_INPUT:g})",
        ylabel="output" if layout.narrow else None,
        ylim=(-0.05, 1.12),
    )
    ax.legend(loc="upper left")  # every curve is still near 0 on the left


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.8)
    draw_counting(left, theme, layout)
    draw_scaling(right, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure in its alt text: the first panel's neuron and where its
# output and the average's start and end, and the second panel's fixed input and weight factors.
# %%
def numbers() -> dict:
    _, summed, averaged = counting()
    return {
        "n_inputs": N_INPUTS,
        "weight": WEIGHT,
        "bias": BIAS,
        "neuron_none_on": float(summed[0]),
        "neuron_all_on": float(summed[-1]),
        "average_none_on": float(averaged[0]),
        "average_all_on": float(averaged[-1]),
        "other_input": OTHER_INPUT,
        "factors": " or ".join(f"{scale:g}" for scale in SCALES if scale != 1),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_sum_vs_average") + save_values(numbers(), out_dir / "neuron_sum_vs_average")


if __name__ == "__main__":
    run(main, draw)
