"""Starting from a trained network: a related task is learned in fewer steps.

The old task, two moons (grey), and the new one, the same moons turned by 30° (coloured). Then the
training loss on the new task, for three networks started from scratch (Xavier) and three started from
networks trained on the old task, with the steps each needs to reach a low loss. The warm starts begin
worse, confidently wrong about the turned points, and yet get there in a fraction of the steps.

Conclusion: most of what a network learned on the old task still applies to a related one, so starting
from it saves most of the work.
"""

# %%
import inspect
from functools import cache
from pathlib import Path

import numpy as np

from concepts.initialization import steps_to_reach, warm_start
from sitebuild.figure_style import run, save, save_values, scatter_classes

ANGLE = 30.0  # degrees the new task is turned by
TARGET = 0.05  # the loss whose first step each run reports


@cache
def result():
    """Computed once, drawn in every variant."""
    return warm_start(angle=ANGLE, rng=0)


# %% [markdown]
# The two tasks: the old moons in grey, the turned ones by class.
# %%
def draw_tasks(ax, res, theme, layout):
    old_x, _ = res.old_task
    ax.scatter(old_x[:, 0], old_x[:, 1], s=12, color=theme.muted, alpha=0.6, label="old task", zorder=2)
    scatter_classes(ax, *res.new_task, theme, size=16)
    ax.set(title=f"old task and new task (turned {ANGLE:g}°)", aspect="equal", xticks=[], yticks=[])
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=3,
        fontsize=8.5 if layout.narrow else 8,
        frameon=False,
        columnspacing=0.8,
        handletextpad=0.2,
    )


# %% [markdown]
# The loss on the new task, from scratch and from the network trained on the old one.
# %%
def draw_losses(ax, res, theme, layout):
    steps = np.arange(res.scratch.shape[1])
    for name, losses, colour in (("from scratch", res.scratch, "C0"), ("warm start", res.warm, "C1")):
        reached = [steps_to_reach(run_, TARGET) for run_ in losses]
        for i, run_ in enumerate(losses):
            ax.plot(
                steps,
                run_,
                color=colour,
                linewidth=1.6,
                label=f"{name}: {', '.join(map(str, reached))}" if i == 0 else None,
            )
    ax.axhline(TARGET, color=theme.muted, linestyle=":", linewidth=1)
    ax.text(steps[-1], TARGET * 1.15, f"loss {TARGET:g}", color=theme.muted, ha="right", va="bottom", fontsize=8.5)
    ax.set(
        title="learning the new task",
        xlabel="step",
        ylabel="training loss",
        yscale="log",
        ylim=(2e-3, 12 if layout.narrow else 5),
    )
    ax.legend(loc="upper right", fontsize=8.5, title=f"steps to loss {TARGET:g}", title_fontsize=8.5)


# %%
def draw(theme, layout):
    res = result()
    ratios = {"height_ratios" if layout.narrow else "width_ratios": [1, 1.25]}
    fig, (tasks, losses) = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.8, gridspec_kw=ratios)
    draw_tasks(tasks, res, theme, layout)
    draw_losses(losses, res, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and the prose after it: the turn, the
# target loss, the fewest and most steps each kind of start needs to reach it, and the steps of training
# on the old task that the comparison leaves out (`warm_start`'s own, as `result` leaves it be).
# %%
def numbers() -> dict:
    res = result()
    scratch, warm = ([steps_to_reach(run_, TARGET) for run_ in runs] for runs in (res.scratch, res.warm))
    assert None not in scratch + warm  # every run reaches the target
    assert res.warm[:, 0].min() > res.scratch[:, 0].max()  # and the warm starts begin worse, as the page says
    return {
        "angle": ANGLE,
        "target": TARGET,
        "scratch_fewest": min(scratch),
        "scratch_most": max(scratch),
        "warm_fewest": min(warm),
        "warm_most": max(warm),
        "pretrain_steps": inspect.signature(warm_start).parameters["pretrain_steps"].default,
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_warm_start"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
