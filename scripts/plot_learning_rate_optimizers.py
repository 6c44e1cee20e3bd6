"""Plain gradient descent, momentum and Adam in a long narrow valley.

The bowl (x² + 50 y²) / 2 is fifty times steeper across than along. Plain gradient descent, even at
its best fixed rate 2/(μ + L), must keep its steps small for the steep direction and so crawls along
the flat one. Momentum with the same rate adds up the steps that keep pointing the same way, along
the valley, and gets there far sooner. Adam divides each coordinate's step by the size of its recent
gradients, so both coordinates move at about the same speed, lr per step, whatever their slope.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.learning_rate import SGD, Adam, Quadratic, optimize
from sitebuild.figure_style import run, save

BOWL = Quadratic([1.0, 50.0])
START = np.array([-7.0, 2.0])
STEPS = 100
LR = 1 / BOWL.L
XLIM, YLIM = (-7.6, 2.4), (-2.6, 2.6)


def optimizers():
    return [
        (f"gradient descent, lr = 1/L = {LR:g}", SGD(LR)),
        ("momentum 0.9, same lr", SGD(LR, momentum=0.9)),
        ("Adam, lr = 0.3", Adam(0.3)),
    ]


def draw(theme):
    fig, axes = plt.subplot_mosaic([["path", "loss"]], figsize=(7.2, 3.3), layout="constrained",
                                   width_ratios=[1.9, 1.0])
    path_ax, loss_ax = axes["path"], axes["loss"]
    X, Y, Z = BOWL.surface(XLIM, YLIM, points=161)
    path_ax.contour(X, Y, Z, levels=BOWL(START) * np.geomspace(1e-3, 3, 10), colors=theme.muted, linewidths=0.6)
    for i, (label, optimizer) in enumerate(optimizers()):
        path = optimize(optimizer, BOWL.grad, START, STEPS)
        path_ax.plot(path[:41, 0], path[:41, 1], "-o", color=f"C{i}", markersize=2.2, linewidth=1.1, label=label)
        loss_ax.plot(np.arange(STEPS + 1), BOWL(path), color=f"C{i}", linewidth=1.5)
    path_ax.plot(*START, "o", color=theme.fg, markersize=4)
    path_ax.plot(0, 0, "*", color=theme.fg, markersize=9)
    path_ax.set(xlim=XLIM, ylim=YLIM, aspect="equal", xlabel="x", ylabel="y", title="the first 40 steps on (x² + 50 y²) / 2")
    fig.legend(*path_ax.get_legend_handles_labels(), loc="outside lower center", ncols=3, frameon=False, fontsize=8.5)
    loss_ax.set(yscale="log", xlabel="step", ylabel="loss", title="loss", xlim=(0, STEPS))
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_optimizers")


if __name__ == "__main__":
    run(main)
