"""Computing cross-entropy: the textbook formula against the stable one.

Two classes with logits (z, 0), for z from 1 to 10,000. Left, the model is right (the target is class
0): the loss log(1 + e^−z) falls towards 0, and the textbook −log(e^z / (e^z + 1)) agrees until e^z
overflows the largest float64; from there it computes inf / inf and returns NaN, which would poison the
mean and every weight after one update. Right, the model is wrong (the target is class 1): the loss is
about z; the textbook formula returns infinity past the same point, the stable `cross_entropy` stays
exact.

Conclusion: compute cross-entropy from the logits with the log-sum-exp form (`cross_entropy`), never by
taking the log of a softmax computed first.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.loss import cross_entropy, naive_cross_entropy
from sitebuild.figure_style import callout, run, save, save_values

OVERFLOW = float(np.log(np.finfo(np.float64).max))  # exp(z) is inf for z above this
Z = np.geomspace(1, 1e4, 400)
DOTS = slice(None, None, 8)  # every 8th point, so the line under the dots stays visible


# %% [markdown]
# Both ways of computing the loss of logits (z, 0) for one target class.
# %%
def losses(z: np.ndarray, target: int) -> tuple[np.ndarray, np.ndarray]:
    logits = np.column_stack([z, np.zeros_like(z)])
    classes = np.full(len(z), target)
    return cross_entropy(logits, classes, reduction="none"), naive_cross_entropy(logits, classes)


def failures(bad: np.ndarray) -> np.ndarray:
    """Where the textbook formula has no number to draw: crosses from its first failure to the end."""
    return np.geomspace(Z[bad][0], Z[-1], 7)


# %% [markdown]
# Left panel: the right answer; the textbook formula agrees, then returns NaN.
# %%
def draw_right_answer(ax, theme, layout):
    stable, naive = losses(Z, 0)
    bad = np.isnan(naive)
    ax.semilogx(Z, stable, color="C0", label="stable  cross_entropy")
    ax.semilogx(Z[~bad][DOTS], naive[~bad][DOTS], "o", color="C1", markersize=3, label="textbook formula")
    level = 0.5  # NaN has no height: the crosses mark where it happens, halfway up
    ax.plot(failures(bad), np.full(7, level), "x", color="C1", markersize=6)
    callout(
        ax,
        f"NaN for z > {OVERFLOW:.1f}",
        (float(Z[bad][0]), level),
        theme,
        offset=(-25, 48) if layout.narrow else (-70, 40),
        color="C1",
    )  # on a phone, clear of the legend
    ax.set(title="right answer: logits (z, 0), class 0", xlabel="logit z", ylabel="loss", ylim=(-0.03, 1.05))
    ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.45))  # between the falling curve and the NaN label


# %% [markdown]
# Right panel: the wrong answer; the textbook formula returns infinity, the stable one stays exact.
# %%
def draw_wrong_answer(ax, theme, layout):
    stable, naive = losses(Z, 1)
    bad = ~np.isfinite(naive)
    ax.loglog(Z, stable, color="C0")
    ax.loglog(Z[~bad][DOTS], naive[~bad][DOTS], "o", color="C1", markersize=3)
    level = float(Z[-1])  # infinity drawn at the top edge
    ax.plot(failures(bad), np.full(7, level), "x", color="C1", markersize=6, clip_on=False)
    callout(ax, f"inf for z > {OVERFLOW:.1f}", (float(Z[bad][0]), level), theme, offset=(-70, -30), color="C1")
    callout(
        ax,
        f"{float(stable[-1]):g} at z = 10⁴,\nexactly",
        (float(Z[-1]), float(stable[-1])),
        theme,
        offset=(-45, -85) if layout.narrow else (-42, -110),
        color="C0",
    )  # below the curve
    ax.set(
        title="wrong answer: logits (z, 0), class 1",
        xlabel="logit z",
        ylabel="loss" if layout.narrow else None,
        ylim=(0.5, 1.2e4),
    )


# %%
def draw(theme, layout):
    # on a phone the panels are stacked: each keeps its own x tick labels
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.6), narrow_height=2.9, sharex=not layout.narrow)
    draw_right_answer(left, theme, layout)
    draw_wrong_answer(right, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure: where e^z overflows, and the stable loss of the wrong
# answer at the largest logit drawn.
# %%
def numbers() -> dict:
    stable, _ = losses(Z, 1)
    return {"overflow": OVERFLOW, "largest_logit": float(Z[-1]), "largest_loss": float(stable[-1])}


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_stability") + save_values(numbers(), out_dir / "loss_stability")


if __name__ == "__main__":
    run(main, draw)
