"""A fixed range is right for one width only.

Left: 50 ReLU layers started from U(−0.3, 0.3), whatever their width. Each layer multiplies the signal's
mean square by n × Var(w) / 2 = n × 0.03 / 2, so narrow stacks (16 units) lose the signal, wide ones
(256, 512) blow it up, and only near n = 67 does it keep its size. Right: He's start, whose variance
2/n follows the width, keeps the signal at every width.
"""

from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.init_experiments import SCHEMES, depth_statistics
from sitebuild.figure_style import run, save

WIDTHS = (16, 64, 256, 512)


@cache
def variances(name: str) -> dict:
    """{width: variance per layer}, computed once and drawn in both palettes."""
    return {n: depth_statistics(name, "relu", width=n, batch=32, gradients=False, rng=0).activation_var
            for n in WIDTHS}


def draw(theme):
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.4), layout="constrained", sharey=True)
    for ax, name in zip(axes, ("fixed", "he")):
        for i, n in enumerate(WIDTHS):
            var = variances(name)[n]
            ax.plot(np.arange(1, var.size + 1), var, color=f"C{i}", label=f"width {n}")
        ax.set(title=f"ReLU stack, {SCHEMES[name].label}", xlabel="layer", yscale="log", xlim=(0, 51),
               ylim=(1e-36, 1e60), yticks=10.0 ** np.arange(-30, 61, 15))
    axes[0].set_ylabel("variance of the layer's outputs")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=4, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "init_fixed_range")


if __name__ == "__main__":
    run(main)
