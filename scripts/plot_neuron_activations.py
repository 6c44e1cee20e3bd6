"""Activations and their derivatives.

Top or left: each activation as a function of the pre-activation z; bottom or right: its derivative,
with the peaks of the sigmoid's and tanh's derivatives marked (both at z = 0). The sigmoid's derivative
never exceeds a quarter and tanh's never exceeds one, so a chain of sigmoid layers shrinks gradients at
every layer; ReLU's derivative is exactly one wherever the unit is on, and the step's is zero everywhere
except at its jump.

Conclusion: ReLU passes gradients through unchanged where it is on; sigmoid and tanh can only shrink them.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.neuron import leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad, step, tanh, tanh_grad
from sitebuild.figure_style import callout, run, save, save_values

SLOPE = 0.1  # a visible leak; PyTorch's default 0.01 would hide under the ReLU curve
Z = np.linspace(-4, 4, 801)
CURVES = [  # label, f(z), f'(z) (None: zero everywhere it exists)
    ("sigmoid", sigmoid(Z), sigmoid_grad(Z)),
    ("tanh", tanh(Z), tanh_grad(Z)),
    ("ReLU", relu(Z), relu_grad(Z)),
    (f"leaky ReLU (slope {SLOPE:g})", leaky_relu(Z, SLOPE), leaky_relu_grad(Z, SLOPE)),
    ("step (f′ = 0 for z ≠ 0)", step(Z), None),
]


def style(index, label):
    return {"color": f"C{index}", "linestyle": "--" if label.startswith("leaky") else "-"}


# %% [markdown]
# First panel: the activations themselves; the step is drawn as a jump, not as a steep line.
# %%
def draw_activations(ax, theme, layout):
    for index, (label, value, _) in enumerate(CURVES):
        if label.startswith("step"):
            ax.plot(Z[Z < 0], value[Z < 0], label=label, color=theme.muted, linewidth=1.5)
            ax.plot(Z[Z >= 0], value[Z >= 0], color=theme.muted, linewidth=1.5)
        else:
            ax.plot(Z, value, label=label, **style(index, label))
    ax.set(title="activation  f(z)", xlabel=None if layout.narrow else "pre-activation z", ylim=(-1.3, 2.3))


# %% [markdown]
# Second panel: the derivatives; ReLU's kink at 0 leaves a gap, and the two peaks are marked.
# %%
def draw_derivatives(ax, theme, layout):
    for index, (label, _, grad) in enumerate(CURVES):
        if grad is None:
            continue
        if label.startswith(("ReLU", "leaky")):  # kinks at 0: draw each side apart
            ax.plot(Z[Z < 0], grad[Z < 0], **style(index, label))
            ax.plot(Z[Z > 0], grad[Z > 0], label=label, **style(index, label))
        else:
            ax.plot(Z, grad, label=label, **style(index, label))
    ax.set(title="derivative  f′(z)", xlabel="pre-activation z", ylim=(-0.08, 1.25))
    for index, grad in ((0, sigmoid_grad), (1, tanh_grad)):
        peak = (0.0, float(grad(0.0)))
        offset = (60, 25) if index == 0 else (-50, -30)
        callout(
            ax,
            f"max {peak[1]:g} at z = 0",
            peak,
            theme,
            offset=offset,
            color=f"C{index}",
            fontsize=8.5 if layout.narrow else 10,
        )


# %%
def draw(theme, layout):
    fig, (top, bottom) = layout.subplots(2, wide=(7.2, 3.7), narrow_height=2.6, sharex=True)
    draw_activations(top, theme, layout)
    draw_derivatives(bottom, theme, layout)
    # below the panels: five entries in one row when wide, two columns when narrow
    fig.legend(
        *top.get_legend_handles_labels(),
        loc="outside lower center",
        ncols=2 if layout.narrow else 5,
        frameon=False,
        handlelength=1.8 if layout.narrow else 2.0,
        columnspacing=1.2,
    )
    return fig


# %% [markdown]
# The numbers the page states about the figure: the largest slope of the sigmoid and of tanh over the
# plotted z, and where it is (the same z for both, as the alt text says); and the table beside the
# figure, each activation's value at a few inputs (`sigmoid_at_minus_2`, ..., `step_at_2`), with the
# leaky ReLU's slope and the number e that the formulas use.
# %%
TABLE_Z = (-2.0, 0.0, 2.0)
TABLE = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": lambda z: leaky_relu(z, SLOPE),
    "step": step,
}


def table_values() -> dict:
    """Each activation of the table at each input of TABLE_Z, by name: `tanh_at_minus_2`, `relu_at_0`, ..."""
    values = {}
    for name, f in TABLE.items():
        for z, value in zip(TABLE_Z, f(np.array(TABLE_Z)), strict=True):
            values[f"{name}_at_{'minus_' if z < 0 else ''}{abs(z):g}"] = float(value) + 0.0  # no -0.0
    return values


def numbers() -> dict:
    sigmoid_slopes, tanh_slopes = sigmoid_grad(Z), tanh_grad(Z)
    peaks_at = {float(Z[np.argmax(sigmoid_slopes)]), float(Z[np.argmax(tanh_slopes)])}
    if len(peaks_at) != 1:
        raise ValueError(f"the sigmoid's and tanh's slopes peak at different z: {sorted(peaks_at)}")
    return {
        "sigmoid_grad_max": float(sigmoid_slopes.max()),
        "tanh_grad_max": float(tanh_slopes.max()),
        "grad_max_at": peaks_at.pop() + 0.0,  # + 0.0: a -0.0 would print as −0
        "leaky_slope": SLOPE,
        "e": float(np.e),
        **table_values(),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_activations") + save_values(numbers(), out_dir / "neuron_activations")


if __name__ == "__main__":
    run(main, draw)
