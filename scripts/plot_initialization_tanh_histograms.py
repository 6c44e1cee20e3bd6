"""How the outputs of a tanh stack are spread, layer by layer.

Histograms of the outputs of layers 1, 10 and 50 of the 50-layer tanh stack, for three starts (log
scale). With U(±1/√n), PyTorch's nn.Linear default, every layer shrinks the signal, so from layer 10 on
every output is 0 to the eye. With N(0, 1) the pre-activations are huge, and almost every output sits
at −1 or +1, where tanh is flat and passes no gradient back. Xavier's start keeps a spread of values
through the depth, slowly narrowing.

Conclusion: too small a start leaves nothing to pass on, too large a start saturates every unit; only a
start matched to the fan-in keeps tanh in its useful range.
"""

# %%
import math
from functools import cache
from pathlib import Path

import numpy as np

from concepts.initialization import SCHEMES, depth_statistics
from sitebuild.figure_style import callout, run, save, save_values, significant

STARTS = ("standard", "xavier", "std1")
LAYERS = (1, 10, 50)
BINS = np.linspace(-1, 1, 42)  # 41 bins: the middle one is centred on 0


@cache
def outputs(name: str) -> list:
    """The outputs of every layer of the tanh stack, computed once and drawn in every variant."""
    return depth_statistics(name, "tanh", gradients=False, rng=0).activations


def shares(name: str) -> dict:
    """{layer: share of the outputs in each bin}."""
    return {layer: np.histogram(outputs(name)[layer - 1], BINS)[0] / outputs(name)[layer - 1].size for layer in LAYERS}


# %% [markdown]
# One panel per start: the histogram of layers 1, 10 and 50.
# %%
def draw_histograms(ax, name, theme):
    for i, layer in enumerate(LAYERS):
        ax.stairs(shares(name)[layer], BINS, color=f"C{i}", linewidth=1.8, label=f"layer {layer}", fill=False)
    ax.set(title=SCHEMES[name].label, xlim=(-1.05, 1.05), yscale="log", ylim=(1e-4, 1.5))


# %% [markdown]
# With nn.Linear's default, the deep layers' outputs all fall in the middle bin: how far from 0 do they get?
# %%
def shrunk_bound(deep=LAYERS[1:]) -> float:
    """The largest output, in size, of the deep layers of the stack started by nn.Linear's default."""
    return max(float(np.abs(outputs("standard")[layer - 1]).max()) for layer in deep)


def note_shrunk(ax, theme, layout):
    deep = LAYERS[1:]
    bound = shrunk_bound(deep)
    peak = shares("standard")[deep[-1]]
    centre = (BINS[peak.argmax()] + BINS[peak.argmax() + 1]) / 2
    callout(
        ax,
        f"layers {', '.join(map(str, deep))}:\nall within\n±{significant(bound, 2, math.ceil):g}",
        (centre, peak.max()),
        theme,
        offset=(50, -78) if layout.narrow else (36, -112),
        fontsize=9 if layout.narrow else 8.5,
    )


# %%
def draw(theme, layout):
    fig, axes = layout.subplots(3, wide=(7.2, 3.0), narrow_height=2.35, sharey=True, sharex=layout.narrow)
    for ax, name in zip(axes, STARTS):
        draw_histograms(ax, name, theme)
        if layout.narrow:
            ax.set(ylabel="share of the outputs")
            ax.tick_params(labelbottom=True)
        else:
            ax.set(xlabel="output of a tanh unit")
    note_shrunk(axes[0], theme, layout)
    if layout.narrow:
        axes[-1].set(xlabel="output of a tanh unit")
    else:
        axes[0].set(ylabel="share of the outputs")
    fig.legend(
        *axes[0].get_legend_handles_labels(),
        loc=f"outside {'upper' if layout.narrow else 'lower'} center",
        ncols=3,
        frameon=False,
    )
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text: how far from 0 the outputs get in every
# layer from the second drawn one on (the note's bound looks at the drawn layers only), rounded up to two
# digits as the note's is, so that "every output is within" it holds.
# %%
def numbers() -> dict:
    bound = shrunk_bound(range(LAYERS[1], len(outputs("standard")) + 1))
    return {"deep_from": LAYERS[1], "deep_bound": significant(bound, 2, math.ceil)}


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_tanh_histograms"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
