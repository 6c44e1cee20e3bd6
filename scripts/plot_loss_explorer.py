"""Drag a prediction (interactive).

The data for the prediction slider on the loss page: one prediction ŷ against the target y = 1. Left,
each regression loss as a function of ŷ; right, its gradient; the dots sit at the slider's ŷ. Far from
the target the MSE dot climbs the parabola and its gradient keeps growing, while the L1, Huber and
Smooth L1 gradients stop at their bounds. The page draws it with docs/javascripts/widgets.js.

Conclusion: the further a prediction is from its target, the harder MSE pushes it back; the other
losses push no harder than their bound, however far it is.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.loss import (
    huber_loss,
    huber_loss_grad,
    l1_loss,
    l1_loss_grad,
    mse_loss,
    mse_loss_grad,
    smooth_l1_loss,
    smooth_l1_loss_grad,
)
from sitebuild.figure_style import run, save_json

TARGET = 1.0
PREDICTIONS = np.round(np.arange(-2.0, 4.0 + 1e-9, 0.1), 2)
CURVES = [  # label, loss, gradient, keyword arguments, dashed
    ("MSE", mse_loss, mse_loss_grad, {}, False),
    ("L1", l1_loss, l1_loss_grad, {}, False),
    ("Huber δ=1", huber_loss, huber_loss_grad, {"delta": 1.0}, False),
    ("Smooth L1 β=2", smooth_l1_loss, smooth_l1_loss_grad, {"beta": 2.0}, True),
]


# %% [markdown]
# The curves that do not move: each loss and its gradient against the prediction.
# %%
def static_curves() -> tuple[list[dict], list[dict]]:
    y_hat = np.linspace(-2, 4, 121)
    target = np.full_like(y_hat, TARGET)
    static_loss, static_grad = [], []
    for i, (label, loss, grad, kwargs, dashed) in enumerate(CURVES):
        static_loss.append(
            {
                "points": np.column_stack([y_hat, loss(y_hat, target, reduction="none", **kwargs)]),
                "color": i,
                "label": label,
                "dash": dashed,
            }
        )
        g = grad(y_hat, target, reduction="none", **kwargs)
        if loss is l1_loss:  # the jump at the target is a gap, not a vertical line
            g = np.where(np.isclose(y_hat, TARGET), np.nan, g)
        static_grad.append({"points": np.column_stack([y_hat, g]), "color": i, "label": label, "dash": dashed})
    return static_loss, static_grad


# %% [markdown]
# One frame per slider position: the dots on every curve and a caption with the values.
# %%
def frames() -> list[dict]:
    result = []
    for p in PREDICTIONS:
        values = [
            (float(loss(p, TARGET, **kwargs)), float(grad(p, TARGET, **kwargs))) for _, loss, grad, kwargs, _ in CURVES
        ]
        text = ", ".join(f"{label} {v:.3g} (gradient {g:.3g})" for (label, *_), (v, g) in zip(CURVES, values))
        result.append(
            {
                "caption": f"ŷ = {p:g}, y = {TARGET:g}: {text}".replace("-", "−"),
                "panels": [
                    {"series": [{"points": [[p, v]], "color": i, "markers": True} for i, (v, _) in enumerate(values)]},
                    {"series": [{"points": [[p, g]], "color": i, "markers": True} for i, (_, g) in enumerate(values)]},
                ],
            }
        )
    return result


# %% [markdown]
# The whole widget: slider, two panels (loss, gradient) with the target marked, and the frames.
# %%
def data() -> dict:
    static_loss, static_grad = static_curves()
    target_line = {"color": "muted", "dash": True, "width": 1}
    return {
        "title": "Drag the prediction: each loss and the push it gives",
        "slider": {
            "label": "prediction ŷ",
            "values": PREDICTIONS,
            "labels": [f"{p:g}" for p in PREDICTIONS],
            "initial": int(np.argmin(np.abs(PREDICTIONS - 3.0))),
        },
        "panels": [
            {
                "title": f"loss, target y = {TARGET:g}",
                "xlabel": "prediction ŷ",
                "ylabel": "loss",
                "xlim": [-2, 4],
                "ylim": [0, 6],
                "legend": "none",  # the gradient panel names the colours
                "static": [{**target_line, "points": [[TARGET, 0], [TARGET, 6]]}, *static_loss],
            },
            {
                "title": "gradient ∂loss/∂ŷ",
                "xlabel": "prediction ŷ",
                "ylabel": "gradient",
                "xlim": [-2, 4],
                "ylim": [-6, 6],
                "legend": "lower right",
                "static": [{**target_line, "points": [[TARGET, -6], [TARGET, 6]]}, *static_grad],
            },
        ],
        "frames": frames(),
    }


# %%
def main(out_dir: Path) -> list[Path]:
    return save_json(data(), out_dir / "loss_explorer.json")


if __name__ == "__main__":
    run(main)
