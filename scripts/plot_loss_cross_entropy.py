"""Cross-entropy: the penalty for a confident wrong answer.

Left, cross-entropy as a function of the probability p the model gives the right answer: −log p is
0.1 at p = 0.9, 0.69 at a coin flip and 4.6 at p = 0.01, without bound as p goes to 0. Right, for one
example of class 1 scored by a logit z (p = sigmoid(z)): binary cross-entropy grows like |z| when the
model is confidently wrong, while the squared error of the probability can never exceed 1 and goes
flat, so its gradient vanishes exactly where the model most needs correcting.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.loss import (binary_cross_entropy, binary_cross_entropy_with_logits,
                           binary_cross_entropy_with_logits_grad, mse_loss, mse_loss_grad)
from concepts.neuron import sigmoid, sigmoid_grad
from sitebuild.figure_style import box, run, save

MARKED = (0.9, 0.5, 0.01)  # probabilities of the right answer labelled on the left
WRONG = -6.0  # a confidently wrong logit for a positive example, labelled on the right


def draw(theme):
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.5), layout="constrained")
    p = np.linspace(0.002, 1, 500)
    left.plot(p, binary_cross_entropy(p, np.ones_like(p), reduction="none"), color="C0")
    for q, place in zip(MARKED, [(0.62, 1.2), (0.56, 2.3), (0.12, 4.9)]):
        value = float(binary_cross_entropy([q], [1.0]))
        left.plot([q], [value], "o", color="C0", markersize=5, zorder=5)
        left.annotate(f"p = {q:g}: {value:.2f}", xy=(q, value), xytext=place, bbox=box(theme),
                      arrowprops={"arrowstyle": "->", "color": theme.fg})
    left.set(title="cross-entropy  −log p", xlabel="probability given to the right answer  p",
             ylabel="loss", ylim=(-0.2, 6.3), xlim=(0, 1.02))

    z = np.linspace(-8, 8, 401)
    ones = np.ones_like(z)
    right.plot(z, binary_cross_entropy_with_logits(z, ones, reduction="none"), color="C0",
               label="cross-entropy of σ(z)")
    right.plot(z, mse_loss(sigmoid(z), ones, reduction="none"), color="C1", label="squared error of σ(z)")
    bce_slope = float(binary_cross_entropy_with_logits_grad(WRONG, 1.0))
    mse_slope = float(mse_loss_grad(sigmoid(WRONG), 1.0) * sigmoid_grad(WRONG))  # chain rule through σ
    minus = str.maketrans("-", "−")
    right.annotate(f"at z = {WRONG:g}:\nslope {bce_slope:.3f}".translate(minus), xy=(WRONG, 6.0),
                   xytext=(-3.6, 6.4),
                   color="C0", bbox=box(theme), arrowprops={"arrowstyle": "->", "color": "C0"})
    right.annotate(f"slope {mse_slope:.4f}:\nalmost no push".translate(minus), xy=(WRONG, 0.99),
                   xytext=(0.2, 1.7),
                   color="C1", bbox=box(theme), arrowprops={"arrowstyle": "->", "color": "C1"})
    right.set(title="one example of class 1, against its logit", xlabel="logit z  (p = σ(z))",
              ylim=(-0.3, 8.6))
    right.legend(loc="center right")
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_cross_entropy")


if __name__ == "__main__":
    run(main)
