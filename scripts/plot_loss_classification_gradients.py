"""Classification losses and their gradients against the logit.

One example of class 1, scored by the logit z of its class. Left, its loss: binary cross-entropy
(p = σ(z)), cross-entropy over ten classes (the other nine logits at 0) and the squared error of
p = σ(z). Right, the gradient of each with respect to z, the push that training receives. Both
cross-entropies have the gradient "probability minus target", p − 1 here, which never goes beyond −1
and stays near it all the way into the confidently wrong side. The squared error's gradient carries
the factor σ'(z) of the sigmoid, which vanishes there, so it falls back to 0.

Conclusion: cross-entropy pushes a wrong answer by nearly the most it can push, however wrong; squared
error on a probability stops pushing exactly where the model is most confidently wrong.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.loss import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    mse_loss,
    mse_loss_grad,
)
from concepts.neuron import sigmoid, sigmoid_grad
from sitebuild.figure_style import callout, run, save, save_values

Z = np.linspace(-10, 6, 401)  # the logit of the right class; the wrong side, z < 0, gets more room
CLASSES = 10  # for the multi-class curve: the right class is 0, the other logits stay at 0
WRONG = -6.0  # a confidently wrong logit, marked on the gradients
MINUS = str.maketrans("-", "−")


# %% [markdown]
# The three losses and their gradients with respect to z, each through `concepts`. The logits of the
# ten-class example are one row per point of the axis: z for the right class, 0 for the nine others.
# %%
def ten_class_logits(z):
    logits = np.zeros((np.size(z), CLASSES))
    logits[:, 0] = z
    return logits, np.zeros(np.size(z), dtype=int)


def curves(z):
    ones = np.ones_like(z)  # binary targets: every point is an example of class 1
    logits, target = ten_class_logits(z)
    p = sigmoid(z)
    return {
        "bce": (
            binary_cross_entropy_with_logits(z, ones, reduction="none"),
            binary_cross_entropy_with_logits_grad(z, ones, reduction="none"),
        ),
        "ce": (
            cross_entropy(logits, target, reduction="none"),
            cross_entropy_grad(logits, target, reduction="none")[:, 0],  # the right class's logit
        ),
        "se": (
            mse_loss(p, ones, reduction="none"),
            mse_loss_grad(p, ones, reduction="none") * sigmoid_grad(z),  # chain rule through σ
        ),
    }


STYLES = {"bce": ("C0", "-"), "ce": ("C2", "--"), "se": ("C1", "-")}  # colour, line style


# %% [markdown]
# Left panel: the losses, each labelled on its line.
# %%
def draw_losses(ax, theme, layout, values):
    for name, (loss, _) in values.items():
        color, style = STYLES[name]
        ax.plot(Z, loss, style, color=color)
    # labels beside their lines, where each is apart from the others: the binary cross-entropy left of
    # its line, the squared error above its flat part, the ten classes right of their line
    blue_at, green_at = 3.2, 5.5  # heights
    blue_z = float(np.interp(-blue_at, -values["bce"][0], Z))  # where the falling line is that high
    ax.text(blue_z - 0.6, blue_at, "binary\ncross-entropy", color="C0", ha="right", va="center")
    ax.text(Z[0] - 0.5, float(values["se"][0][0]) + 0.15, "squared error of p", color="C1", va="bottom")
    green_z = float(np.interp(-green_at, -values["ce"][0], Z))
    ax.text(green_z + 0.6, green_at, "cross-entropy,\nten classes", color="C2", va="center")
    ax.set(title="loss of one example of class 1", xlabel="logit z of class 1", ylabel="loss", ylim=(-0.3, 8.6))


# %% [markdown]
# Right panel: the gradients, and two of them at a confidently wrong logit.
# %%
def draw_gradients(ax, theme, layout, values):
    for name, (_, grad) in values.items():
        color, style = STYLES[name]
        ax.plot(Z, grad, style, color=color)
    bce = float(binary_cross_entropy_with_logits_grad(WRONG, 1.0))
    se = float(mse_loss_grad(sigmoid(WRONG), 1.0) * sigmoid_grad(WRONG))
    ax.plot([WRONG, WRONG], [bce, se], "o", color=theme.fg, markersize=4, zorder=5)
    # each callout names its line; both sit left of the falling lines, under the squared error's dip
    callout(
        ax,
        "squared error:\n" + f"{se:.4f}, no push".translate(MINUS),
        (WRONG, se),
        theme,
        offset=(4, -52) if layout.narrow else (8, -64),  # on a phone the panel is less tall
        color="C1",
        fontsize=9 if layout.narrow else None,
    )
    callout(
        ax,
        "binary cross-entropy:\n" + f"{bce:.3f}, a full push".translate(MINUS),
        (WRONG, bce),
        theme,
        offset=(4, 30) if layout.narrow else (-4, 36),
        color="C0",
        fontsize=9 if layout.narrow else None,
    )
    ten = float(np.interp(-0.8, values["ce"][1], Z))  # where the ten classes' gradient is at -0.8
    ax.text(ten + 0.6, -0.8, "cross-entropy,\nten classes", color="C2", va="center")
    ax.set(
        title="its gradient  ∂loss/∂z",
        xlabel="logit z of class 1",
        ylabel="gradient" if layout.narrow else None,
        ylim=(-1.15, 0.15),
    )


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.6), narrow_height=3.0)
    values = curves(Z)
    draw_losses(left, theme, layout, values)
    draw_gradients(right, theme, layout, values)
    return fig


# %% [markdown]
# The numbers the page states about the figure: the number of classes, and at the marked wrong logit its
# probability and how many times weaker the squared error pushes there than binary cross-entropy.
# %%
def numbers() -> dict:
    bce = float(binary_cross_entropy_with_logits_grad(WRONG, 1.0))
    se = float(mse_loss_grad(sigmoid(WRONG), 1.0) * sigmoid_grad(WRONG))
    return {
        "classes": CLASSES,
        "wrong_logit": WRONG,
        "wrong_probability": float(sigmoid(WRONG)),
        "push_ratio": bce / se,
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "loss_classification_gradients"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
