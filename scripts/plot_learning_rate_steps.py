"""Steps to converge against the learning rate: falls, bottoms out at 2/(μ + L), rises, diverges at 2/L.

Left: measured, the number of gradient-descent steps until the error on the bowl (x² + 10 y²) / 2 is a
millionth of what it was, for 500 rates. Larger rates help only up to 2/(μ + L); past it every step
overshoots more, the count rises again, and from 2/L on the run never converges. Right: why. Each
step multiplies the error along a direction of curvature c by 1 − lr·c; the slowest direction sets the
pace, and the worse of the two factors is smallest where they are equal, at 2/(μ + L), and reaches 1
at 2/L.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.learning_rate import Quadratic
from sitebuild.figure_style import box, run, save

BOWL = Quadratic([1.0, 10.0])
START = np.array([-4.0, 1.5])
TOL = 1e-6
RATES = np.round(np.linspace(0.005, 0.25, 491), 6)


def draw(theme):
    steps = BOWL.steps_to_converge(RATES, START, tol=TOL, max_steps=5000)
    best, edge = BOWL.optimal_lr, BOWL.max_stable_lr
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.4), layout="constrained", sharex=True)

    converged = np.isfinite(steps)
    left.plot(RATES[converged], steps[converged], color="C0", label="measured")
    predicted = np.log(TOL) / np.log(BOWL.contraction(RATES[RATES < edge]))
    left.plot(RATES[RATES < edge], predicted, color=theme.fg, linestyle=":", linewidth=1.4,
              label="bound from ρ(lr)")
    fewest = RATES[converged][np.argmin(steps[converged])]
    left.plot(fewest, steps[converged].min(), "o", color="C1", zorder=5)
    left.annotate(f"fewest: {steps[converged].min():.0f} steps\nat lr ≈ {fewest:.3f}", xy=(fewest, steps.min()),
                  xytext=(0.075, 26), color="C1", fontsize=9, arrowprops={"arrowstyle": "->", "color": "C1"},
                  bbox=box(theme))
    left.set(yscale="log", ylim=(20, 5000), xlabel="learning rate", ylabel="steps to converge",
             title="measured on the bowl (curvatures 1 and 10)")
    left.legend(loc="upper center", fontsize=8.5)
    left.text(0.225, 3800, "never\nconverges", color=theme.fg, ha="center", va="top", fontsize=9, bbox=box(theme))

    factors = np.abs(1 - RATES[:, None] * BOWL.curvatures)
    right.plot(RATES, factors[:, 0], color="C2", linestyle="--", linewidth=1.4)
    right.plot(RATES, factors[:, 1], color="C3", linestyle="--", linewidth=1.4)
    right.plot(RATES, BOWL.contraction(RATES), color="C0")
    right.text(0.012, 1.04, "ρ(lr): the worse of the two", color="C0", fontsize=9)
    right.text(0.127, 0.03, "|1 − lr·L|\nsteep way", color="C3", fontsize=9, ha="left", va="bottom")
    right.text(0.245, 0.68, "|1 − lr·μ|\nflat way", color="C2", fontsize=9, ha="right", va="top")
    right.axhline(1, color=theme.muted, linewidth=0.8)
    right.set(ylim=(0, 1.6), xlabel="learning rate", ylabel="error factor per step", title="why: ρ(lr)")

    for ax in (left, right):
        ax.axvspan(edge, RATES[-1], color=theme.muted, alpha=0.18, linewidth=0)
        ax.axvline(best, color="C1", linewidth=1)
        ax.axvline(edge, color=theme.fg, linewidth=1)
        ax.set_xlim(0, RATES[-1])
        ax.text(best - 0.003 if ax is left else best + 0.0025, 0.5 if ax is left else 0.25, "2/(μ+L)",
                transform=ax.get_xaxis_transform(), color="C1", rotation=90, ha="right" if ax is left else "left",
                va="center", fontsize=9)
    right.text(0.225, 1.5, "diverges\npast 2/L", color=theme.fg, ha="center", va="top", fontsize=9, bbox=box(theme))
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_steps")


if __name__ == "__main__":
    run(main)
