"""Cross-entropy: the penalty for a confident wrong answer.

Cross-entropy −log p as a function of the probability p the model gives the right answer: small when
the model is nearly sure and right, moderate at a coin flip, and without bound as p goes to 0. (How it
pushes the logit behind p, beside the squared error's push, is `plot_loss_classification_gradients.py`.)

Conclusion: a confident wrong answer costs without limit; a hesitant right one costs little.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.loss import binary_cross_entropy
from sitebuild.figure_style import callout, run, save

MARKED = {0.9: (-14, 34), 0.5: (12, 42), 0.01: (52, 8)}  # probability of the right answer: label offset, points


# %% [markdown]
# −log p against p, three probabilities labelled with their loss.
# %%
def draw(theme, layout):
    fig, ax = layout.subplots(1, wide=(5.0, 3.4), narrow_height=2.9)
    p = np.linspace(0.002, 1, 500)
    ax.plot(p, binary_cross_entropy(p, np.ones_like(p), reduction="none"), color="C0")
    for q, offset in MARKED.items():
        value = float(binary_cross_entropy([q], [1.0]))
        ax.plot([q], [value], "o", color="C0", markersize=5, zorder=5)
        callout(ax, f"p = {q:g}: {value:.2f}", (q, value), theme, offset=offset)
    xlabel = "probability of the right answer  p" if layout.narrow else "probability given to the right answer  p"
    ax.set(title="cross-entropy  −log p", xlabel=xlabel, ylabel="loss", ylim=(-0.2, 6.3), xlim=(0, 1.02))
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_cross_entropy")


if __name__ == "__main__":
    run(main, draw)
