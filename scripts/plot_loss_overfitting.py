"""Training loss against held-out loss: zero is not the goal.

A network with two hidden layers of 48 tanh units fitted to 16 noisy points of sin(2x) by full-batch
gradient descent on MSE. Left, the loss on the 16 training points falls towards 0 for as long as
training runs, while the loss on 400 held-out points bottoms out early and then climbs: the network
is learning the noise. Even at its best the held-out loss stays above the noise variance 0.09, a floor
that no model can go below. Right, the fit at the best held-out step and at the end: the last one
passes through the training points, noise and all.
"""

from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.loss import mse_loss
from concepts.loss_practice import noisy_sine, train_curves
from concepts.network import MLP
from sitebuild.figure_style import box, run, save

NOISE, SIZES, STEPS = 0.3, [1, 48, 48, 1], 6000


@cache  # draw runs once per palette; train once
def experiment():
    train, held_out = noisy_sine(16, NOISE, rng=1), noisy_sine(400, NOISE, rng=2)
    record = np.unique(np.geomspace(1, STEPS, 90).round().astype(int))
    net = MLP(SIZES, "tanh", rng=0)
    curves = train_curves(net, train, held_out, steps=STEPS, record=record)
    return train, held_out, curves, net


def draw(theme):
    (x, y), (x_held, y_held), curves, trained = experiment()
    best = int(np.argmin(curves["held_out"]))
    best_step = int(curves["step"][best])
    floor = float(mse_loss(np.sin(2 * x_held), y_held))  # the noise alone: the true curve's held-out loss

    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.6), layout="constrained")
    left.loglog(curves["step"], curves["train"], color="C0", label="training loss (16 points)")
    left.loglog(curves["step"], curves["held_out"], color="C1", label="held-out loss (400 points)")
    left.axhline(floor, color=theme.muted, linestyle="--", linewidth=1.2)
    left.text(150, floor * 0.82, f"noise floor {floor:.3f}", color=theme.muted, va="top")
    left.plot([best_step], [curves["held_out"][best]], "o", color="C1", markersize=6, zorder=5)
    left.annotate(f"best held-out: {curves['held_out'][best]:.3f}\nat step {best_step}",
                  xy=(best_step, curves["held_out"][best]), xytext=(40, 0.6), bbox=box(theme),
                  arrowprops={"arrowstyle": "->", "color": theme.fg})
    left.set(title="loss during training", xlabel="gradient-descent step", ylabel="MSE", ylim=(2e-3, 3))
    left.legend(loc="lower left", fontsize=8.5)

    grid = np.linspace(-2, 2, 300)[:, None]
    right.plot(grid, np.sin(2 * grid), ":", color=theme.fg, linewidth=1.5, label="true curve sin(2x)")
    early = MLP(SIZES, "tanh", rng=0)  # the same start, stopped at the best held-out step
    train_curves(early, (x, y), (x_held, y_held), steps=best_step, record=[])
    right.plot(grid, early.forward(grid), color="C2", label=f"fit at step {best_step}")
    right.plot(grid, trained.forward(grid), color="C1", label=f"fit at step {STEPS}")
    right.scatter(x, y, s=26, color=theme.colors[0], edgecolor=theme.fg, linewidth=0.6, zorder=5,
                  label="training points")
    right.set(title="what the network learned", xlabel="x", ylabel="y", ylim=(-2.3, 2.9))
    right.legend(loc="upper left", fontsize=8, ncols=2)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_overfitting")


if __name__ == "__main__":
    run(main)
