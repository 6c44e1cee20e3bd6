"""Vanishing gradients: the chain rule multiplies one slope per layer.

The size of each layer's weight gradient in a deep stack of equal layers, relative to the last layer's,
for four pairs of activation and initialization. With sigmoid units the gradient shrinks by about a
factor 4 per layer going back (the sigmoid's slope is at most 1/4, the dotted line), so the first layer
gets almost nothing. With ReLU and He's initialization it keeps its size; with tanh and Xavier's gain it
changes slowly. ReLU with a weight scale that is too small (PyTorch's default for `nn.Linear`) vanishes
too. Computed with `concepts.chain_rule`.

Conclusion: a deep stack learns in its first layers only if each layer's slope times its weight scale
stays near 1; the initialization matters as much as the activation.
"""

# %%
from functools import cache
from pathlib import Path

import numpy as np

from concepts.chain_rule import deep_stack, layer_gradient_norms
from sitebuild.figure_style import box, mantissa_exponent, run, save, save_values

DEPTH, WIDTH, BATCH = 20, 64, 128
CASES = [  # label, short label (phones), activation, initialization scaled for it
    ("sigmoid, Xavier init", "sigmoid, Xavier", "sigmoid", True),
    ("tanh, Xavier init (gain 5/3)", "tanh, Xavier (gain 5/3)", "tanh", True),
    ("ReLU, He init", "ReLU, He", "relu", True),
    ("ReLU, PyTorch's default init", "ReLU, PyTorch's default", "relu", False),
]
LAYERS = np.arange(1, DEPTH + 1)
SIGMOID_MAX_SLOPE = 0.25
YLIM = (1e-14, 1e3)  # the log scale of the plot


# %% [markdown]
# The data: each stack's weight-gradient norms, layer by layer, relative to the last layer.
# %%
@cache
def relative_norms() -> list[np.ndarray]:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(BATCH, WIDTH))
    upstream = rng.normal(size=(BATCH, WIDTH)) / BATCH
    curves = []
    for _, _, activation, scaled in CASES:
        norms = layer_gradient_norms(deep_stack(activation, DEPTH, WIDTH, rng=0, scaled=scaled), x, upstream)
        curves.append(norms / norms[-1])
    return curves


# %% [markdown]
# The curves, and the sigmoid's bound: at most × 1/4 per layer going back.
# %%
def draw_curves(ax, theme, layout, curves):
    for (label, short, _, scaled), curve, color, marker in zip(CASES, curves, theme.colors, "osD^"):
        ax.semilogy(
            LAYERS,
            curve,
            marker=marker,
            markersize=3.5 if layout.narrow else 4,
            color=color,
            label=short if layout.narrow else label,
            linestyle="-" if scaled else "--",
        )
    bound = SIGMOID_MAX_SLOPE ** (DEPTH - LAYERS)
    ax.semilogy(
        LAYERS,
        bound,
        color=theme.muted,
        linewidth=1,
        linestyle=":",
        label="× 1/4 per layer: the sigmoid's largest slope",
    )
    return bound


# %% [markdown]
# Labels: on a wide screen a legend in the empty lower right and a note on the dotted line; on a phone
# the legend goes under the plot, where it covers nothing.
# %%
def draw_labels(ax, theme, layout, bound):
    if layout.narrow:
        ax.set(xlabel="layer (1 = next to the input)", ylabel="‖dL/dW‖ / last layer's")
        fig = ax.get_figure()
        fig.legend(
            *ax.get_legend_handles_labels(),
            loc="outside lower center",
            ncols=1,
            fontsize=8,
            frameon=False,
            handlelength=2.4,
        )
        return
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[:-1], labels[:-1], loc="lower right", fontsize=8.5)
    anchor = DEPTH // 2 - 2  # a layer of the dotted line, left of the legend; the note sits below it
    ax.text(
        LAYERS[anchor],
        bound[anchor] * 1e-5,
        "dotted: × 1/4 per layer,\nthe sigmoid's largest slope",
        color=theme.muted,
        fontsize=9,
        ha="center",
        va="center",
        bbox=box(theme),
    )
    ax.set(xlabel="layer (1 = next to the input)", ylabel="‖dL/dW‖ relative to the last layer")


# %%
def draw(theme, layout):
    fig, ax = layout.subplots(1, wide=(7.2, 3.6), narrow_height=4.3)
    bound = draw_curves(ax, theme, layout, relative_norms())
    ax.set(xticks=[1, 5, 10, 15, 20], ylim=YLIM, title=f"{DEPTH} layers of {WIDTH} units")
    draw_labels(ax, theme, layout, bound)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and its prose: the stack, the plot's
# scale, and where each curve goes. The sigmoid's factor per layer is the geometric mean over the
# layers; the smallest values are stated to one significant digit, as a mantissa and a power of ten.
# %%
def numbers() -> dict:
    sigmoid, tanh, relu_he, relu_default = relative_norms()
    found = {
        "depth": DEPTH,
        "width": WIDTH,
        "ylim_low_exponent": round(np.log10(YLIM[0])),
        "ylim_high_exponent": round(np.log10(YLIM[1])),
        "sigmoid_factor": float((sigmoid[-1] / sigmoid[0]) ** (1 / (DEPTH - 1))),
        "tanh_max": float(tanh.max()),
        # a band the curve stays in: its ends rounded outwards, to the one decimal the page states
        "relu_he_min": float(np.floor(relu_he.min() * 10) / 10),
        "relu_he_max": float(np.ceil(relu_he.max() * 10) / 10),
    }
    for name, curve in (("sigmoid", sigmoid), ("relu_default", relu_default)):
        found[f"{name}_first_mantissa"], found[f"{name}_first_exponent"] = mantissa_exponent(float(curve[0]))
    return found


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_vanishing") + save_values(numbers(), out_dir / "chain_rule_vanishing")


if __name__ == "__main__":
    run(main, draw)
