"""What a gradient costs: backpropagation against finite differences.

Multiply-adds in the matrix products of MLP([2, w, w, 1]) on a batch of 100, as the width w grows. A
backward pass costs about twice a forward pass at every width, because each layer does two matrix
products backward (for dL/dW and dL/dx) for the one it does forward. Central differences run the
forward pass twice per parameter, so their cost grows with the number of parameters, about w²
times a forward pass. Counts from `concepts.backprop.backprop_cost`; the measured times are in the
benchmark table on the page.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.backprop import backprop_cost
from sitebuild.figure_style import box, run, save

WIDTHS = 2 ** np.arange(2, 11)  # 4 ... 1024
BATCH = 100


def draw(theme):
    costs = [backprop_cost([2, int(w), int(w), 1], BATCH) for w in WIDTHS]
    forward = np.array([c.forward for c in costs], dtype=float)
    backward = np.array([c.backward for c in costs], dtype=float)
    differences = np.array([c.finite_differences for c in costs], dtype=float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.2), layout="constrained")
    left.loglog(WIDTHS, differences, "o-", color=theme.colors[1], markersize=4, label="central differences")
    left.loglog(WIDTHS, forward + backward, "o-", color=theme.colors[0], markersize=4,
                label="backprop: forward + backward")
    left.loglog(WIDTHS, forward, "--", color=theme.muted, linewidth=1.4, label="one forward pass")
    left.set(xlabel="width w", ylabel="multiply-adds for one gradient", title="cost of the whole gradient")
    left.legend(loc="upper left", fontsize=8)
    left.set_xticks(WIDTHS[::2], [str(w) for w in WIDTHS[::2]])

    right.semilogy(WIDTHS, differences / forward, "o-", color=theme.colors[1], markersize=4,
                   label="central differences")
    right.semilogy(WIDTHS, backward / forward, "o-", color=theme.colors[0], markersize=4, label="backward pass")
    right.set_xscale("log")
    right.set_xticks(WIDTHS[::2], [str(w) for w in WIDTHS[::2]])
    right.set(xlabel="width w", ylabel="cost / one forward pass", title="in units of a forward pass")
    right.text(WIDTHS[-1], backward[-1] / forward[-1] * 2.2, f"≈ {backward[-1] / forward[-1]:.2f}", ha="right",
               va="bottom", fontsize=9, color=theme.colors[0], bbox=box(theme))
    label = f"at w = {WIDTHS[-1]}:\n2 × {costs[-1].parameters:,} parameters"
    right.text(WIDTHS[-1], differences[-1] / forward[-1] / 5000, label, ha="right", va="top", fontsize=9,
               color=theme.colors[1], bbox=box(theme))
    right.legend(loc="upper left", fontsize=8)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_cost")


if __name__ == "__main__":
    run(main)
