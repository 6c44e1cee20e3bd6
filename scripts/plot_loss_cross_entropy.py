"""Cross-entropy: the penalty for a confident wrong answer.

Left, cross-entropy −log p as a function of the probability p the model gives the right answer: small
when the model is nearly sure and right, moderate at a coin flip, and without bound as p goes to 0.
Right, one example of class 1 scored by a logit z (p = σ(z)): binary cross-entropy grows like |z| when
the model is confidently wrong, with a slope near −1, while the squared error of the probability can
never exceed 1 and goes flat there, with a slope near 0.

Conclusion: cross-entropy keeps pushing hardest exactly where the model is most confidently wrong;
squared error on a probability stops pushing there.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.loss import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    mse_loss,
    mse_loss_grad,
)
from concepts.neuron import sigmoid, sigmoid_grad
from sitebuild.figure_style import callout, run, save

MARKED = {0.9: (-14, 34), 0.5: (12, 42), 0.01: (52, 8)}  # probability of the right answer: label offset, points
WRONG = -6.0  # a confidently wrong logit for a positive example, labelled on the right
MINUS = str.maketrans("-", "−")


# %% [markdown]
# Left panel: −log p against p, three probabilities labelled with their loss.
# %%
def draw_against_probability(ax, theme, layout):
    p = np.linspace(0.002, 1, 500)
    ax.plot(p, binary_cross_entropy(p, np.ones_like(p), reduction="none"), color="C0")
    for q, offset in MARKED.items():
        value = float(binary_cross_entropy([q], [1.0]))
        ax.plot([q], [value], "o", color="C0", markersize=5, zorder=5)
        callout(ax, f"p = {q:g}: {value:.2f}", (q, value), theme, offset=offset)
    xlabel = "probability of the right answer  p" if layout.narrow else "probability given to the right answer  p"
    ax.set(title="cross-entropy  −log p", xlabel=xlabel, ylabel="loss", ylim=(-0.2, 6.3), xlim=(0, 1.02))


# %% [markdown]
# Right panel: one example of class 1 against its logit; the slope of each loss at a wrong logit.
# %%
def draw_against_logit(ax, theme, layout):
    z = np.linspace(-8, 8, 401)
    ones = np.ones_like(z)
    ax.plot(z, binary_cross_entropy_with_logits(z, ones, reduction="none"), color="C0")
    ax.plot(z, mse_loss(sigmoid(z), ones, reduction="none"), color="C1")
    bce = float(binary_cross_entropy_with_logits(WRONG, 1.0))
    bce_slope = float(binary_cross_entropy_with_logits_grad(WRONG, 1.0))
    mse = float(mse_loss(sigmoid(WRONG), 1.0))
    mse_slope = float(mse_loss_grad(sigmoid(WRONG), 1.0) * sigmoid_grad(WRONG))  # chain rule through σ
    ax.plot([WRONG, WRONG], [bce, mse], "o", color=theme.fg, markersize=4, zorder=5)
    # each label names its line, so no legend is needed
    callout(
        ax,
        "cross-entropy:\n" + f"slope {bce_slope:.3f} at z = {WRONG:g}".translate(MINUS),
        (WRONG, bce),
        theme,
        offset=(78, 0),
        color="C0",
    )
    callout(
        ax,
        "squared error:\n" + f"slope {mse_slope:.4f},".translate(MINUS) + "\nalmost no push",
        (WRONG, mse),
        theme,
        offset=(125, 42),
        color="C1",
    )
    title = "an example of class 1, by its logit" if layout.narrow else "one example of class 1, against its logit"
    ax.set(title=title, xlabel="logit z  (p = σ(z))", ylabel="loss" if layout.narrow else None, ylim=(-0.3, 8.6))


# %%
def draw(theme, layout):
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.5), narrow_height=2.9)
    draw_against_probability(left, theme, layout)
    draw_against_logit(right, theme, layout)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_cross_entropy")


if __name__ == "__main__":
    run(main, draw)
