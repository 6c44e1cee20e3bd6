"""What the bias does.

Left: without a bias, changing the weight only changes the slope; every curve passes through
sigmoid(0) = 0.5 at x = 0, so the neuron cannot move where it switches. Right: the bias moves the
threshold to x = -b/w, anywhere on the axis.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.neuron import Neuron
from sitebuild.figure_style import box, run, save

WEIGHTS = (0.5, 1.0, 2.0, 5.0)
BIASES = (-4.0, -2.0, 0.0, 2.0, 4.0)
W_FIXED = 2.0


def draw(theme):
    x = np.linspace(-4, 4, 401)[:, None]  # a batch of one-feature inputs
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.3), layout="constrained", sharey=True)
    for i, w in enumerate(WEIGHTS):
        left.plot(x[:, 0], Neuron([w], 0.0)(x), color=f"C{i}", label=f"w = {w:g}")
    left.plot([0], [0.5], "o", color=theme.fg, markersize=5, zorder=5)
    left.annotate("all pass through (0, 0.5)", xy=(0, 0.5), xytext=(-3.9, 0.8), bbox=box(theme),
                  arrowprops={"arrowstyle": "->", "color": theme.fg})
    left.set(title="no bias: σ(w·x)", xlabel="input x", ylabel="output")
    left.legend(loc="lower right")
    for i, b in enumerate(BIASES):
        right.plot(x[:, 0], Neuron([W_FIXED], b)(x), color=f"C{i}", label=f"b = {b:g}")
        threshold = -b / W_FIXED  # where w·x + b = 0 and the output crosses 0.5
        right.plot([threshold], [0.5], "o", color=f"C{i}", markersize=5, zorder=5)
    right.axhline(0.5, color=theme.muted, linewidth=0.8, linestyle=":")
    right.set(title=f"with bias: σ({W_FIXED:g}·x + b), threshold at x = −b/{W_FIXED:g}", xlabel="input x")
    right.legend(loc="lower right")
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_bias_shift")


if __name__ == "__main__":
    run(main)
