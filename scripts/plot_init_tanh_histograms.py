"""How the outputs of a tanh stack are spread, layer by layer.

Histograms of the outputs of layers 1, 10 and 50 of the tanh stack, for three starts. With U(±1/√n)
(PyTorch's nn.Linear default) every layer shrinks the signal by a factor 3 in variance, so from layer
10 on every output is 0 to the eye. With N(0, 1) the pre-activations are huge, and almost every output
sits at −1 or +1, where tanh is flat and passes no gradient back. Xavier's start keeps a spread of
values through the depth, slowly narrowing (the variance falls like 1/(2 × layer)).
"""

from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.init_experiments import SCHEMES, depth_statistics
from sitebuild.figure_style import box, run, save

STARTS = ("standard", "xavier", "std1")
LAYERS = (1, 10, 50)
BINS = np.linspace(-1, 1, 42)  # 41 bins: the middle one is centred on 0


@cache
def shares(name: str) -> dict:
    """{layer: share of the outputs in each bin}, computed once and drawn in both palettes."""
    outputs = depth_statistics(name, "tanh", gradients=False, rng=0).activations
    return {layer: np.histogram(outputs[layer - 1], BINS)[0] / outputs[layer - 1].size for layer in LAYERS}


def draw(theme):
    fig, axes = plt.subplots(1, 3, figsize=(7.2, 3.0), layout="constrained", sharey=True)
    for ax, name in zip(axes, STARTS):
        for i, layer in enumerate(LAYERS):
            ax.stairs(shares(name)[layer], BINS, color=f"C{i}", linewidth=1.8, label=f"layer {layer}",
                      fill=False)
        ax.set(title=SCHEMES[name].label, xlabel="output of a tanh unit", xlim=(-1.05, 1.05), yscale="log",
               ylim=(1e-4, 1.5))
    axes[0].set_ylabel("share of the outputs")
    axes[0].annotate("layers 10 and 50:\nevery output\nwithin ±0.02", xy=(0.03, 0.6), xytext=(0.53, 1.2e-3),
                     ha="center",
                     fontsize=8.5, color=theme.fg, arrowprops={"arrowstyle": "->", "color": theme.muted},
                     bbox=box(theme))
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "init_tanh_histograms")


if __name__ == "__main__":
    run(main)
