"""What a gradient costs: backpropagation against finite differences.

Multiply-adds in the matrix products of MLP([2, w, w, 1]) on a batch of 100, as the width w grows: for
the whole gradient (first panel), then in units of one forward pass (second panel). A backward pass
costs about twice a forward pass at every width, because each layer does two matrix products backward
(for dL/dW and dL/dx) for the one it does forward. Central differences run the forward pass twice per
parameter, so their cost grows with the number of parameters, about w² times a forward pass. Counts
from `concepts.chain_rule.backprop_cost`; the measured times are in the benchmark table on the page.

Conclusion: backpropagation gives the whole gradient for the price of a few forward passes, at
any size; finite differences are only a check for small networks.
"""

# %%
from pathlib import Path

import numpy as np

from concepts.chain_rule import backprop_cost
from sitebuild.figure_style import callout, mantissa_exponent, run, save, save_values

WIDTHS = 2 ** np.arange(2, 11)  # 4 ... 1024
BATCH = 100


def costs():
    """Forward, backward and finite-difference multiply-adds per width, and the counts at the widest."""
    counts = [backprop_cost([2, int(w), int(w), 1], BATCH) for w in WIDTHS]
    forward, backward, differences = (
        np.array([getattr(c, field) for c in counts], dtype=float)
        for field in ("forward", "backward", "finite_differences")
    )
    return forward, backward, differences, counts[-1]


def width_axis(ax):
    ax.set_xscale("log")
    ax.set_xticks(WIDTHS[::2], [str(w) for w in WIDTHS[::2]])
    ax.set(xlabel="width w")


# %% [markdown]
# First panel: the multiply-adds of one whole gradient, by each method, and of one forward pass.
# %%
def draw_totals(ax, theme, layout, forward, backward, differences):
    ax.loglog(WIDTHS, differences, "o-", color=theme.colors[1], markersize=4, label="central differences")
    ax.loglog(
        WIDTHS, forward + backward, "o-", color=theme.colors[0], markersize=4, label="backprop: forward + backward"
    )
    ax.loglog(WIDTHS, forward, "--", color=theme.muted, linewidth=1.4, label="one forward pass")
    width_axis(ax)
    ax.set(
        ylabel="multiply-adds" if layout.narrow else "multiply-adds for one gradient",
        title="cost of the whole gradient",
        ylim=(None, differences[-1] * (300 if layout.narrow else 30)),
    )  # room above for the legend
    ax.legend(loc="upper left", fontsize=8)


# %% [markdown]
# Second panel: the same costs divided by one forward pass; each line is labelled at its widest point,
# where the backward pass still costs about 2 forward passes.
# %%
def draw_ratios(ax, theme, layout, forward, backward, differences, widest):
    ratio_differences, ratio_backward = differences / forward, backward / forward
    ax.semilogy(WIDTHS, ratio_differences, "o-", color=theme.colors[1], markersize=4)
    ax.semilogy(WIDTHS, ratio_backward, "o-", color=theme.colors[0], markersize=4)
    width_axis(ax)
    ax.set(
        ylabel="cost / one forward pass",
        title="in units of a forward pass",
        ylim=(ratio_backward.min() / 2, ratio_differences[-1] * 500),
    )  # room above for the labels
    size = 8 if layout.narrow else 9
    callout(
        ax,
        f"backward pass ≈ {ratio_backward[-1]:.2f}",
        (WIDTHS[-1], ratio_backward[-1]),
        theme,
        offset=(-55, 28),
        fontsize=size,
        color=theme.colors[0],
    )
    callout(
        ax,
        f"central differences at w = {WIDTHS[-1]}:\n2 × {widest.parameters:,} parameters",
        (WIDTHS[-1], ratio_differences[-1]),
        theme,
        offset=(-85, 26),
        fontsize=size,
        color=theme.colors[1],
    )


# %%
def draw(theme, layout):
    forward, backward, differences, widest = costs()
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.2), narrow_height=2.9)
    draw_totals(left, theme, layout, forward, backward, differences)
    draw_ratios(right, theme, layout, forward, backward, differences, widest)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text. The totals of the first panel, at the
# narrowest and the widest network, are stated to one significant digit, as a mantissa and a power of ten.
# %%
def numbers() -> dict:
    forward, backward, differences, widest = costs()
    found = {"batch": BATCH, "narrowest": int(WIDTHS[0]), "widest": int(WIDTHS[-1])}
    for name, totals in (("differences", differences), ("backprop", forward + backward)):
        for end, total in (("first", totals[0]), ("last", totals[-1])):
            found[f"{name}_{end}_mantissa"], found[f"{name}_{end}_exponent"] = mantissa_exponent(total)
    return found | {
        "backprop_passes": float(np.max((forward + backward) / forward)),
        "backward_ratio_min": float(np.min(backward / forward)),
        "backward_ratio_max": float(np.max(backward / forward)),
        "differences_passes_widest_millions": widest.finite_differences / widest.forward / 1e6,
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_cost") + save_values(numbers(), out_dir / "chain_rule_cost")


if __name__ == "__main__":
    run(main, draw)
