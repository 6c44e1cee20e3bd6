"""Slide the scale of the first weights (interactive).

The data for the scale slider on the initialization page: the weights of a 50-layer stack of width n =
256 are N(0, m²/n), and the slider sets m. The panels show the variance of each layer's outputs (log
scale) for tanh and for ReLU, beside a dashed reference: the named start that suits each activation.
Near m = 1 (LeCun, Xavier) the tanh signal fades slowly; at m = √2 (He) the ReLU signal holds; below,
both vanish; above, ReLU explodes and tanh saturates. The page draws it with docs/javascripts/widgets.js.

Conclusion: a deep stack tolerates only a narrow band of scales, and where that band lies depends on the
activation.
"""

# %%
import math
from pathlib import Path

import numpy as np

from concepts.initialization import SCHEMES, scale_sweep
from sitebuild.figure_style import run, save_json

WIDTH, DEPTH = 256, 50
NAMED = ("standard", "lecun", "he", "fixed", "std1")  # each as the multiplier of the same variance
GRID = 2.0 ** (np.arange(-8, 17) / 4)  # 0.25 to 16 in steps of 2^(1/4)
LEGEND = {"tanh": "upper right", "relu": "lower right"}  # corners that the curves of each panel leave free
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


# %% [markdown]
# The slider's positions: a geometric grid of multipliers m, with the named starts put in.
# %%
def multipliers() -> tuple[np.ndarray, dict]:
    """The slider's values: a geometric grid plus the multiplier m = sqrt(n Var(w)) of each named scheme."""
    named = {math.sqrt(WIDTH * SCHEMES[name].variance(WIDTH, WIDTH)): name for name in NAMED}
    grid = [m for m in GRID if all(abs(m / v - 1) > 0.04 for v in named)]  # a named value replaces its neighbour
    values = sorted([*grid, *named])
    return np.array(values), {m: named.get(m) for m in values}


# %% [markdown]
# How a multiplier and a variance are written in the slider's labels and the captions.
# %%
def number(v: float) -> str:
    """2 significant digits; powers of ten as 1.4 × 10⁻¹⁵ (a caption must not break a line at 'e-')."""
    if 1e-3 <= abs(v) < 1e4:
        return f"{v:.2g}"
    mantissa, exponent = f"{v:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def label(m: float, name: str | None) -> str:
    if name == "lecun":
        return f"{m:.3g}: LeCun, Xavier"
    return f"{m:.3g}: {SCHEMES[name].label}" if name else f"{m:.3g}"


# %% [markdown]
# One frame per slider position (a caption and a curve per panel), and the two panels with their references.
# %%
def data() -> dict:
    values, names = multipliers()
    layers = np.arange(1, DEPTH + 1)
    var = {act: scale_sweep(values, act, DEPTH, WIDTH, rng=0) for act in ("tanh", "relu")}
    reference = {"tanh": (1.0, "LeCun, Xavier (m = 1)"), "relu": (math.sqrt(2), "He (m = √2)")}
    frames = []
    for i, m in enumerate(values):
        frames.append(
            {
                "caption": (
                    f"Weights N(0, m²/n) with m = {label(m, names[m])}. After {DEPTH} layers the variance "
                    f"is {number(var['tanh'][i, -1])} (tanh) and {number(var['relu'][i, -1])} (ReLU)."
                ),
                "panels": [
                    {
                        "series": [
                            {"points": np.column_stack([layers, var[act][i]]), "color": 0, "label": f"m = {m:.3g}"}
                        ]
                    }
                    for act in ("tanh", "relu")
                ],
            }
        )
    panels = []
    for act in ("tanh", "relu"):
        ref_m, ref_label = reference[act]
        ref = var[act][int(np.argmin(np.abs(values - ref_m)))]
        panels.append(
            {
                "title": f"{DEPTH} {'tanh' if act == 'tanh' else 'ReLU'} layers, width {WIDTH}",
                "xlabel": "layer",
                "ylabel": "variance of the outputs",
                "xlim": [0, DEPTH],
                "ylim": [1e-4, 1e4],
                "yscale": "log",
                "legend": LEGEND[act],
                "static": [
                    {"points": np.column_stack([layers, ref]), "color": "muted", "dash": True, "label": ref_label}
                ],
            }
        )
    return {
        "title": "Slide the scale of the first weights",
        "slider": {
            "label": "weight std × √n",
            "values": values,
            "labels": [label(m, names[m]) for m in values],
            "initial": int(np.argmin(np.abs(values - 1.0))),
        },
        "panels": panels,
        "frames": frames,
    }


# %%
def main(out_dir: Path) -> list[Path]:
    return save_json(data(), out_dir / "initialization_scale_explorer.json")


if __name__ == "__main__":
    run(main)
