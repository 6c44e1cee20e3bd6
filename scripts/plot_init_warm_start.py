"""Starting from a trained network: a related task is learned in fewer steps.

Left: the old task, two moons (grey), and the new one, the same moons turned by 30° (coloured). Right:
the training loss on the new task, for three networks started from scratch (Xavier) and three started
from networks trained on the old task. The warm starts begin worse, confidently wrong about the turned
points, and yet reach a loss of 0.05 in about a tenth of the steps: most of what they learned still
applies.
"""

from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.init_experiments import steps_to_reach, warm_start
from sitebuild.figure_style import run, save, scatter_classes

TARGET = 0.05


@cache
def result():
    """Computed once, drawn in both palettes."""
    return warm_start(angle=30.0, rng=0)


def draw(theme):
    res = result()
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.3), layout="constrained",
                                      gridspec_kw={"width_ratios": [1, 1.25]})
    old_x, _ = res.old_task
    left.scatter(old_x[:, 0], old_x[:, 1], s=12, color=theme.muted, alpha=0.6, label="old task", zorder=2)
    scatter_classes(left, *res.new_task, theme, size=16)
    left.set(title="old task and new task (turned 30°)", aspect="equal", xticks=[], yticks=[])
    left.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=3, fontsize=8, frameon=False,
                columnspacing=0.8, handletextpad=0.2)
    steps = np.arange(res.scratch.shape[1])
    for name, losses, colour in (("from scratch", res.scratch, "C0"), ("warm start", res.warm, "C1")):
        reached = [steps_to_reach(run_, TARGET) for run_ in losses]
        for i, run_ in enumerate(losses):
            right.plot(steps, run_, color=colour, linewidth=1.6,
                       label=f"{name}: {', '.join(map(str, reached))} steps" if i == 0 else None)
    right.axhline(TARGET, color=theme.muted, linestyle=":", linewidth=1)
    right.text(steps[-1], TARGET * 1.15, f"loss {TARGET:g}", color=theme.muted, ha="right", va="bottom", fontsize=8.5)
    right.set(title="learning the new task", xlabel="step", ylabel="training loss", yscale="log",
              ylim=(2e-3, 5))
    right.legend(loc="upper right", fontsize=8.5, title=f"steps to loss {TARGET:g}", title_fontsize=8.5)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "init_warm_start")


if __name__ == "__main__":
    run(main)
