"""micrograd's demo, reproduced: two moons separated by a network trained with backpropagation.

An MLP with two hidden layers of 16 ReLU units, trained for 100 full-batch steps of gradient descent
on the hinge loss plus a small L2 penalty, as in Karpathy's micrograd demo. Left: its decision boundary
after training, which separates all 100 points. Right: the loss falls and the training accuracy
reaches 100 %. Trained with `concepts.network.MLP`; `concepts.micrograd_demo.ValueMLP`, built from scalar
values, takes the same steps to the same numbers (a test checks it).
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.micrograd_demo import demo_problem, train_demo
from sitebuild.figure_style import box, run, save, scatter_classes


def draw(theme):
    net, x, y = demo_problem(rng=0)
    history = train_demo(net, x, y)
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.3), layout="constrained",
                                      gridspec_kw={"width_ratios": [1.15, 1]})
    gx, gy = np.meshgrid(np.linspace(-1.6, 2.6, 211), np.linspace(-1.2, 1.7, 146))
    scores = net.forward(np.column_stack([gx.ravel(), gy.ravel()]))[:, 0].reshape(gx.shape)
    limit = float(np.abs(scores).max())
    left.contourf(gx, gy, scores, levels=np.linspace(-limit, limit, 21), cmap=theme.diverging, alpha=0.55)
    left.contour(gx, gy, scores, levels=[0.0], colors=theme.fg, linewidths=1.8)
    scatter_classes(left, x, (y > 0).astype(float), theme, size=22)
    left.set(xlabel="x₁", ylabel="x₂", aspect="equal", title="decision boundary after 100 steps")
    left.grid(False)

    steps = np.arange(len(history))
    right.plot(steps, history[:, 0], color=theme.colors[0], label="loss (hinge + L2)")
    right.set(xlabel="step", ylabel="loss", title="training", ylim=(0, None))
    accuracy = right.twinx()
    accuracy.plot(steps, 100 * history[:, 1], color=theme.colors[1], label="accuracy")
    accuracy.set_ylabel("training accuracy (%)", color=theme.colors[1])
    accuracy.set_ylim(40, 102)
    accuracy.spines["right"].set_visible(True)
    accuracy.grid(False)
    below = np.flatnonzero(history[:, 1] < 1.0)
    first = int(below[-1]) + 1  # 100 % at every step from here on
    accuracy.annotate(f"100 % from step {first} on", (first, 100), (first - 14, 50), fontsize=9, ha="center",
                      color=theme.colors[1], bbox=box(theme),
                      arrowprops={"arrowstyle": "->", "color": theme.colors[1]})
    lines = right.get_lines() + accuracy.get_lines()
    right.legend(lines, [line.get_label() for line in lines], loc="center right", bbox_to_anchor=(1.0, 0.36),
                 fontsize=8.5)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_moons")


if __name__ == "__main__":
    run(main)
