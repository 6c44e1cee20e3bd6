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
import math
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.initialization import SCHEMES, depth_statistics
from sitebuild.figure_style import power_of_ten, run, save, save_values, scheme_curves

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


# %% [markdown]
# The numbers the page states about the figure, in its alt text and the prose after it, each a power of
# ten by its nearest exponent, except a weight gradient's growth, stated as more than a power of ten. The
# level of a weight gradient that is level across the layers is its geometric mean over them.
# %%
def level(norms: np.ndarray) -> float:
    return float(np.exp(np.log(norms).mean()))


def numbers() -> dict:
    tanh, relu = gradient_norms("tanh"), gradient_norms("relu")
    error, weight = 0, 1  # the rows, as `gradient_norms` gives them

    def at_input(stack, names) -> float:  # the largest error signal that reaches layer 1
        return max(float(stack[name][error][0]) for name in names)

    tanh_std1 = tanh["std1"][weight]
    return {
        "fixed_label": SCHEMES["fixed"].label,
        "error_tanh_exponent": power_of_ten(at_input(tanh, ("std1", "fixed"))),
        "error_relu_exponent": power_of_ten(at_input(relu, ("std1", "fixed"))),
        "error_standard_tanh_exponent": power_of_ten(tanh["standard"][error][0]),
        "error_standard_relu_exponent": power_of_ten(relu["standard"][error][0]),
        "level_standard_exponent": power_of_ten(level(relu["standard"][weight])),
        "level_lecun_xavier_exponent": power_of_ten(
            level(np.concatenate([relu[n][weight] for n in ("lecun", "xavier")]))
        ),
        "level_he": level(relu["he"][weight]),
        "level_fixed_exponent": power_of_ten(level(relu["fixed"][weight])),
        "level_std1_exponent": power_of_ten(level(relu["std1"][weight])),
        "tanh_std1_growth_exponent": power_of_ten(tanh_std1[0] / tanh_std1[-1], math.floor),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_gradient_depth"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
