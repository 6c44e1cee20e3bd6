"""Slide the momentum (interactive).

The data for the momentum slider: SGD with momentum m on the valley (x² + 50 y²) / 2, fifty times
steeper across than along, from the same start at the same rate 1/L, for m from 0 (plain gradient
descent) to 0.99. Left, the path over the contour lines; right, the loss at every step; plain gradient
descent stays in both panels as a dashed line to compare with. The caption under the slider gives the
loss after the last step. With m = 0 the path drops to the valley floor and crawls along it; as m grows
the steps along the floor add up and the loss falls faster and faster, down to the lowest loss near
m = 0.8; past that the velocity carries the path beyond the minimum and back, and near m = 0.99 it is
still circling when the run ends. The page draws it with docs/javascripts/widgets.js.

Conclusion: momentum lengthens the steps along a direction where the gradients agree, which a rate
alone cannot do; too much of it overshoots and swings for a long time.
"""

# %%
from functools import cache
from pathlib import Path

import numpy as np

from concepts.learning_rate import SGD, Quadratic, optimize
from sitebuild.figure_style import quadratic_level_set, run, save_json, save_values

VALLEY = Quadratic([1.0, 50.0])  # as in the optimizers' figure
START = np.array([-7.0, 2.0])
LR = 1 / VALLEY.L  # the steep direction lands on the floor in one step
STEPS = 80
MOMENTA = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)


# %% [markdown]
# One run per momentum, from the same start at the same rate; the loss at every step.
# %%
@cache
def paths() -> tuple[np.ndarray, ...]:
    """Every iterate of SGD(LR, momentum=m) for each m of MOMENTA."""
    return tuple(optimize(SGD(LR, momentum=m), VALLEY.grad, START, STEPS) for m in MOMENTA)


def last_losses() -> np.ndarray:
    """The loss after the last step, per momentum."""
    return np.array([float(VALLEY(path[-1])) for path in paths()])


# %% [markdown]
# The caption of each momentum: the loss at the end, and what the path does.
# %%
def caption(i: int) -> str:
    m, path, losses = MOMENTA[i], paths()[i], last_losses()
    text = f"m = {m:g}: loss {losses[i]:.2g} after {STEPS} steps"
    if m == 0:
        return text + "; plain gradient descent drops to the valley floor, then crawls along it"
    notes = ["the lowest of the slider"] if i == int(np.argmin(losses)) else []
    beyond = path[:, 0].max()  # how far past the minimum, x = 0, the path goes along the floor
    if beyond > 1:
        notes.append("the velocity carries the path far past the minimum and back")
    elif beyond > 0.05:
        notes.append("it swings a little past the minimum")
    else:
        notes.append("the steps along the floor add up")
    return text + "; " + "; ".join(notes)


# %% [markdown]
# One frame per momentum (the path and the loss), and what every frame shares: the contour lines, the
# start and the minimum, and plain gradient descent, dashed, to compare with.
# %%
def data() -> dict:
    rings = [quadratic_level_set(VALLEY, VALLEY(START) * h, points=97) for h in np.geomspace(1e-3, 3, 9)]
    steps = np.arange(STEPS + 1)
    plain = paths()[0]
    frames = [
        {
            "caption": caption(i),
            "panels": [
                {"series": [{"points": path, "color": 0, "markers": True, "width": 1.5, "label": "with momentum"}]},
                {"series": [{"points": np.column_stack([steps, VALLEY(path)]), "color": 0, "label": "with momentum"}]},
            ],
        }
        for i, path in enumerate(paths())
    ]
    reference = {"color": "muted", "dash": True, "label": "m = 0 (plain)"}
    return {
        "title": "Slide the momentum: same rate, longer steps along the valley",
        "slider": {
            "label": "momentum m",
            "values": MOMENTA,
            "labels": [f"{m:g}" for m in MOMENTA],
            "initial": 0,
        },
        "panels": [
            {
                "title": "path on (x² + 50 y²) / 2",
                "xlabel": "x",
                "ylabel": "y",
                "xlim": [-7.6, 7.6],
                "ylim": [-2.6, 2.6],
                "legend": "none",
                "static": [{"points": ring, "color": "muted", "width": 0.8} for ring in rings]
                + [
                    {"points": plain, **reference},
                    {"points": [START], "color": "fg", "markers": True},
                    {"points": [VALLEY.minimum], "color": "fg", "markers": True},
                ],
            },
            {
                "title": f"loss, lr = 1/L = {LR:g}",
                "xlabel": "step",
                "ylabel": "f(x, y)",
                "xlim": [0, STEPS],
                "ylim": [1e-8, 1e3],
                "yscale": "log",
                "legend": "lower left",
                "static": [{"points": np.column_stack([steps, VALLEY(plain)]), **reference}],
            },
        ],
        "frames": frames,
    }


# %% [markdown]
# The numbers the page states beside the slider: the rate, the steps, the largest momentum, the loss of
# plain gradient descent, and the momentum with the lowest loss and its loss.
# %%
def numbers() -> dict:
    losses = last_losses()
    best = int(np.argmin(losses))
    return {
        "lr": LR,
        "steps": STEPS,
        "largest_momentum": MOMENTA[-1],
        "plain_loss": float(losses[0]),
        "best_momentum": MOMENTA[best],
        "best_loss": float(losses[best]),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "learning_rate_momentum_explorer"
    return save_json(data(), stem.with_suffix(".json")) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main)
