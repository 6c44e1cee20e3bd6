"""Activation variance through 50 layers, for six ways to start.

A batch of standard normal inputs goes through 50 layers of 256 units, tanh on the left and ReLU on the
right, each started by one scheme; the curve is the variance of each layer's outputs (log scale). Only
the schemes whose variance follows the fan-in keep the signal: Xavier and LeCun (the same variance 1/n
here, so their curves overlap) for tanh, He for ReLU. The fixed range U(−0.3, 0.3) and N(0, 1) blow up
a ReLU stack and saturate a tanh stack; U(±1/√n), PyTorch's nn.Linear default, shrinks the signal by
3× (tanh) or 6× (ReLU) per layer until nothing is left.
"""

from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.init_experiments import SCHEMES, depth_statistics
from sitebuild.figure_style import box, run, save

TANH_NOTES = {"saturate": (38, 3.0), "fade slowly": (38, 1.5e-3), "vanish": (9, 3e-8)}
RELU_NOTES = {"explode": (20, 1e75), "hold": (38, 1e9), "vanish": (14, 1e-36)}
COLORS = {"std1": "C1", "fixed": "C4", "he": "C2", "lecun": "C3", "xavier": "C0", "standard": "fg"}


@cache
def variances(activation: str) -> dict:
    """Computed once, drawn in both palettes."""
    return {name: depth_statistics(name, activation, gradients=False, rng=0).activation_var for name in SCHEMES}


def draw(theme):
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.9), layout="constrained")
    for ax, activation in zip(axes, ("tanh", "relu")):
        for name, scheme in SCHEMES.items():
            var = variances(activation)[name]
            layers = np.arange(1, var.size + 1)
            dashed = name == "xavier"  # on top of LeCun's curve: the same variance for equal widths
            ax.plot(layers, var, color=theme.fg if COLORS[name] == "fg" else COLORS[name], label=scheme.label,
                    linestyle="--" if dashed else "-", linewidth=1.6 if dashed else 2.2)
        ax.set(yscale="log", xlabel="layer", xlim=(0, 51),
               title=f"50 {'tanh' if activation == 'tanh' else 'ReLU'} layers of width 256")
    axes[0].set(ylabel="variance of the layer's outputs", ylim=(1e-9, 20), yticks=10.0 ** np.arange(-8, 1, 2))
    axes[1].set(ylim=(1e-45, 1e115), yticks=10.0 ** np.arange(-40, 101, 20))
    for ax, notes in zip(axes, (TANH_NOTES, RELU_NOTES)):
        for text, (x, y) in notes.items():
            ax.text(x, y, text, color=theme.fg, fontsize=9, ha="center", va="center", bbox=box(theme))
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "init_activation_depth")


if __name__ == "__main__":
    run(main)
