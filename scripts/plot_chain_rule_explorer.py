"""Slide the weight w of the small graph (interactive).

The data for the weight slider on the chain-rule page: the graph L = (relu(w·x + b) − 1)² + w² of the
page, with x = 2 and b = −0.5, for w from −0.5 to 1.25. Left, the loss as w moves, and at the chosen w
the line whose slope is dL/dw, as `Value.backward` computes it: the gradient is the slope of the loss.
Right, what each of w's two paths brings to dL/dw, through the neuron and through the penalty w², and
their sum. Left of the kink the ReLU is off and the neuron's path brings nothing; at the bottom of the
loss the two paths cancel. The page draws it with docs/javascripts/widgets.js; this script only writes
its data, and the two numbers the page states about it.

Conclusion: the gradient is the slope of the loss, and it is the sum of what every path brings.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.chain_rule import Value
from sitebuild.figure_style import run, save_json, save_values

X, B, TARGET = 2.0, -0.5, 1.0  # the graph of the page (scripts/plot_chain_rule_graph.py), w left free
WEIGHTS = np.round(np.arange(-0.5, 1.25 + 1e-9, 0.05), 2)  # the slider
CURVE = np.linspace(-0.5, 1.25, 351)  # the curves drawn under the slider, every 0.005
TANGENT_HALF_WIDTH = 0.3


# %% [markdown]
# The graph at one w, after its backward pass: the loss, dL/dw, and what each of w's two paths brings
# to it (the gradient that reaches the node using w, times that node's local derivative with respect to w).
# %%
def at(w: float) -> dict:
    weight = Value(float(w), label="w")
    p = weight * X  # the neuron's path starts here
    r = weight**2  # the penalty's path starts here
    loss = ((p + B).relu() - TARGET) ** 2 + r
    loss.backward()
    neuron, penalty = p.grad * p.local_grads[0], r.grad * r.local_grads[0]
    return {"loss": loss.data, "grad": weight.grad, "neuron": neuron, "penalty": penalty}


def curves() -> dict:
    points = [at(w) for w in CURVE]
    return {key: np.array([p[key] for p in points]) for key in ("loss", "grad", "neuron", "penalty")}


def broken_at_the_kink(values: np.ndarray) -> np.ndarray:
    """(w, value) points with a gap where the ReLU switches on: the slope jumps there, it does not fall."""
    kink = -B / X
    points = np.column_stack([CURVE, values])
    return np.insert(points, np.searchsorted(CURVE, kink, side="right"), [kink, np.nan], axis=0)


def number(v: float, sign: str = "") -> str:
    """As the caption prints it: 3 significant digits, a real minus sign, no −0 or rounding dust."""
    return f"{round(v, 9) + 0.0:{sign}.3g}".replace("-", "−")


# %% [markdown]
# The caption of each w: the loss, and dL/dw as the sum of its two paths; where the ReLU is off (and
# at w = 0 the penalty alone is flat), and where the two paths cancel.
# %%
def caption(w: float, found: dict) -> str:
    text = (
        f"w = {number(w)}: L = {number(found['loss'])}; the neuron's path brings {number(found['neuron'], '+')}, "
        f"the penalty's {number(found['penalty'], '+')}: dL/dw = {number(found['grad'])}"
    )
    flat = abs(found["grad"]) < 1e-9
    if w * X + B <= 0:  # the ReLU is off: z = w·x + b is not positive
        return text + (" (the ReLU is off; a flat spot, but not the lowest loss)" if flat else " (the ReLU is off)")
    return text + (" (the two paths cancel: the bottom of the loss)" if flat else "")


# %% [markdown]
# One frame per w: on the left the point on the loss and the line of slope dL/dw through it, on the
# right the point of each path; the curves under them are the same in every frame.
# %%
def data() -> dict:
    drawn = curves()
    frames = []
    for w in WEIGHTS:
        found = at(float(w))
        ends = np.array([w - TANGENT_HALF_WIDTH, w + TANGENT_HALF_WIDTH])
        tangent = np.column_stack([ends, found["loss"] + found["grad"] * (ends - w)])
        frames.append(
            {
                "caption": caption(float(w), found),
                "panels": [
                    {
                        "series": [
                            {"points": tangent, "color": 1, "width": 2, "label": "slope dL/dw"},
                            {"points": [[w, found["loss"]]], "color": 1, "markers": True},
                        ]
                    },
                    {
                        "series": [
                            {"points": [[w, found[key]]], "color": color, "markers": True}
                            for key, color in (("neuron", 0), ("penalty", 2), ("grad", "fg"))
                        ]
                    },
                ],
            }
        )
    return {
        "title": "Slide the weight w: the slope of the loss is the sum of two paths",
        "slider": {
            "label": "weight w",
            "values": WEIGHTS,
            "labels": [number(float(w)) for w in WEIGHTS],
            "initial": int(np.argmin(np.abs(WEIGHTS - 0.5))),
        },
        "panels": [
            {
                "title": "the loss L as w moves",
                "xlabel": "w",
                "ylabel": "L",
                "xlim": [float(CURVE[0]), float(CURVE[-1])],
                "ylim": [0.0, 3.0],
                "legend": "upper left",
                "static": [{"points": np.column_stack([CURVE, drawn["loss"]]), "color": "fg", "label": "L"}],
            },
            {
                "title": "dL/dw, path by path",
                "xlabel": "w",
                "ylabel": "what each path brings",
                "xlim": [float(CURVE[0]), float(CURVE[-1])],
                "ylim": [-4.5, 7.0],
                "legend": "upper left",
                "static": [
                    {"points": broken_at_the_kink(drawn["neuron"]), "color": 0, "label": "through the neuron"},
                    {"points": np.column_stack([CURVE, drawn["penalty"]]), "color": 2, "label": "through w²"},
                    {
                        "points": broken_at_the_kink(drawn["grad"]),
                        "color": "fg",
                        "width": 2,
                        "label": "sum: dL/dw",
                    },
                ],
            },
        ],
        "frames": frames,
    }


# %% [markdown]
# The numbers the page states about it: where the ReLU switches off (w·x + b = 0), and where the loss is
# lowest, which is where dL/dw, the sum of the two paths, is 0.
# %%
def numbers() -> dict:
    drawn = curves()
    lowest = int(np.argmin(drawn["loss"]))
    return {"relu_off_below": -B / X, "lowest_w": round(float(CURVE[lowest]), 3)}


def main(out_dir: Path) -> list[Path]:
    return save_json(data(), out_dir / "chain_rule_explorer.json") + save_values(
        numbers(), out_dir / "chain_rule_explorer"
    )


if __name__ == "__main__":
    run(main)
