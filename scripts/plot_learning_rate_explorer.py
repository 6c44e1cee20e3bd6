"""Slide the learning rate (interactive).

The data for the learning-rate slider: gradient descent on the bowl (x² + 10 y²) / 2 from the same
start, 40 steps, for rates from 0.01 to 0.22. Left, the path over the contour lines; right, the loss at
every step; the caption under the slider says, for each rate, by how much a step shrinks or grows the
error and how many steps convergence takes. Small rates crawl, rates near 2/(μ + L) converge fastest,
rates just under 2/L zigzag, at 2/L the path bounces without shrinking, and past it zigzags further at
every step. The page draws it with docs/javascripts/widgets.js.

Conclusion: a larger rate speeds gradient descent up only until 2/(μ + L); past 2/L it diverges.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.learning_rate import Quadratic, gradient_descent
from sitebuild.figure_style import quadratic_level_set, run, save_json

BOWL = Quadratic([1.0, 10.0])
START = np.array([-4.0, 1.5])
STEPS = 40
RATES = np.round(np.arange(0.01, 0.2201, 0.01), 2)


# %% [markdown]
# The caption of each rate: the worst error factor per step, and what it means for the run.
# %%
def verdict(lr: float) -> str:
    factor = float(BOWL.contraction(lr))
    steps = BOWL.steps_to_converge(lr, START)
    if np.isclose(factor, 1):
        return "the steep direction flips sign at every step without shrinking: it bounces forever"
    if factor > 1:
        return f"each step multiplies the error by up to {factor:.2f}: it diverges"
    zigzag = " and zigzags" if lr * BOWL.L > 1 else ""
    return (
        f"each step multiplies the error by at most {factor:.2f}{zigzag}: {steps:.0f} steps to cut the "
        "distance to the minimum a millionfold"
    )


# %% [markdown]
# One frame per rate (the path and the loss), and the contour lines and axes shared by every frame.
# %%
def data() -> dict:
    rings = [quadratic_level_set(BOWL, BOWL(START) * h, points=73) for h in np.geomspace(1e-3, 4, 8)]
    frames = []
    for lr in RATES:
        path = gradient_descent(BOWL.grad, START, float(lr), STEPS)
        losses = BOWL(path)
        frames.append(
            {
                "caption": f"lr = {lr:g}: {verdict(float(lr))}",
                "panels": [
                    {
                        "series": [
                            {"points": path, "color": 0, "markers": True, "width": 1.5},
                            {"points": [START], "color": "fg", "markers": True},
                        ]
                    },
                    {"series": [{"points": np.column_stack([np.arange(STEPS + 1), losses]), "color": 0}]},
                ],
            }
        )
    return {
        "title": "Slide the learning rate: from crawling to zigzagging to diverging",
        "slider": {
            "label": "learning rate",
            "values": RATES,
            "labels": [f"{lr:g}" for lr in RATES],
            "initial": int(np.argmin(np.abs(RATES - 0.05))),
        },
        "panels": [
            {
                "title": "path on (x² + 10 y²) / 2",
                "xlabel": "x",
                "ylabel": "y",
                "xlim": [-4.6, 1.6],
                "ylim": [-2.6, 2.6],
                "aspect": "equal",
                "legend": "none",
                "static": [{"points": ring, "color": "muted"} for ring in rings]
                + [{"points": [[0.0, 0.0]], "color": "fg", "markers": True}],
            },
            {
                "title": "loss",
                "xlabel": "step",
                "ylabel": "f(x, y)",
                "xlim": [0, STEPS],
                "ylim": [1e-8, 1e4],
                "yscale": "log",
                "legend": "none",
            },
        ],
        "frames": frames,
    }


# %%
def main(out_dir: Path) -> list[Path]:
    return save_json(data(), out_dir / "learning_rate_explorer.json")


if __name__ == "__main__":
    run(main)
