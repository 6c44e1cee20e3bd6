"""A constant start never breaks the symmetry.

A tanh network with two hidden layers of 8 units learns the two moons by gradient descent, from three
starts. From a constant start (every weight 0.5), the weights from input 1 to the 8 first-layer units
draw a single curve: identical units receive identical gradients at every step. From a random (Xavier)
start the 8 units go their own ways. The training loss: the all-zeros start does not move at all (every
gradient but the output bias's is 0), the constant one stalls where one unit per layer can get, and the
random one learns the task.

Conclusion: the start must be random, or every unit of a layer stays a copy of the others.
"""

# %%
from functools import cache
from pathlib import Path

import numpy as np

from concepts.initialization import initializer, symmetry_experiment
from sitebuild.figure_style import callout, run, save, save_values

STEPS, EVERY = 1000, 10
CONSTANT = 0.5  # every weight of the constant start
STARTS = {
    "zeros": initializer("zeros"),
    f"constant {CONSTANT:g}": initializer("constant", value=CONSTANT),
    "Xavier": "xavier",
}
NOTE_STEP = 500  # where the note on the constant start points


@cache
def runs() -> dict:
    """Computed once, drawn in every variant."""
    return {name: symmetry_experiment(init, steps=STEPS, every=EVERY, rng=0) for name, init in STARTS.items()}


# %% [markdown]
# The weight from input 1 to each first-layer unit, step by step, for one start.
# %%
def draw_units(ax, name, theme):
    weights = runs()[name].first_weights
    recorded = np.arange(0, STEPS + 1, EVERY)
    for unit in range(weights.shape[1]):
        ax.plot(recorded, weights[:, unit], color=f"C{unit % 6}", linewidth=1.5)
    ax.set(title=f"{name} start: {weights.shape[1]} units", xlabel="step", ylim=(-4.5, 4.5))
    return recorded, weights


# %% [markdown]
# From the constant start the units are copies: their curves are one.
# %%
def note_copies(ax, recorded, weights, theme):
    i = int(np.searchsorted(recorded, NOTE_STEP))
    callout(
        ax, f"all {weights.shape[1]} curves\nare one", (recorded[i], weights[i, 0]), theme, offset=(0, 40), fontsize=9
    )


# %% [markdown]
# The training loss of the three starts, with the share of points each gets right at the end.
# %%
def draw_losses(ax, theme, layout):
    for i, (name, run_) in enumerate(runs().items()):
        ax.plot(np.arange(run_.losses.size), run_.losses, color=f"C{i}", label=f"{name}: {run_.accuracy:.0%} right")
    ax.set(title="training loss", xlabel="step", yscale="log", ylim=(1e-3, 60))
    ax.legend(loc="upper right", fontsize=8.5 if layout.narrow else 8)


# %%
def draw(theme, layout):
    fig, (constant, xavier, loss) = layout.subplots(3, wide=(7.2, 3.0), narrow_height=2.6)
    note_copies(constant, *draw_units(constant, f"constant {CONSTANT:g}", theme), theme)
    draw_units(xavier, "Xavier", theme)
    for ax in (constant, xavier) if layout.narrow else (constant,):
        ax.set(ylabel="weight from input 1 to unit" if not layout.narrow else "weight input 1 → unit")
    draw_losses(loss, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text: the constant, the units per layer, and
# each start's final training loss and share of points right.
# %%
def numbers() -> dict:
    zeros, constant, xavier = (runs()[name] for name in STARTS)
    assert zeros.losses.min() == zeros.losses.max()  # the alt text says the all-zeros start stays where it is
    return {
        "constant": CONSTANT,
        "units": int(constant.first_weights.shape[1]),
        "zeros_loss": float(zeros.losses[-1]),
        "zeros_right": float(zeros.accuracy),
        "constant_loss": float(constant.losses[-1]),
        "constant_right": float(constant.accuracy),
        "xavier_loss": float(xavier.losses[-1]),
        "xavier_right": float(xavier.accuracy),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_symmetry"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
