"""Thin tails do not save a normal start: the variance decides.

A normal and a uniform distribution with the same variance 1: the normal's tails are thin, the uniform
has none at all, no weight beyond ±√3. Then 50 ReLU layers of width 256 started from each of them, at
two scales, with the variance of each layer's outputs (log scale). At variance 1 both explode at the
same rate (their curves overlap); at He's variance 2/n both hold.

Conclusion: which distribution makes no visible difference; the scale makes all of it.
"""

# %%
import math
from functools import cache
from pathlib import Path

import numpy as np

from concepts.initialization import depth_statistics, initializer
from sitebuild.figure_style import run, save, save_values, significant

STARTS = {  # label: (initializer, colour, dashed)
    "N(0, 1)": (initializer("normal", std=1.0), "C1", False),
    "U(±√3), variance 1": (initializer("uniform", a=-math.sqrt(3), b=math.sqrt(3)), "C0", True),
    "He normal, 2/n": (initializer("kaiming_normal", nonlinearity="relu"), "C2", False),
    "He uniform, 2/n": (initializer("kaiming_uniform", nonlinearity="relu"), "C3", True),
}


@cache
def variances() -> dict:
    """Computed once, drawn in every variant."""
    return {
        label: depth_statistics(init, "relu", gradients=False, rng=0).activation_var
        for label, (init, _, _) in STARTS.items()
    }


# %% [markdown]
# The two shapes, at the same variance 1.
# %%
def draw_shapes(ax, theme, layout):
    w = np.linspace(-4, 4, 801)
    ax.plot(w, np.exp(-(w**2) / 2) / math.sqrt(2 * math.pi), color="C1", label="normal N(0, 1)")
    ax.plot(
        w,
        np.where(np.abs(w) <= math.sqrt(3), 1 / (2 * math.sqrt(3)), 0.0),
        color="C0",
        linestyle="--",
        label="uniform U(±√3)",
    )
    ax.set(title="same variance, different shapes", xlabel="weight", ylabel="density", ylim=(0, 0.55))
    ax.legend(loc="upper left", fontsize=8.5)


# %% [markdown]
# A ReLU stack started from each shape, at variance 1 and at He's variance 2/n.
# %%
def draw_stacks(ax, theme, layout):
    for label, (_, colour, dashed) in STARTS.items():
        var = variances()[label]
        ax.plot(
            np.arange(1, var.size + 1),
            var,
            color=colour,
            label=label,
            linestyle="--" if dashed else "-",
            linewidth=1.6 if dashed else 2.4,
        )
    ax.set(
        title="50 ReLU layers of width 256",
        xlabel="layer",
        ylabel="output variance" if layout.narrow else "variance of the outputs",
        yscale="log",
        xlim=(0, 51),
        ylim=(1e-14, 1e125),
        yticks=10.0 ** np.arange(0, 121, 30),
    )
    ax.legend(loc="upper left", fontsize=8.5)


# %%
def draw(theme, layout):
    fig, (shapes, stacks) = layout.subplots(2, wide=(7.2, 3.3), narrow_height=2.9)
    draw_shapes(shapes, theme, layout)
    draw_stacks(stacks, theme, layout)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text: the power of ten the two starts of
# variance 1 explode to (nearest to their geometric mean), and the band He's two starts stay in, its ends
# rounded outwards to the digits the page states, so that "stay between" still holds.
# %%
def numbers() -> dict:
    curves = list(variances().values())  # STARTS lists the two of variance 1 first, then He's two
    exploding, holding = curves[:2], curves[2:]
    return {
        "explode_exponent": round(float(np.mean([math.log10(var[-1]) for var in exploding]))),
        "he_low": significant(float(min(var.min() for var in holding)), 1, math.floor),
        "he_high": significant(float(max(var.max() for var in holding)), 2, math.ceil),
    }


def main(out_dir: Path) -> list[Path]:
    stem = out_dir / "initialization_tails"
    return save(draw, stem) + save_values(numbers(), stem)


if __name__ == "__main__":
    run(main, draw)
