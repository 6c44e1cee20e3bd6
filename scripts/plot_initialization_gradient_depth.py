"""Weight gradients through 50 layers, for the same six starts.

The same stacks as the activation figure, tanh and ReLU, now run backwards, for a random linear
read-out of the last layer: the error signal ‖dL/db‖ that reaches each layer, and the size (norm) of
the gradient dL/dW of its weights. Where the start suits the activation (Xavier or LeCun for tanh, He
for ReLU) every layer gets a gradient of about the same size. Too small a start gives vanishing
gradients everywhere, nothing to learn from; too large a start gives huge gradients in a ReLU stack,
and in a saturated tanh stack gradients that grow layer after layer towards the input.

Conclusion: the start that keeps the forward signal steady also keeps the gradients steady, so every
layer can learn.
"""

# %%
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.initialization import SCHEMES, depth_statistics
from sitebuild.figure_style import run, save, scheme_curves

QUANTITIES = (("error signal", "‖dL/db‖"), ("weight gradient", "‖dL/dW‖"))  # the rows, as the norms come
LIMITS = {
    "tanh": {"ylim": (1e-15, 1e28), "yticks": 10.0 ** np.arange(-12, 28, 6)},
    "relu": {"ylim": (1e-25, 1e62), "yticks": 10.0 ** np.arange(-20, 61, 20)},
}


@cache
def gradient_norms(activation: str) -> dict:
    """{scheme: (‖dL/db‖, ‖dL/dW‖) per layer}, computed once and drawn in every variant."""
    stats = {name: depth_statistics(name, activation, rng=0) for name in SCHEMES}
    return {name: (s.bias_grad_norm, s.weight_grad_norm) for name, s in stats.items()}


# %% [markdown]
# One panel per activation and quantity: a curve per start.
# %%
def draw_norms(ax, activation, row, theme):
    curves = {name: norms[row] for name, norms in gradient_norms(activation).items()}
    scheme_curves(ax, curves, {name: s.label for name, s in SCHEMES.items()}, theme)
    ax.set(yscale="log", xlim=(0, 51), **LIMITS[activation])


# %% [markdown]
# Wide: a 2 × 2 grid, the activations side by side. Narrow: four panels stacked, tanh first, and the
# legend on top, where the reader starts.
# %%
def draw(theme, layout):
    activations = ("tanh", "relu")
    if layout.narrow:
        fig, axes = plt.subplots(4, 1, figsize=(layout.width, 10.6), layout="constrained", sharex=True)
        grid = {
            (activation, row): axes[2 * column + row] for column, activation in enumerate(activations) for row in (0, 1)
        }
    else:
        fig, axes = plt.subplots(2, 2, figsize=(7.2, 6.2), layout="constrained", sharex=True)
        grid = {(activation, row): axes[row, column] for column, activation in enumerate(activations) for row in (0, 1)}
    for (activation, row), ax in grid.items():
        draw_norms(ax, activation, row, theme)
        stack = f"50 {'tanh' if activation == 'tanh' else 'ReLU'} layers"
        if layout.narrow:
            ax.set(title=f"{stack}: {QUANTITIES[row][0]}", ylabel=QUANTITIES[row][1])
            ax.tick_params(labelbottom=True)
        elif row == 0:
            ax.set(title=f"{stack} of width 256")
    if layout.narrow:
        axes[-1].set(xlabel="layer (the input is at layer 1)")
        fig.legend(
            *axes[0].get_legend_handles_labels(),
            loc="outside upper center",
            ncols=2,
            frameon=False,
            handlelength=1.6,
            columnspacing=0.8,
        )
    else:
        for ax in axes[1]:
            ax.set(xlabel="layer (the input is at layer 1)")
        for row, (quantity, symbol) in enumerate(QUANTITIES):
            axes[row, 0].set(ylabel=f"{quantity} {symbol}")
        fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncols=3, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "initialization_gradient_depth")


if __name__ == "__main__":
    run(main, draw)
