"""Activation variance through 50 layers, for six ways to start.

A batch of standard normal inputs goes through 50 layers of 256 units, tanh in one panel and ReLU in the
other, each stack started by one of six schemes; each curve is the variance of a layer's outputs, layer
by layer (log scale). Xavier and LeCun give the same variance, 1/n, for equal widths, so their curves
overlap. The fixed range U(−0.3, 0.3) and N(0, 1) blow up a ReLU stack and saturate a tanh stack;
U(±1/√n), PyTorch's nn.Linear default, shrinks the signal by the same factor at every layer until
nothing is left.

Conclusion: only a start whose variance follows the fan-in keeps the signal alive, Xavier or LeCun for
tanh and He for ReLU.
"""

# %%
import math
from functools import cache
from pathlib import Path

import numpy as np

from concepts.initialization import SCHEMES, depth_statistics
from sitebuild.figure_style import callout, power_of_ten, run, save, save_values, scheme_curves, significant

# label: (the scheme it explains, the layer its arrow points at, the label's offset in points)
TANH_NOTES = {
    "saturate": ("std1", 30, (0, 16)),
    "fade slowly": ("lecun", 38, (0, -26)),
    "vanish": ("standard", 12, (-34, -18)),
}
RELU_NOTES = {"explode": ("std1", 20, (-30, 18)), "hold": ("he", 38, (0, 24)), "vanish": ("standard", 40, (-55, -3))}
TANH_TICKS = 10.0 ** np.arange(-8, 1, 2)  # the answer says when the vanishing start falls below the lowest


@cache
def variances(activation: str) -> dict:
    """{scheme: variance of each layer's outputs}, computed once and drawn in every variant."""
    return {name: depth_statistics(name, activation, gradients=False, rng=0).activation_var for name in SCHEMES}


# %% [markdown]
# One panel per activation: a curve per start, and labels that point at the curves they explain.
# %%
def draw_stack(ax, activation, notes, theme, layout):
    scheme_curves(ax, variances(activation), {name: s.label for name, s in SCHEMES.items()}, theme)
    for text, (name, layer, offset) in notes.items():
        callout(ax, text, (layer, variances(activation)[name][layer - 1]), theme, offset=offset, fontsize=9)
    ax.set(
        yscale="log",
        xlabel="layer",
        xlim=(0, 51),
        ylabel="output variance" if layout.narrow else "variance of the layer's outputs",
        title=f"50 {'tanh' if activation == 'tanh' else 'ReLU'} layers of width 256",
    )


# %%
def draw(theme, layout):
    fig, (tanh, relu) = layout.subplots(2, wide=(7.2, 3.9), narrow_height=3.0)
    draw_stack(tanh, "tanh", TANH_NOTES, theme, layout)
    tanh.set(ylim=(1e-9, 100 if layout.narrow else 20), yticks=TANH_TICKS)
    draw_stack(relu, "relu", RELU_NOTES, theme, layout)
    relu.set(ylim=(1e-45, 1e115), yticks=10.0 ** np.arange(-40, 101, 20))
    if not layout.narrow:
        relu.set_ylabel(None)  # the left panel's label names both
    fig.legend(
        *tanh.get_legend_handles_labels(),
        loc="outside lower center",
        ncols=2 if layout.narrow else 3,
        frameon=False,
        handlelength=1.6 if layout.narrow else 2.0,
        columnspacing=0.8 if layout.narrow else 2.0,
    )
    return fig


# %% [markdown]
# The numbers the pages state about the figure: in the answer's alt text, the bullets under the table and
# a misconception. Powers of ten are stated by their exponent: the largest one the value is past (floor),
# the smallest one it is below (ceil) or the nearest (round), as each sentence says.
# %%
def numbers() -> dict:
    tanh, relu = variances("tanh"), variances("relu")
    threshold = float(TANH_TICKS[0])
    vanished = int(np.argmax(tanh["standard"] < threshold)) + 1
    assert (tanh["standard"][vanished - 1 :] < threshold).all()  # below it from then on
    mantissa, power = f"{tanh['standard'][-1]:.0e}".split("e")
    return {
        "fixed_label": SCHEMES["fixed"].label,
        "tanh_std1_last": float(tanh["std1"][-1]),
        "tanh_fixed_last": float(tanh["fixed"][-1]),
        "tanh_he_last": float(tanh["he"][-1]),
        "tanh_lecun_last": float(tanh["lecun"][-1]),
        "tanh_vanish_exponent": power_of_ten(threshold),
        "tanh_vanish_layer": vanished,
        "tanh_standard_mantissa": int(mantissa),
        "tanh_standard_exponent": int(power),
        "relu_std1_exponent": power_of_ten(relu["std1"][-1], math.floor),
        "relu_fixed_exponent": power_of_ten(relu["fixed"][-1], math.floor),
        "relu_he_low": significant(float(relu["he"].min()), 2, math.floor),
        "relu_he_high": significant(float(relu["he"].max()), 2, math.ceil),
        "relu_lecun_exponent": power_of_ten(relu["lecun"][-1]),
        "relu_xavier_exponent": power_of_ten(relu["xavier"][-1]),
        "relu_standard_exponent": power_of_ten(relu["standard"][-1], math.ceil),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_activation_depth"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
