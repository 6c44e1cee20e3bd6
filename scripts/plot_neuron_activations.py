"""Activations and their derivatives.

Left, each activation as a function of the pre-activation z; right, its derivative. The sigmoid's
derivative never exceeds 1/4 and tanh's never exceeds 1, so a chain of sigmoid layers shrinks gradients
by at least 4x per layer; ReLU's derivative is exactly 1 wherever the unit is on.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.neuron import (leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad, step,
                             tanh, tanh_grad)
from sitebuild.figure_style import box, run, save

SLOPE = 0.1  # a visible leak; PyTorch's default 0.01 would hide under the ReLU curve


def draw(theme):
    z = np.linspace(-4, 4, 801)
    curves = [
        ("sigmoid", sigmoid(z), sigmoid_grad(z)),
        ("tanh", tanh(z), tanh_grad(z)),
        ("ReLU", relu(z), relu_grad(z)),
        (f"leaky ReLU (slope {SLOPE})", leaky_relu(z, SLOPE), leaky_relu_grad(z, SLOPE)),
        ("step (f′ = 0 for z ≠ 0)", step(z), None),
    ]
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.7), layout="constrained", sharex=True)
    for index, (label, value, grad) in enumerate(curves):
        style = {"color": f"C{index}", "linestyle": "--" if label.startswith("leaky") else "-"}
        if label.startswith("step"):  # draw the jump as a jump, not as a steep line
            left.plot(z[z < 0], value[z < 0], label=label, color=theme.muted, linewidth=1.5)
            left.plot(z[z >= 0], value[z >= 0], color=theme.muted, linewidth=1.5)
            continue
        left.plot(z, value, label=label, **style)
        if label in ("ReLU",) or label.startswith("leaky"):  # kinks at 0: draw each side apart
            right.plot(z[z < 0], grad[z < 0], **style)
            right.plot(z[z > 0], grad[z > 0], label=label, **style)
        else:
            right.plot(z, grad, label=label, **style)
    left.set(title="activation  f(z)", xlabel="pre-activation z", ylim=(-1.3, 2.3))
    right.set(title="derivative  f′(z)", xlabel="pre-activation z", ylim=(-0.08, 1.25))
    peak = float(sigmoid_grad(0.0))
    right.annotate(f"max {peak:g} at z = 0", xy=(0, peak), xytext=(1.3, 0.42), color="C0",
                   arrowprops={"arrowstyle": "->", "color": "C0"}, bbox=box(theme))
    right.annotate(f"max {float(tanh_grad(0.0)):g} at z = 0", xy=(0, 1.0), xytext=(-3.9, 0.7), color="C1",
                   arrowprops={"arrowstyle": "->", "color": "C1"}, bbox=box(theme))
    fig.legend(*left.get_legend_handles_labels(), loc="outside lower center", ncols=5, frameon=False)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_activations")


if __name__ == "__main__":
    run(main)
