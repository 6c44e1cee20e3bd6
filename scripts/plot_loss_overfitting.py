"""Training loss against held-out loss: zero is not the goal.

A network with two hidden layers of 48 tanh units fitted to 16 noisy points of sin(2x) by full-batch
gradient descent with momentum on MSE. Left, the loss on the 16 training points falls towards 0 for as
long as training runs, while the loss on 400 held-out points bottoms out early and then climbs: the
network is learning the noise. Even at its best the held-out loss stays above the noise floor, the
held-out loss of the true curve itself, which no model can beat on average. Right, the fit at the best
held-out step and at the end: the last one passes through or near every training point, noise and all.

Conclusion: judge a model by its loss on data it was not trained on, and stop where that loss is
lowest; a training loss near zero means it has memorised the noise.
"""

# %%
from functools import cache
from pathlib import Path

import numpy as np
from matplotlib.transforms import blended_transform_factory

from concepts.datasets import noisy_sine
from concepts.loss import mse_loss, train_curves
from concepts.network import MLP
from sitebuild.figure_style import callout, run, save, save_values

NOISE, SIZES, STEPS = 0.3, [1, 48, 48, 1], 6000


# %% [markdown]
# The experiment: train on 16 points, record both losses, and keep a copy stopped at the best step.
# %%
@cache  # draw runs once per palette and layout; train once
def experiment():
    train, held_out = noisy_sine(16, NOISE, rng=1), noisy_sine(400, NOISE, rng=2)
    record = np.unique(np.geomspace(1, STEPS, 90).round().astype(int))
    net = MLP(SIZES, "tanh", rng=0)
    curves = train_curves(net, train, held_out, steps=STEPS, record=record)
    best_step = int(curves["step"][np.argmin(curves["held_out"])])
    early = MLP(SIZES, "tanh", rng=0)  # the same start, stopped at the best held-out step
    train_curves(early, train, held_out, steps=best_step, record=[])
    return train, held_out, curves, net, early


# %% [markdown]
# Left panel: training and held-out loss against the step, with the noise floor and the best step.
# %%
def draw_curves(ax, theme, layout, curves, floor):
    best = int(np.argmin(curves["held_out"]))
    best_step, best_loss = int(curves["step"][best]), float(curves["held_out"][best])
    ax.loglog(curves["step"], curves["train"], color="C0", label="training loss (16 points)")
    ax.loglog(curves["step"], curves["held_out"], color="C1", label="held-out loss (400 points)")
    ax.axhline(floor, color=theme.muted, linestyle="--", linewidth=1.2)
    ax.text(
        0.97,
        floor * 0.82,
        f"noise floor {floor:.3f}",
        color=theme.muted,
        ha="right",
        va="top",
        transform=blended_transform_factory(ax.transAxes, ax.transData),
    )
    ax.plot([best_step], [best_loss], "o", color="C1", markersize=6, zorder=5)
    callout(
        ax,
        f"best held-out: {best_loss:.3f}\nat step {best_step}",
        (best_step, best_loss),
        theme,
        offset=(12, 50) if layout.narrow else (38, 52),
    )  # above the curves, clear of the late climb
    ax.set(title="loss during training", xlabel="gradient-descent step", ylabel="MSE", ylim=(2e-3, 3))
    ax.legend(loc="lower left", fontsize=8.5)


# %% [markdown]
# Right panel: the true curve, the training points and the network at the best step and at the end.
# %%
def draw_fits(ax, theme, layout, train, early, trained, best_step):
    x, y = train
    grid = np.linspace(-2, 2, 300)[:, None]
    ax.plot(grid, np.sin(2 * grid), ":", color=theme.fg, linewidth=1.5, label="true curve sin(2x)")
    ax.plot(grid, early.forward(grid), color="C2", label=f"fit at step {best_step}")
    ax.plot(grid, trained.forward(grid), color="C1", label=f"fit at step {STEPS}")
    ax.scatter(x, y, s=26, color=theme.colors[0], edgecolor=theme.fg, linewidth=0.6, zorder=5, label="training points")
    # the legend takes the top: the curves stay below y = 1.3 there
    ax.set(title="what the network learned", xlabel="x", ylabel="y", ylim=(-2.3, 3.1 if layout.narrow else 2.9))
    ax.legend(loc="upper left", fontsize=8, ncols=2)


# %%
def noise_floor(held_out) -> float:
    """The held-out loss of the true curve itself: the noise alone, which no model can go below."""
    x_held, y_held = held_out
    return float(mse_loss(np.sin(2 * x_held), y_held))


def draw(theme, layout):
    train, held_out, curves, trained, early = experiment()
    floor = noise_floor(held_out)
    best_step = int(curves["step"][np.argmin(curves["held_out"])])
    fig, (left, right) = layout.subplots(2, wide=(7.2, 3.6), narrow_height=2.9)
    draw_curves(left, theme, layout, curves, floor)
    draw_fits(right, theme, layout, train, early, trained, best_step)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its prose and its alt text.
# %%
def numbers() -> dict:
    train, held_out, curves, _, _ = experiment()
    best = int(np.argmin(curves["held_out"]))
    return {
        "hidden_layers": len(SIZES) - 2,
        "hidden_units": SIZES[1],
        "noise": NOISE,
        "noise_variance": NOISE**2,
        "train_points": len(train[0]),
        "held_out_points": len(held_out[0]),
        "steps": STEPS,
        "first_step": int(curves["step"][0]),  # the first step drawn: a log axis has no step 0
        "first_train": float(curves["train"][0]),
        "last_train": float(curves["train"][-1]),
        "best_step": int(curves["step"][best]),
        "best_held_out": float(curves["held_out"][best]),
        "last_held_out": float(curves["held_out"][-1]),
        "noise_floor": noise_floor(held_out),
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "loss_overfitting") + save_values(numbers(), out_dir / "loss_overfitting")


if __name__ == "__main__":
    run(main, draw)
