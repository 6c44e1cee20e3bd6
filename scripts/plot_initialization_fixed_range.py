"""A fixed range is right for one width only.

Two stacks of 50 ReLU layers at four widths, with the variance of each layer's outputs (log scale).
Started from U(−0.3, 0.3) whatever their width, each layer multiplies the signal's mean square by
n × Var(w) / 2: narrow stacks lose the signal, wide ones blow it up, and only the width where that
factor is 1 keeps its size. He's start, whose variance 2/n follows the width, keeps the signal at
every width.

Conclusion: the right spread of the weights depends on the width, so a start must scale with the fan-in.
"""

# %%
import math
from functools import cache
from pathlib import Path

import numpy as np

from concepts.initialization import SCHEMES, depth_statistics
from sitebuild.figure_style import callout, power_of_ten, run, save, save_values

WIDTHS = (16, 64, 256, 512)
BATCH = 32  # inputs sent through each stack
NOTE_LAYER = 40  # where the note on the fixed range points


@cache
def variances(name: str) -> dict:
    """{width: variance per layer}, computed once and drawn in every variant."""
    return {
        n: depth_statistics(name, "relu", width=n, batch=BATCH, gradients=False, rng=0).activation_var for n in WIDTHS
    }


# %% [markdown]
# One panel per start: a curve per width.
# %%
def draw_start(ax, name, theme, layout):
    for i, n in enumerate(WIDTHS):
        var = variances(name)[n]
        ax.plot(np.arange(1, var.size + 1), var, color=f"C{i}", label=f"width {n}")
    ax.set(
        title=f"ReLU stack, {SCHEMES[name].label}",
        xlabel="layer",
        yscale="log",
        xlim=(0, 51),
        ylim=(1e-36, 1e60),
        yticks=10.0 ** np.arange(-30, 61, 15),
        ylabel="output variance" if layout.narrow else None,
    )


# %% [markdown]
# The fixed range keeps the signal only where n × Var(w) / 2, the factor per layer, is near 1.
# %%
def note_fixed(ax, theme):
    factor = {n: n * SCHEMES["fixed"].variance(n, n) / 2 for n in WIDTHS}
    closest = min(WIDTHS, key=lambda n: abs(np.log(factor[n])))
    callout(
        ax,
        f"width {closest}: ×{factor[closest]:.2f}",
        (NOTE_LAYER, variances("fixed")[closest][NOTE_LAYER - 1]),
        theme,
        offset=(-8, -18),
        fontsize=9,
    )


# %%
def draw(theme, layout):
    fig, (fixed, he) = layout.subplots(2, wide=(7.2, 3.4), narrow_height=2.8, sharey=True)
    draw_start(fixed, "fixed", theme, layout)
    note_fixed(fixed, theme)
    draw_start(he, "he", theme, layout)
    fixed.set_ylabel("output variance" if layout.narrow else "variance of the layer's outputs")
    fig.legend(
        *fixed.get_legend_handles_labels(), loc="outside lower center", ncols=2 if layout.narrow else 4, frameon=False
    )
    return fig


# %% [markdown]
# The numbers the page states about the figure: the fixed range (its bound b, from the variance b²/3 of
# U(−b, b)), the batch, and where the curves end, in the alt text. A curve that explodes is stated by the
# largest power of ten it passes.
# %%
def numbers() -> dict:
    fixed, he = variances("fixed"), variances("he")
    narrowest, *wider = WIDTHS
    assert np.all(np.diff(fixed[narrowest]) < 0)  # "at width 16 it falls at every layer"
    he_wider = [float(he[n][-1]) for n in wider]
    assert float(he[narrowest][-1]) < min(he_wider)  # "and lower at width 16"
    return {
        "fixed_label": SCHEMES["fixed"].label,
        "fixed_bound": math.sqrt(3 * SCHEMES["fixed"].variance(1, 1)),
        "batch": BATCH,
        "fixed_64_last": float(fixed[64][-1]),
        "fixed_256_exponent": power_of_ten(fixed[256][-1], math.floor),
        "fixed_512_exponent": power_of_ten(fixed[512][-1], math.floor),
        "he_wider_low": min(he_wider),
        "he_wider_high": max(he_wider),
        "he_narrowest_last": float(he[narrowest][-1]),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_fixed_range"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
