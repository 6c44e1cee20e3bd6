"""Weight gradients through 50 layers, for the same six starts.

The same stacks as the activation figure, now run backwards: the size (norm) of dL/dW that reaches
each layer's weights, for a random linear read-out of the last layer. Where the start suits the
activation (Xavier or LeCun for tanh, He for ReLU) every layer gets a gradient of about the same size.
Too small a start gives gradients near 1e-11 (tanh) or 1e-18 (ReLU) everywhere, nothing to learn from;
too large a start gives gradients of 1e15 to 1e54 in a ReLU stack, and in a saturated tanh stack
gradients that grow layer after layer towards the input.
"""

from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.init_experiments import SCHEMES, depth_statistics
from sitebuild.figure_style import run, save

COLORS = {"std1": "C1", "fixed": "C4", "he": "C2", "lecun": "C3", "xavier": "C0", "standard": "fg"}


@cache
def gradient_norms(activation: str) -> dict:
    """{scheme: (‖dL/db‖, ‖dL/dW‖) per layer}, computed once and drawn in both palettes."""
    stats = {name: depth_statistics(name, activation, rng=0) for name in SCHEMES}
    return {name: (s.bias_grad_norm, s.weight_grad_norm) for name, s in stats.items()}


def draw(theme):
    fig, axes = plt.subplots(2, 2, figsize=(7.2, 6.2), layout="constrained", sharex=True)
    for column, activation in enumerate(("tanh", "relu")):
        for row in (0, 1):
            ax = axes[row, column]
            for name, scheme in SCHEMES.items():
                norm = gradient_norms(activation)[name][row]
                dashed = name == "xavier"  # on top of LeCun's curve: the same variance for equal widths
                ax.plot(np.arange(1, norm.size + 1), norm, color=theme.fg if COLORS[name] == "fg" else COLORS[name],
                        label=scheme.label, linestyle="--" if dashed else "-", linewidth=1.6 if dashed else 2.2)
            ax.set(yscale="log", xlim=(0, 51))
        axes[0, column].set_title(f"50 {'tanh' if activation == 'tanh' else 'ReLU'} layers of width 256")
        axes[1, column].set_xlabel("layer (the input is at layer 1)")
    axes[0, 0].set_ylabel("error signal ‖dL/db‖")
    axes[1, 0].set_ylabel("weight gradient ‖dL/dW‖")
    for ax in axes[:, 0]:
        ax.set(ylim=(1e-15, 1e28), yticks=10.0 ** np.arange(-12, 28, 6))
    for ax in axes[:, 1]:
        ax.set(ylim=(1e-25, 1e62), yticks=10.0 ** np.arange(-20, 61, 20))
    fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncols=3, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "init_gradient_depth")


if __name__ == "__main__":
    run(main)
