"""The same regression in two units: which learning rates work is set by the curvature, not by (0, 1).

A price-per-area fit, price ≈ w · area, by gradient descent on the mean squared error, for 100 houses.
Left (on a phone, top), the area in square metres: the loss curves steeply in w, its stability limit 2/L
is far below 0.01, so 0.01 diverges at once while a rate under the limit converges. Right (bottom), the
same data with the area in thousands of square metres: the curvature is a million times smaller, the
limit far above 1, a rate of 5 converges and 0.01 barely moves. Each panel's box gives its curvature L
and limit 2/L.

Conclusion: a learning rate only means something relative to the curvature of the loss; rescale the
inputs and the rates that work change by the same factor.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.learning_rate import Quadratic, gradient_descent
from sitebuild.figure_style import box, run, save, save_values

RNG = np.random.default_rng(0)
AREA = RNG.uniform(50, 150, 100)  # square metres
PRICE = 3.0 * AREA + RNG.normal(0, 20, 100)  # thousands: about 3000 per square metre
STEPS = 100
YLIM = (1e-8, 1e12)  # the loss axis: a run that leaves it at the top has blown up, at the bottom converged
PANELS = [  # title, metres per unit of area, (rate, verdict, colour), corner of the panel left empty by the lines
    ("area in m²", 1.0, [(0.01, "diverges", "C1"), (5e-5, "converges", "C0")], "right"),
    ("area in 1000 m²", 1000.0, [(5.0, "converges", "C0"), (0.01, "crawls", "C2")], "left"),
]


# %% [markdown]
# The least-squares loss with the area in units of `per` square metres, and gradient descent on it.
# %%
def fit(per: float) -> Quadratic:
    return Quadratic.least_squares(AREA[:, None] / per, PRICE)


def run_losses(per: float, lr: float) -> np.ndarray:
    """The loss above the best fit at every step, the start included (inf once a run has overflowed)."""
    bowl = fit(per)
    return bowl(gradient_descent(bowl.grad, [0.0], lr, STEPS))


# %% [markdown]
# One panel per unit: the loss of gradient descent at each rate, and the curvature that decides it.
# %%
def draw_unit(ax, theme, layout, title, per, rates, corner):
    bowl = fit(per)
    for lr, verdict, color in rates:
        losses = run_losses(per, lr)
        shown = np.where(losses < 1e30, losses, np.nan)  # far off the chart anyway
        ax.plot(np.arange(STEPS + 1), shown, color=color, label=f"lr = {lr:g}: {verdict}")
    ax.set(ylim=YLIM, yscale="log", xlim=(0, STEPS), xlabel="step", title=title)
    ax.legend(loc="upper right", fontsize=8.5)
    ax.text(
        0.97 if corner == "right" else 0.03,
        0.04,
        f"curvature L = {bowl.L:.3g}\nconverges iff lr < 2/L = {bowl.max_stable_lr:.2g}",
        transform=ax.transAxes,
        fontsize=8.5,
        ha=corner,
        va="bottom",
        multialignment="left",
        bbox=box(theme),
    )


# %%
def draw(theme, layout):
    fig, axes = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.7, sharey=True)
    for ax, panel in zip(axes, PANELS):
        draw_unit(ax, theme, layout, *panel)
    for ax in axes if layout.narrow else axes[:1]:
        ax.set_ylabel("MSE above the best fit")
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and the misconception it illustrates:
# each panel's curvature, limit 2/L and rates, the step at which each run in metres leaves the chart
# (at the top: blown up; at the bottom: converged), and how far each run in thousands lowers the loss.
# %%
def numbers() -> dict:
    (_, metres, metre_rates, _), (_, thousands, thousand_rates, _) = PANELS
    (m_fast, *_), (m_slow, *_) = metre_rates
    (k_fast, *_), (k_slow, *_) = thousand_rates
    blown_up = np.argmax(run_losses(metres, m_fast) > YLIM[1])
    converged = np.argmax(run_losses(metres, m_slow) < YLIM[0])
    fast, slow = run_losses(thousands, k_fast), run_losses(thousands, k_slow)
    return {
        "steps": STEPS,
        "metres_curvature": fit(metres).L,
        "metres_max_stable_lr": fit(metres).max_stable_lr,
        "metres_fast_lr": m_fast,
        "metres_slow_lr": m_slow,
        "metres_blown_up_step": int(blown_up),
        "metres_converged_step": int(converged),
        "thousands_curvature": fit(thousands).L,
        "thousands_max_stable_lr": fit(thousands).max_stable_lr,
        "thousands_fast_lr": k_fast,
        "thousands_slow_lr": k_slow,
        "thousands_fast_factor": float(fast[0] / fast[-1]),
        "thousands_slow_drop": float(1 - slow[-1] / slow[0]),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_units") + save_values(numbers(), out_dir / "learning_rate_units")


if __name__ == "__main__":
    run(main, draw)
