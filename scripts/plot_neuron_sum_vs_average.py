"""Weighted sum versus weighted average.

A neuron adds up its weighted inputs. Left: as more inputs switch on, the sum grows and the neuron's
output rises (it counts evidence); a weighted average always stays between the smallest and the largest
input (0 and 1 here), so after the same bias the output can never rise above sigmoid(1 - 3) = 0.12.
Right: multiplying every weight by 2 or 4 sharpens the neuron's response; an average divides the
factor out and cannot tell the difference.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from concepts.neuron import Neuron, sigmoid
from sitebuild.figure_style import run, save

N_INPUTS = 8
WEIGHT = 0.8
BIAS = -3.0


def weighted_average(x, w):
    return x @ w / w.sum()


def draw(theme):
    w = np.full(N_INPUTS, WEIGHT)
    active = np.arange(0, N_INPUTS + 1)
    x = (np.arange(N_INPUTS)[None, :] < active[:, None]).astype(float)  # row k: the first k inputs on
    neuron = Neuron(w, BIAS)
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.2, 3.3), layout="constrained")
    left.plot(active, neuron(x), "o-", color="C0", label="σ(Σ wᵢxᵢ + b): the neuron")
    left.plot(active, sigmoid(weighted_average(x, w) + BIAS), "s--", color="C1",
              label="σ(weighted average + b)")
    left.set(title=f"{N_INPUTS} binary inputs, weights {WEIGHT:g}, b = {BIAS:g}", xlabel="inputs switched on",
             ylabel="output", ylim=(-0.05, 1.12))
    left.legend(loc="upper left")

    t = np.linspace(-3, 3, 301)  # one input swept; the other fixed at 1
    inputs = np.column_stack([t, np.ones_like(t)])
    base = np.array([3.0, -1.0])
    for i, scale in enumerate((1.0, 2.0, 4.0)):
        right.plot(t, Neuron(scale * base, 0.0)(inputs), color=f"C{i}", label=f"neuron, w × {scale:g}")
    right.plot(t, sigmoid(weighted_average(inputs, base)), color=theme.muted, linestyle="--", linewidth=2.5,
               label="average, any ×")
    right.axhline(0.5, color=theme.muted, linewidth=0.8, linestyle=":")
    right.set(title="scaling all weights", xlabel="input x₁ (x₂ = 1)", ylim=(-0.05, 1.12))
    right.legend(loc="lower right")
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "neuron_sum_vs_average")


if __name__ == "__main__":
    run(main)
