"""Steps to converge against the learning rate: falls, bottoms out at 2/(μ + L), rises, diverges at 2/L.

Left (on a phone, top): measured, the number of gradient-descent steps until the error on the bowl
(x² + 10 y²) / 2 is a millionth of what it was, for several hundred rates, with the bound the theory
gives. Larger rates help only up to 2/(μ + L); past it every step overshoots more, the count rises
again, and from 2/L on the run never converges. Right (bottom): why. Each step multiplies the error
along a direction of curvature c by 1 − lr·c; the slowest direction sets the pace, and the worse of the
two factors is smallest where they are equal, at 2/(μ + L), and reaches 1 at 2/L.

Conclusion: the best rate balances the flat and the steep direction, and it sits just below the rate
where training diverges.
"""

# %%
from functools import cache
from pathlib import Path

import numpy as np

from concepts.learning_rate import Quadratic
from sitebuild.figure_style import box, callout, run, save, save_values

BOWL = Quadratic([1.0, 10.0])
START = np.array([-4.0, 1.5])
TOL = 1e-6
RATES = np.round(np.linspace(0.005, 0.25, 491), 6)
BEST, EDGE = BOWL.optimal_lr, BOWL.max_stable_lr


def mark_rates(ax, theme, label_height):
    """The diverging range shaded, 2/(μ+L) and 2/L as vertical lines, 2/(μ+L) named along its line."""
    ax.axvspan(EDGE, RATES[-1], color=theme.muted, alpha=0.18, linewidth=0)
    ax.axvline(BEST, color="C1", linewidth=1)
    ax.axvline(EDGE, color=theme.fg, linewidth=1)
    ax.annotate(
        "2/(μ+L)",
        xy=(BEST, label_height),
        xycoords=ax.get_xaxis_transform(),
        xytext=(-3, 0),
        textcoords="offset points",
        color="C1",
        rotation=90,
        ha="right",
        va="center",
        fontsize=9,
    )
    ax.set_xlim(0, RATES[-1])


def label_diverging_range(ax, theme, text, layout):
    """A boxed label at the top of the shaded range, past 2/L."""
    ax.text(
        (EDGE + RATES[-1]) / 2,
        0.97,
        text,
        transform=ax.get_xaxis_transform(),
        color=theme.fg,
        ha="center",
        va="top",
        fontsize=8.5 if layout.narrow else 9,
        bbox=box(theme),
    )


# %% [markdown]
# Left panel: the measured number of steps for every rate, the bound from ρ(lr), and the fewest.
# %%
@cache
def measured() -> np.ndarray:
    """The steps gradient descent takes at each rate to cut the error by TOL (inf: it never does)."""
    return BOWL.steps_to_converge(RATES, START, tol=TOL, max_steps=5000)


def fewest_at(steps: np.ndarray) -> int:
    """The index of the rate that converges in the fewest steps (the first, of a tie)."""
    return int(np.argmin(np.where(np.isfinite(steps), steps, np.inf)))


def draw_measured(ax, theme, layout):
    steps = measured()
    converged = np.isfinite(steps)
    ax.plot(RATES[converged], steps[converged], color="C0", label="measured")
    stable = RATES < EDGE
    ax.plot(
        RATES[stable],
        np.log(TOL) / np.log(BOWL.contraction(RATES[stable])),
        color=theme.fg,
        linestyle=":",
        linewidth=1.4,
        label="bound from ρ(lr)",
    )
    fewest = fewest_at(steps)
    ax.plot(RATES[fewest], steps[fewest], "o", color="C1", zorder=5)
    callout(
        ax,
        f"fewest: {steps[fewest]:.0f} steps\nat lr ≈ {RATES[fewest]:.3f}",
        (RATES[fewest], steps[fewest]),
        theme,
        offset=(-72, -14),
        color="C1",
        fontsize=9,
    )
    title = "measured (curvatures 1 and 10)" if layout.narrow else "measured on the bowl (curvatures 1 and 10)"
    ax.set(
        yscale="log",
        ylim=(20, 2e4),
        xlabel=None if layout.narrow else "learning rate",
        ylabel="steps to converge",
        title=title,
    )
    ax.legend(loc="upper center", fontsize=8.5)
    mark_rates(ax, theme, label_height=0.5)
    label_diverging_range(ax, theme, "never\nconverges", layout)


# %% [markdown]
# Right panel: the error factor per step along each direction, and the worse of the two, ρ(lr).
# %%
def draw_factors(ax, theme, layout):
    flat, steep = np.abs(1 - RATES[:, None] * BOWL.curvatures).T
    rho = BOWL.contraction(RATES)
    ax.plot(RATES, flat, color="C2", linestyle="--", linewidth=1.4)
    ax.plot(RATES, steep, color="C3", linestyle="--", linewidth=1.4)
    ax.plot(RATES, rho, color="C0")
    ax.annotate(
        "ρ(lr): the worse of the two",
        xy=(RATES[0], rho[0]),
        xytext=(4, 5),
        textcoords="offset points",
        color="C0",
        fontsize=9,
        ha="left",
        va="bottom",
    )
    ax.annotate(
        "|1 − lr·L|\nsteep way",
        xy=(1 / BOWL.L, 0),
        xytext=(-28, 2),
        textcoords="offset points",
        color="C3",
        fontsize=9,
        ha="right",
        va="bottom",
    )  # under the left arm of the V it draws
    ax.annotate(
        "|1 − lr·μ|\nflat way",
        xy=(RATES[-1], flat[-1]),
        xytext=(-2, -8),
        textcoords="offset points",
        color="C2",
        fontsize=9,
        ha="right",
        va="top",
        bbox=box(theme),
    )  # under the end of its line
    ax.axhline(1, color=theme.muted, linewidth=0.8)
    ax.set(ylim=(0, 1.9), xlabel="learning rate", ylabel="error factor per step", title="why: ρ(lr)")
    mark_rates(ax, theme, label_height=0.25)
    label_diverging_range(ax, theme, "diverges\npast 2/L", layout)


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.4), narrow_height=2.8, sharex=True)
    draw_measured(left, theme, layout)
    draw_factors(right, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text: the rates tried, the count of steps at
# the smallest rate and at the fastest, the two rates of the theory, and the steep curvature.
# %%
def numbers() -> dict:
    steps = measured()
    fewest = fewest_at(steps)
    return {
        "rates": len(RATES),
        "first_lr": float(RATES[0]),
        "last_lr": float(RATES[-1]),
        "first_steps": int(steps[0]),
        "fewest_steps": int(steps[fewest]),
        "fewest_lr": float(RATES[fewest]),
        "optimal_lr": BEST,
        "max_stable_lr": EDGE,
        "steep_curvature": BOWL.L,
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_steps") + save_values(numbers(), out_dir / "learning_rate_steps")


if __name__ == "__main__":
    run(main, draw)
