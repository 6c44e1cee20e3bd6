"""Learning-rate schedules over a run of 100 steps, with PyTorch's definitions.

Left (on a phone, top), decay: StepLR divides the rate by 10 every 30 steps, ExponentialLR multiplies it
by 0.96 at every step, CosineAnnealingLR follows half a cosine down to 0. Right (bottom), warm-up:
LinearLR starts at a tenth of the rate and ramps up over 10 steps; OneCycleLR warms up to a peak ten
times the usual rate, then anneals to far below where it started, the schedule of super-convergence.

Conclusion: a schedule is just the rate as a function of the step: large early to make progress,
small late to settle, and sometimes a warm-up first.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.learning_rate import cosine_annealing_lr, exponential_lr, linear_lr, one_cycle_lr, step_lr
from sitebuild.figure_style import callout, run, save

LR0, TOTAL = 0.1, 100
STEPS = np.arange(TOTAL)


# %% [markdown]
# Left panel: three ways to decay the rate from LR0 over the run.
# %%
def draw_decay(ax, theme, layout):
    decays = [
        ("StepLR(step_size=30, gamma=0.1)", step_lr(LR0, STEPS, step_size=30), "-"),
        ("ExponentialLR(gamma=0.96)", exponential_lr(LR0, STEPS, gamma=0.96), "--"),
        (f"CosineAnnealingLR(T_max={TOTAL})", cosine_annealing_lr(LR0, STEPS, T_max=TOTAL), "-"),
    ]
    for i, (label, rates, style) in enumerate(decays):
        ax.plot(STEPS, rates, color=f"C{i}", linestyle=style, label=label, drawstyle="steps-post" if i == 0 else None)
    ax.set(xlabel="step", ylabel="learning rate", title=f"decay from lr = {LR0:g}", ylim=(0, 0.15), xlim=(0, TOTAL))
    ax.legend(loc="upper right", fontsize=8)  # above the curves: the room the upper limit leaves


# %% [markdown]
# Right panel: two warm-ups; OneCycleLR's peak and its end are pointed out.
# %%
def draw_warm_up(ax, theme, layout):
    warm = linear_lr(LR0, STEPS, start_factor=0.1, total_iters=10)
    cycle = one_cycle_lr(10 * LR0, STEPS, total_steps=TOTAL)
    ax.plot(STEPS, warm, color="C3", label="LinearLR(start_factor=0.1, total_iters=10)")
    ax.plot(STEPS, cycle, color="C4", label=f"OneCycleLR(max_lr={10 * LR0:g}, total_steps={TOTAL})")
    peak = int(np.argmax(cycle))
    callout(
        ax,
        f"peak {cycle[peak]:g} at step {peak}:\n10× the usual rate",
        (peak, cycle[peak]),
        theme,
        offset=(45, 2),
        ha="left",
        fontsize=8.5,
        color="C4",
    )
    callout(
        ax,
        f"ends at {cycle[-1]:.0e}",
        (TOTAL - 1, cycle[-1]),
        theme,
        offset=(-5, 60),
        ha="right",
        fontsize=8.5,
        color="C4",
    )  # above the tail, right of the falling curve
    ax.set(
        xlabel="step",
        ylabel="learning rate" if layout.narrow else None,
        title=f"warm-up (LinearLR up to lr = {LR0:g})",
        ylim=(0, 1.2 if layout.narrow else 1.4),
        xlim=(0, TOTAL),
    )
    if layout.narrow:  # the long names are wider than the panel: under it, at the foot of the figure
        ax.figure.legend(*ax.get_legend_handles_labels(), loc="outside lower center", fontsize=8, frameon=False)
    else:
        ax.legend(loc="upper right", fontsize=8)


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.8)
    draw_decay(left, theme, layout)
    draw_warm_up(right, theme, layout)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_schedules")


if __name__ == "__main__":
    run(main, draw)
