"""Vanishing gradients: the chain rule multiplies one slope per layer.

The size of each layer's weight gradient in a stack of 20 layers of 64 units, relative to the last
layer's. With sigmoid units the gradient shrinks by about a factor 4 per layer going back (the
sigmoid's slope is at most 1/4), so the first layer gets 10⁻¹² of what the last one gets. With ReLU and
He's initialization it keeps its size; with tanh and Xavier's gain it changes slowly. ReLU with a
weight scale that is too small (PyTorch's default for `nn.Linear`) vanishes too: the initialization
matters as much as the activation. Computed with `concepts.backprop`.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.backprop import deep_stack, layer_gradient_norms
from sitebuild.figure_style import box, run, save

DEPTH, WIDTH, BATCH = 20, 64, 128
CASES = [  # label, activation, initialization scaled for it
    ("sigmoid, Xavier init", "sigmoid", True),
    ("tanh, Xavier init (gain 5/3)", "tanh", True),
    ("ReLU, He init", "relu", True),
    ("ReLU, PyTorch's default init", "relu", False),
]


def draw(theme):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(BATCH, WIDTH))
    upstream = rng.normal(size=(BATCH, WIDTH)) / BATCH
    layers = np.arange(1, DEPTH + 1)
    fig, ax = plt.subplots(figsize=(7.2, 3.6), layout="constrained")
    for (label, activation, scaled), color, marker in zip(CASES, theme.colors, "osD^"):
        norms = layer_gradient_norms(deep_stack(activation, DEPTH, WIDTH, rng=0, scaled=scaled), x, upstream)
        ax.semilogy(layers, norms / norms[-1], marker=marker, markersize=4, color=color, label=label,
                    linestyle="--" if not scaled else "-")
    ax.semilogy(layers, 0.25 ** (DEPTH - layers), color=theme.muted, linewidth=1, linestyle=":")
    ax.text(8.5, 1e-12, "dotted: × 1/4 per layer,\nthe sigmoid's largest slope", color=theme.muted, fontsize=9,
            ha="center", va="center", bbox=box(theme))
    ax.set(xlabel="layer (1 = next to the input)", ylabel="‖dL/dW‖ relative to the last layer",
           xticks=[1, 5, 10, 15, 20], ylim=(1e-14, 1e3), title=f"{DEPTH} layers of {WIDTH} units")
    ax.legend(loc="lower right", fontsize=8.5)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_vanishing")


if __name__ == "__main__":
    run(main)
