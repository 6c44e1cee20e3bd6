"""Regression losses and their gradients against the error.

Left, the loss of one prediction as a function of its error ŷ − y; right, its gradient, the push that
training receives. MSE's gradient grows in proportion to the error, without bound; L1's is ±1 whatever
the error; Huber's and Smooth L1's follow MSE near zero and are clipped beyond delta (beta): at ±delta
for Huber, at ±1 for Smooth L1, which is Huber divided by beta.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.loss import (huber_loss, huber_loss_grad, l1_loss, l1_loss_grad, mse_loss, mse_loss_grad,
                           smooth_l1_loss, smooth_l1_loss_grad)
from sitebuild.figure_style import box, run, save

CURVES = [  # label, loss, gradient, keyword arguments, line style
    ("MSE", mse_loss, mse_loss_grad, {}, "-"),
    ("L1 (MAE)", l1_loss, l1_loss_grad, {}, "-"),
    ("Huber δ = 1  (= Smooth L1 β = 1)", huber_loss, huber_loss_grad, {"delta": 1.0}, "-"),
    ("Huber δ = 2", huber_loss, huber_loss_grad, {"delta": 2.0}, "-"),
    ("Smooth L1 β = 2", smooth_l1_loss, smooth_l1_loss_grad, {"beta": 2.0}, "--"),
]


def draw(theme):
    error = np.linspace(-4, 4, 801)  # ŷ − y with target 0: one prediction per point of the axis
    target = np.zeros_like(error)
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.9), layout="constrained", sharex=True)
    for i, (label, loss, grad, kwargs, style) in enumerate(CURVES):
        left.plot(error, loss(error, target, reduction="none", **kwargs), style, color=f"C{i}", label=label)
        g = grad(error, target, reduction="none", **kwargs)
        if loss is l1_loss:  # a jump at 0: each side apart; wide and underneath, as others share its ±1
            for side in (error < 0, error > 0):
                right.plot(error[side], g[side], style, color=f"C{i}", linewidth=5, alpha=0.5, zorder=1)
        else:
            right.plot(error, g, style, color=f"C{i}")
    left.set(title="loss of one prediction", xlabel="error  ŷ − y", ylabel="loss", ylim=(-0.2, 6))
    right.set(title="its gradient  ∂loss/∂ŷ", xlabel="error  ŷ − y", ylim=(-4.6, 4.6))
    right.annotate("MSE: 2(ŷ − y),\nno bound", xy=(2.1, 4.2), xytext=(-3.8, 2.9), color="C0",
                   arrowprops={"arrowstyle": "->", "color": "C0"}, bbox=box(theme))
    right.annotate("clipped at ±δ = ±2", xy=(3.2, 2.0), xytext=(0.9, -1.1), color="C3",
                   arrowprops={"arrowstyle": "->", "color": "C3"}, bbox=box(theme))
    right.annotate("L1, Huber δ = 1,\nSmooth L1: at most 1", xy=(3.5, 1.0), xytext=(0.9, -3.6), color=theme.fg,
                   arrowprops={"arrowstyle": "->", "color": theme.fg}, bbox=box(theme))
    fig.legend(*left.get_legend_handles_labels(), loc="outside lower center", ncols=3, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_regression")


if __name__ == "__main__":
    run(main)
