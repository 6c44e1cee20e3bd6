"""Computing cross-entropy: the textbook formula against the stable one.

Two classes with logits (z, 0), for z from 1 to 10,000. Left, the model is right (the target is class
0): the loss log(1 + e^−z) falls towards 0, and the textbook −log(e^z / (e^z + 1)) agrees until e^z
overflows at z ≈ 709.8; from there it computes inf / inf and returns NaN, which would poison the mean
and every weight after one update. Right, the model is wrong (the target is class 1): the loss is about
z; the textbook formula returns infinity past the same point, the stable `cross_entropy` stays exact.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.loss import cross_entropy, naive_cross_entropy
from sitebuild.figure_style import box, run, save

OVERFLOW = float(np.log(np.finfo(np.float64).max))  # exp(z) is inf for z above this, about 709.78


def losses(z: np.ndarray, target: int) -> tuple[np.ndarray, np.ndarray]:
    logits = np.column_stack([z, np.zeros_like(z)])
    classes = np.full(len(z), target)
    return cross_entropy(logits, classes, reduction="none"), naive_cross_entropy(logits, classes)


def draw(theme):
    z = np.geomspace(1, 1e4, 400)
    dots = slice(None, None, 8)  # every 8th point, so the line under the dots stays visible
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.6), layout="constrained", sharex=True)

    stable, naive = losses(z, 0)
    bad = np.isnan(naive)
    left.semilogx(z, stable, color="C0", label="stable  cross_entropy")
    left.semilogx(z[~bad][dots], naive[~bad][dots], "o", color="C1", markersize=3, label="textbook formula")
    marks = np.geomspace(z[bad][0], 1e4, 7)  # where the textbook formula has no number to draw
    left.plot(marks, np.full(len(marks), 0.5), "x", color="C1", markersize=6)
    left.annotate(f"NaN for z > {OVERFLOW:.1f}", xy=(float(z[bad][0]), 0.5), xytext=(3, 0.75), color="C1",
                  bbox=box(theme), arrowprops={"arrowstyle": "->", "color": "C1"})
    left.set(title="right answer: logits (z, 0), class 0", xlabel="logit z", ylabel="loss", ylim=(-0.03, 1.05))
    left.legend(loc="center left", bbox_to_anchor=(0.0, 0.45))

    stable, naive = losses(z, 1)
    bad = ~np.isfinite(naive)
    right.loglog(z, stable, color="C0")
    right.loglog(z[~bad][dots], naive[~bad][dots], "o", color="C1", markersize=3)
    right.plot(marks, np.full(len(marks), 1e4), "x", color="C1", markersize=6, clip_on=False)
    right.annotate(f"inf for z > {OVERFLOW:.1f}", xy=(float(z[bad][0]), 1e4), xytext=(1.5, 1000), color="C1",
                   bbox=box(theme), arrowprops={"arrowstyle": "->", "color": "C1"})
    right.annotate(f"{float(stable[-1]):g} at z = 10⁴,\nexactly", xy=(1e4, float(stable[-1])),
                   xytext=(250, 20), color="C0", bbox=box(theme), arrowprops={"arrowstyle": "->", "color": "C0"})
    right.set(title="wrong answer: logits (z, 0), class 1", xlabel="logit z", ylim=(0.5, 1.2e4))
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_stability")


if __name__ == "__main__":
    run(main)
