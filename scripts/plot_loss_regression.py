"""Regression losses and their gradients against the error.

Left, the loss of one prediction as a function of its error ŷ − y; right, its gradient, the push that
training receives. MSE's gradient grows in proportion to the error, without bound; L1's is ±1 whatever
the error; Huber's and Smooth L1's follow MSE near zero and are clipped beyond delta (beta): at ±delta
for Huber, at ±1 for Smooth L1, which is Huber divided by beta.

Conclusion: the choice of loss is the choice of how hard a large error pushes: without limit (MSE), the
same as a small one (L1), or in proportion up to a cap (Huber, Smooth L1).
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
from sitebuild.figure_style import callout, run, save, save_values

CURVES = [  # label, loss, gradient, keyword arguments, line style
    ("MSE", mse_loss, mse_loss_grad, {}, "-"),
    ("L1 (MAE)", l1_loss, l1_loss_grad, {}, "-"),
    ("Huber δ = 1  (= Smooth L1 β = 1)", huber_loss, huber_loss_grad, {"delta": 1.0}, "-"),
    ("Huber δ = 2", huber_loss, huber_loss_grad, {"delta": 2.0}, "-"),
    ("Smooth L1 β = 2", smooth_l1_loss, smooth_l1_loss_grad, {"beta": 2.0}, "--"),
]
ERROR = np.linspace(-4, 4, 801)  # ŷ − y with target 0: one prediction per point of the axis
TARGET = np.zeros_like(ERROR)


# %% [markdown]
# Left panel: the loss of one prediction against its error, one curve per loss.
# %%
def draw_losses(ax, theme, layout):
    for i, (label, loss, _, kwargs, style) in enumerate(CURVES):
        ax.plot(ERROR, loss(ERROR, TARGET, reduction="none", **kwargs), style, color=f"C{i}", label=label)
    ax.set(title="loss of one prediction", xlabel="error  ŷ − y", ylabel="loss", ylim=(-0.2, 6))


# %% [markdown]
# Right panel: the gradients, and where each is bounded.
# %%
def draw_gradients(ax, theme, layout):
    for i, (_, loss, grad, kwargs, style) in enumerate(CURVES):
        g = grad(ERROR, TARGET, reduction="none", **kwargs)
        if loss is l1_loss:  # a jump at 0: each side apart; wide and underneath, as others share its ±1
            for side in (ERROR < 0, ERROR > 0):
                ax.plot(ERROR[side], g[side], style, color=f"C{i}", linewidth=5, alpha=0.5, zorder=1)
        else:
            ax.plot(ERROR, g, style, color=f"C{i}")
    ax.set(
        title="its gradient  ∂loss/∂ŷ",
        xlabel="error  ŷ − y",
        ylabel="gradient" if layout.narrow else None,
        ylim=(-4.6, 4.6),
    )
    # each label points at the curve it explains, at an error where that curve is alone or at its bound;
    # offsets in points, shorter in y on a phone, where the panel is less tall
    offsets = ((-97, 3), (-12, 29), (-32, -75)) if layout.narrow else ((-124, -18), (9, 32), (-32, -97))
    mse_at = 1.6 if layout.narrow else 2.1  # on a phone, below the "clipped" label
    callout(
        ax,
        "MSE: 2(ŷ − y),\nno bound",
        (mse_at, float(mse_loss_grad(mse_at, 0.0))),
        theme,
        offset=offsets[0],
        color="C0",
    )
    clip_at = 3.9 if layout.narrow else 3.0  # on a phone the label sits right of the MSE line
    callout(
        ax,
        "clipped\nat ±δ = ±2",
        (clip_at, float(huber_loss_grad(clip_at, 0.0, delta=2.0))),
        theme,
        offset=offsets[1],
        color="C3",
        fontsize=9 if layout.narrow else None,
    )
    callout(
        ax, "L1, Huber δ = 1,\nSmooth L1: at most 1", (3.5, float(l1_loss_grad(3.5, 0.0))), theme, offset=offsets[2]
    )


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.9), narrow_height=3.2)
    draw_losses(left, theme, layout)
    draw_gradients(right, theme, layout)
    handles, labels = left.get_legend_handles_labels()
    if layout.narrow:  # two columns fit 3.5 in once the longest label is on two lines
        labels = [label.replace("  (", "\n(") for label in labels]
    fig.legend(handles, labels, loc="outside lower center", ncols=2 if layout.narrow else 3, frameon=False)
    return fig


# %% [markdown]
# The numbers the answer states about the figure in its alt text: the two deltas of Huber's curves and
# the beta of the Smooth L1 curve.
# %%
def numbers() -> dict:
    deltas = sorted(kwargs["delta"] for *_, kwargs, _ in CURVES if "delta" in kwargs)
    (beta,) = (kwargs["beta"] for *_, kwargs, _ in CURVES if "beta" in kwargs)
    return {"huber_delta_small": deltas[0], "huber_delta_large": deltas[-1], "smooth_l1_beta": beta}


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_regression") + save_values(numbers(), out_dir / "loss_regression")


if __name__ == "__main__":
    run(main, draw)
