"""The same regression in two units: which learning rates work is set by the curvature, not by (0, 1).

A price-per-area fit, price ≈ w · area, by gradient descent on the mean squared error, for 100 houses.
Left, the area in square metres: the loss curves by about 2·10⁴ per unit of w, so every rate above
2/L ≈ 8·10⁻⁵ diverges, 0.01 included. Right, the same data with the area in thousands of square
metres: the curvature is a million times smaller, rates up to 2/L ≈ 84 converge, 5 works, and 0.01
barely moves.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.learning_rate import Quadratic, gradient_descent
from sitebuild.figure_style import box, run, save

RNG = np.random.default_rng(0)
AREA = RNG.uniform(50, 150, 100)  # square metres
PRICE = 3.0 * AREA + RNG.normal(0, 20, 100)  # thousands: about 3000 per square metre
STEPS = 100
PANELS = [("area in m²", 1.0, [(0.01, "diverges", "C1"), (5e-5, "converges", "C0")]),
          ("area in 1000 m²", 1000.0, [(5.0, "converges", "C0"), (0.01, "crawls", "C2")])]


def draw(theme):
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.3), layout="constrained", sharey=True)
    for ax, (title, per, rates) in zip(axes, PANELS):
        bowl = Quadratic.least_squares(AREA[:, None] / per, PRICE)
        for lr, verdict, color in rates:
            losses = bowl(gradient_descent(bowl.grad, [0.0], lr, STEPS))
            shown = np.where(losses < 1e30, losses, np.nan)  # far off the chart anyway
            ax.plot(np.arange(STEPS + 1), shown, color=color, label=f"lr = {lr:g}: {verdict}")
        ax.set(ylim=(1e-8, 1e12), yscale="log", xlim=(0, STEPS), xlabel="step", title=title)
        ax.legend(loc="upper right", fontsize=8.5)
        ax.text(0.03, 0.04, f"curvature L = {bowl.L:.3g}\nconverges iff lr < 2/L = {bowl.max_stable_lr:.2g}",
                transform=ax.transAxes, fontsize=8.5, va="bottom", bbox=box(theme))
    axes[0].set_ylabel("MSE above the best fit")
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_units")


if __name__ == "__main__":
    run(main)
