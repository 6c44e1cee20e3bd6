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
from sitebuild.figure_style import callout, run, save, save_values

LR0, TOTAL = 0.1, 100
STEPS = np.arange(TOTAL)
STEP_SIZE, STEP_GAMMA = 30, 0.1  # StepLR: the rate times STEP_GAMMA every STEP_SIZE steps
EXP_GAMMA = 0.96  # ExponentialLR: the rate times EXP_GAMMA at every step
WARM_FACTOR, WARM_ITERS = 0.1, 10  # LinearLR: from WARM_FACTOR times the rate, over WARM_ITERS steps
PEAK_FACTOR = 10  # OneCycleLR: its peak, max_lr, as a multiple of LR0


# %% [markdown]
# The five schedules of the figure, each the rate at every step of the run.
# %%
def schedules() -> dict[str, np.ndarray]:
    return {
        "step": step_lr(LR0, STEPS, step_size=STEP_SIZE, gamma=STEP_GAMMA),
        "exponential": exponential_lr(LR0, STEPS, gamma=EXP_GAMMA),
        "cosine": cosine_annealing_lr(LR0, STEPS, T_max=TOTAL),
        "linear": linear_lr(LR0, STEPS, start_factor=WARM_FACTOR, total_iters=WARM_ITERS),
        "one_cycle": one_cycle_lr(PEAK_FACTOR * LR0, STEPS, total_steps=TOTAL),
    }


# %% [markdown]
# Left panel: three ways to decay the rate from LR0 over the run.
# %%
def draw_decay(ax, theme, layout):
    rates = schedules()
    decays = [
        (f"StepLR(step_size={STEP_SIZE}, gamma={STEP_GAMMA:g})", rates["step"], "-"),
        (f"ExponentialLR(gamma={EXP_GAMMA:g})", rates["exponential"], "--"),
        (f"CosineAnnealingLR(T_max={TOTAL})", rates["cosine"], "-"),
    ]
    for i, (label, rates, style) in enumerate(decays):
        ax.plot(STEPS, rates, color=f"C{i}", linestyle=style, label=label, drawstyle="steps-post" if i == 0 else None)
    ax.set(xlabel="step", ylabel="learning rate", title=f"decay from lr = {LR0:g}", ylim=(0, 0.15), xlim=(0, TOTAL))
    ax.legend(loc="upper right", fontsize=8)  # above the curves: the room the upper limit leaves


# %% [markdown]
# Right panel: two warm-ups; OneCycleLR's peak and its end are pointed out.
# %%
def draw_warm_up(ax, theme, layout):
    rates = schedules()
    warm, cycle = rates["linear"], rates["one_cycle"]
    ax.plot(STEPS, warm, color="C3", label=f"LinearLR(start_factor={WARM_FACTOR:g}, total_iters={WARM_ITERS})")
    ax.plot(STEPS, cycle, color="C4", label=f"OneCycleLR(max_lr={PEAK_FACTOR * LR0:g}, total_steps={TOTAL})")
    peak = int(np.argmax(cycle))
    callout(
        ax,
        f"peak {cycle[peak]:g} at step {peak}:\n{PEAK_FACTOR}× the usual rate",
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


# %% [markdown]
# The numbers the page states about the figure, in its alt text: the settings of each schedule and the
# rates they reach, read off the schedules themselves.
# %%
def numbers() -> dict:
    rates = schedules()
    cycle = rates["one_cycle"]
    peak = int(np.argmax(cycle))
    return {
        "lr0": LR0,
        "steps": TOTAL,
        "step_size": STEP_SIZE,
        "first_drop": float(rates["step"][STEP_SIZE]),
        "second_drop_step": 2 * STEP_SIZE,
        "second_drop": float(rates["step"][2 * STEP_SIZE]),
        "exp_gamma": EXP_GAMMA,
        "exp_last": float(rates["exponential"][-1]),
        "warm_start": float(rates["linear"][0]),
        "warm_end": float(rates["linear"][WARM_ITERS]),
        "warm_iters": WARM_ITERS,
        "cycle_first": float(cycle[0]),
        "cycle_peak": float(cycle[peak]),
        "peak_factor": PEAK_FACTOR,
        "peak_step": peak,
        "cycle_last": float(cycle[-1]),
        "last_step": int(STEPS[-1]),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_schedules") + save_values(numbers(), out_dir / "learning_rate_schedules")


if __name__ == "__main__":
    run(main, draw)
