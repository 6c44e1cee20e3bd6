"""A constant start never breaks the symmetry.

A tanh network with two hidden layers of 8 units learns the two moons by gradient descent. Left: from a
constant start (every weight 0.5), the weight from input 1 to each of the 8 first-layer units: the 8
curves are one, because identical units receive identical gradients at every step. Middle: from a
random (Xavier) start the 8 units go their own ways. Right: the loss; the all-zeros start does not move
at all (every gradient but the output bias's is 0), the constant one stalls where one unit per layer
can get, and the random one learns the task.
"""

from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.init_experiments import symmetry_experiment
from concepts.initialization import initializer
from sitebuild.figure_style import box, run, save

STEPS, EVERY = 1000, 10
STARTS = {"zeros": initializer("zeros"), "constant 0.5": initializer("constant", value=0.5), "Xavier": "xavier"}


@cache
def runs() -> dict:
    """Computed once, drawn in both palettes."""
    return {name: symmetry_experiment(init, steps=STEPS, every=EVERY, rng=0) for name, init in STARTS.items()}


def draw(theme):
    fig, axes = plt.subplots(1, 3, figsize=(7.2, 3.0), layout="constrained")
    recorded = np.arange(0, STEPS + 1, EVERY)
    for ax, name in zip(axes[:2], ("constant 0.5", "Xavier")):
        weights = runs()[name].first_weights
        for unit in range(weights.shape[1]):
            ax.plot(recorded, weights[:, unit], color=f"C{unit % 6}", linewidth=1.5)
        ax.set(title=f"{name} start: 8 units", xlabel="step", ylim=(-4.5, 4.5))
    axes[0].set_ylabel("weight from input 1 to unit")
    axes[0].text(500, 2.2, "all 8 curves\nare one", ha="center", color=theme.fg, fontsize=9, bbox=box(theme))
    for i, (name, run_) in enumerate(runs().items()):
        axes[2].plot(np.arange(run_.losses.size), run_.losses, color=f"C{i}",
                     label=f"{name}: {run_.accuracy:.0%} right")
    axes[2].set(title="training loss", xlabel="step", yscale="log", ylim=(1e-3, 60))
    axes[2].legend(loc="upper right", fontsize=8)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "init_symmetry")


if __name__ == "__main__":
    run(main)
