"""The LR range test on a small network, and training with the rate it suggests.

Left: a 2-16-16-1 tanh network on the two-moons data (200 points, minibatches of 32), trained for one
short run while the rate grows exponentially from 0.001; the loss barely moves at first, falls fastest
near the marked rate, then explodes, and the test stops. Right: training from the same start for 300
steps with the suggested rate, ten times less and ten times more. Ten times less is slow; ten times
more never settles.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.datasets import two_moons
from concepts.learning_rate import SGD, classifier_objective, lr_range_test, train
from concepts.network import MLP
from sitebuild.figure_style import box, run, save

X, Y = two_moons(200, noise=0.15, rng=0)
SIZES, SEED, BATCH, STEPS = [2, 16, 16, 1], 1, 32, 300


def draw(theme):
    net = MLP(SIZES, "tanh", rng=SEED)
    test = lr_range_test(net.parameters(), classifier_objective(net, X, Y, BATCH, rng=0))
    best = test.suggested_lr
    cautious = lr_range_test(net.parameters(), classifier_objective(net, X, Y, BATCH, rng=0), rule="minimum")
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.4), layout="constrained")
    left.plot(test.lrs, test.losses, color=theme.muted, linewidth=1, label="loss of each step")
    left.plot(test.lrs, test.smoothed, color="C0", label="smoothed")
    left.axvline(best, color="C1", linewidth=1.2)
    left.axvline(cautious.suggested_lr, color="C2", linewidth=1.2, linestyle="--")
    left.text(cautious.suggested_lr * 0.85, 1.25, f"lowest ÷ 10:\n{cautious.suggested_lr:.2f}", color="C2", fontsize=8.5,
              ha="right", bbox=box(theme))
    left.annotate(f"suggested: {best:.2f}\n(steepest fall)", xy=(best, 0.45), xytext=(0.0015, 0.3), color="C1",
                  fontsize=9, arrowprops={"arrowstyle": "->", "color": "C1"}, bbox=box(theme))
    left.set(xscale="log", xlabel="learning rate (rising at every step)", ylabel="training loss",
             title=f"range test: {len(test.losses)} steps", ylim=(0, 2.0))
    left.legend(loc="upper left", fontsize=8.5)

    for i, (factor, label) in enumerate([(0.1, "÷ 10"), (1.0, "suggested"), (10.0, "× 10")]):
        net = MLP(SIZES, "tanh", rng=SEED)
        losses = train(net.parameters(), classifier_objective(net, X, Y, BATCH, rng=1), SGD(best * factor), STEPS)
        right.plot(np.arange(STEPS), losses, color=("C2", "C1", "C3")[i], linewidth=1.1,
                   label=f"lr = {best * factor:.3g} ({label})")
    right.set(yscale="log", xlabel="step", ylabel="minibatch loss", title="training with each rate",
              xlim=(0, STEPS), ylim=(1e-3, 1e3))
    right.legend(loc="upper left", fontsize=8.5)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_range_test")


if __name__ == "__main__":
    run(main)
