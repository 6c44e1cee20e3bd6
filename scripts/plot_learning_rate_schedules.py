"""Learning-rate schedules over a run of 100 steps, with PyTorch's definitions.

Left, decay: StepLR divides the rate by 10 every 30 steps, ExponentialLR multiplies it by 0.96 at every
step, CosineAnnealingLR follows half a cosine down to 0. Right, warm-up: LinearLR starts at a tenth of
the rate and ramps up over 10 steps; OneCycleLR warms up for 30 steps to a peak ten times the usual
rate, then anneals to far below where it started, the schedule of super-convergence.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.learning_rate import cosine_annealing_lr, exponential_lr, linear_lr, one_cycle_lr, step_lr
from sitebuild.figure_style import box, run, save

LR0, TOTAL = 0.1, 100


def draw(theme):
    steps = np.arange(TOTAL)
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.3), layout="constrained")
    decays = [
        ("StepLR(step_size=30, gamma=0.1)", step_lr(LR0, steps, step_size=30), "-"),
        ("ExponentialLR(gamma=0.96)", exponential_lr(LR0, steps, gamma=0.96), "--"),
        (f"CosineAnnealingLR(T_max={TOTAL})", cosine_annealing_lr(LR0, steps, T_max=TOTAL), "-"),
    ]
    for i, (label, rates, style) in enumerate(decays):
        left.plot(steps, rates, color=f"C{i}", linestyle=style, label=label, drawstyle="steps-post" if i == 0 else None)
    left.set(xlabel="step", ylabel="learning rate", title=f"decay from lr = {LR0:g}", ylim=(0, 0.15), xlim=(0, TOTAL))
    left.legend(loc="upper right", fontsize=8)

    warm = linear_lr(LR0, steps, start_factor=0.1, total_iters=10)
    cycle = one_cycle_lr(10 * LR0, steps, total_steps=TOTAL)
    right.plot(steps, warm, color="C3", label="LinearLR(start_factor=0.1, total_iters=10)")
    right.plot(steps, cycle, color="C4", label=f"OneCycleLR(max_lr={10 * LR0:g}, total_steps={TOTAL})")
    peak = int(np.argmax(cycle))
    right.annotate(f"peak {cycle[peak]:g} at step {peak}:\n10× the usual rate", xy=(peak, cycle[peak]),
                   xytext=(55, 0.92), fontsize=8.5, color="C4", arrowprops={"arrowstyle": "->", "color": "C4"},
                   bbox=box(theme))
    right.annotate(f"ends at {cycle[-1]:.0e}", xy=(TOTAL - 1, cycle[-1]), xytext=(68, 0.3), fontsize=8.5,
                   color="C4", arrowprops={"arrowstyle": "->", "color": "C4"}, bbox=box(theme))
    right.set(xlabel="step", title=f"warm-up (LinearLR up to lr = {LR0:g})", ylim=(0, 1.4), xlim=(0, TOTAL))
    right.legend(loc="upper right", fontsize=8)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "learning_rate_schedules")


if __name__ == "__main__":
    run(main)
