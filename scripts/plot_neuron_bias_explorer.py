"""Slide the bias (interactive).

The data for the bias slider on the neuron page: the output of one sigmoid neuron, sigmoid(2x + b),
for biases from -6 to 6. As b grows the curve slides left, and the point where the output crosses 0.5
sits at x = -b/w. The page draws it with docs/javascripts/widgets.js; this script only writes its data.

Conclusion: the bias moves where the neuron switches and leaves the shape of its curve unchanged.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.neuron import Neuron
from sitebuild.figure_style import run, save_json

WEIGHT = 2.0
BIASES = np.round(np.arange(-6.0, 6.0 + 1e-9, 0.5), 2)


# %% [markdown]
# The widget's data: a dashed reference curve for b = 0, and one frame per bias with its curve and the
# point where it crosses 0.5.
# %%
def data() -> dict:
    x = np.linspace(-5, 5, 121)
    reference = Neuron([WEIGHT], 0.0)(x[:, None])
    frames = []
    for b in BIASES:
        threshold = -b / WEIGHT
        frames.append(
            {
                "caption": f"b = {b:g}: the output crosses 0.5 at x = −b/w = {threshold:g}",
                "panels": [
                    {
                        "series": [
                            {
                                "points": np.column_stack([x, Neuron([WEIGHT], float(b))(x[:, None])]),
                                "color": 0,
                                "label": f"σ({WEIGHT:g}x + b)",
                            },
                            {"points": [[threshold, 0.0], [threshold, 0.5]], "color": 1, "dash": True},
                            {"points": [[threshold, 0.5]], "color": 1, "markers": True},
                        ]
                    }
                ],
            }
        )
    return {
        "title": "Slide the bias: the threshold moves, the shape does not",
        "slider": {
            "label": "bias b",
            "values": BIASES,
            "labels": [f"{b:g}" for b in BIASES],
            "initial": int(np.argmin(np.abs(BIASES - 2.0))),
        },
        "panels": [
            {
                "title": f"one neuron, weight {WEIGHT:g}",
                "xlabel": "input x",
                "ylabel": "output",
                "xlim": [-5, 5],
                "ylim": [0, 1],
                "legend": "upper left",
                "static": [
                    {"points": np.column_stack([x, reference]), "color": "muted", "dash": True, "label": "b = 0"}
                ],
            }
        ],
        "frames": frames,
    }


# %%
def main(out_dir: Path) -> list[Path]:
    return save_json(data(), out_dir / "neuron_bias_explorer.json")


if __name__ == "__main__":
    run(main)
