# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Weight initialization, by hand and with `concepts`
#
# This notebook runs the experiments of the [initialization page](../../initialization/) one step at a
# time, using the same `concepts` package the page is built from. The build runs it, again whenever it or
# the code it imports changes; download it (the button above), open it in Jupyter with `jupytext`, and
# change the numbers.
#
# A layer computes $z = x W$ with $W$ of shape `(fan_in, fan_out)`. Each output is a sum of $n$
# products, so $\operatorname{Var}(z) = n \operatorname{Var}(w) \operatorname{Var}(x)$.

# %%
import matplotlib.pyplot as plt
import numpy as np

from concepts.initialization import (
    SCHEMES,
    depth_statistics,
    initializer,
    kaiming_normal,
    lecun_normal,
    normal,
    start_experiment,
    symmetry_experiment,
    xavier_uniform,
)

# %% [markdown]
# ## 1. One layer: the variance rule
#
# Feed 1000 inputs of variance 1 through one layer of 512 inputs and compare the variance that comes
# out with $n \operatorname{Var}(w)$ for three starts.

# %%
rng = np.random.default_rng(0)
n = 512
x = rng.normal(size=(1000, n))
for name, w in [
    ("N(0, 1)", normal(n, 256, rng=rng)),
    ("LeCun N(0, 1/n)", lecun_normal(n, 256, rng=rng)),
    ("Xavier", xavier_uniform(n, 256, rng=rng)),
]:
    print(f"{name:16} Var(z) = {(x @ w).var():8.3f}   n Var(w) = {n * w.var():8.3f}")

# %% [markdown]
# ## 2. Fifty layers
#
# `depth_statistics` builds a stack of 50 layers of 256 units, started by a scheme, and measures the
# variance of every layer's outputs. Change `activation` to `"tanh"` and run the cell again.

# %%
activation = "relu"
fig, ax = plt.subplots(figsize=(4.5, 3.2), layout="constrained")
for name, scheme in SCHEMES.items():
    var = depth_statistics(name, activation, gradients=False, rng=0).activation_var
    ax.plot(np.arange(1, 51), var, label=scheme.label)
    print(f"{scheme.label:24} variance after 50 layers: {var[-1]:.2g}")
ax.set(yscale="log", xlabel="layer", ylabel="variance of the outputs", title=f"50 {activation} layers")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# ## 3. Your own scale
#
# Weights $N(0, m^2/n)$: $m = \sqrt 2$ is He's start. Try $m = 1.2$ or $m = 1.6$ and see how far 50
# layers carry a small error in the scale.

# %%
m = 1.2
init = initializer("normal", std=m / np.sqrt(256))
for act in ("tanh", "relu"):
    var = depth_statistics(init, act, gradients=False, rng=0).activation_var
    print(f"m = {m}: {act:4} variance after 10, 25, 50 layers: {var[9]:.3g}, {var[24]:.3g}, {var[49]:.3g}")

# %% [markdown]
# ## 4. He's start in a ReLU layer
#
# ReLU keeps half the mean square; He's variance $2/n$ gives it back.

# %%
h = np.maximum(rng.normal(size=(256, n)), 0)
z = h @ kaiming_normal(n, 4096, nonlinearity="relu", rng=rng)
print(f"mean square in: {np.mean(h**2):.3f}   out of the next ReLU: {np.mean(np.maximum(z, 0) ** 2):.3f}")

# %% [markdown]
# ## 5. Symmetry
#
# From a constant start, the hidden units of a layer stay copies of each other; from a random one they
# do not.

# %%
for name, start in [("constant 0.5", initializer("constant", value=0.5)), ("Xavier", "xavier")]:
    run = symmetry_experiment(start, steps=500, rng=0)
    print(
        f"{name:12} largest difference between two units: {run.spread:.3g}, training points right: {run.accuracy:.0%}"
    )

# %% [markdown]
# ## 6. Train the same network from each start
#
# The deeplearning.ai notes' experiment: one ReLU network learns the two moons from four starts, with
# the same data, learning rate and steps. Change `lr` (try `lr = 0.05`) and see which starts learn; the maps
# show where each trained network answers "class 1".

# %%
lr = 0.5
starts = {
    "all zeros": initializer("zeros"),
    "large N(0, 10²)": initializer("normal", std=10.0),
    "He": "he",
    "PyTorch default": None,
}
fig, axes = plt.subplots(2, 2, figsize=(4.5, 4.2), layout="constrained")  # 2 x 2: reads on a phone
gx, gy = np.meshgrid(np.linspace(-1.6, 2.6, 120), np.linspace(-1.2, 1.7, 90))
for ax, (name, start) in zip(axes.ravel(), starts.items()):
    run = start_experiment(start, lr=lr, rng=0)
    x, y = run.data
    scores = run.net.forward(np.column_stack([gx.ravel(), gy.ravel()]))[:, 0].reshape(gx.shape)
    ax.contourf(gx, gy, scores > 0, levels=[-0.5, 0.5, 1.5], alpha=0.3)
    ax.scatter(x[:, 0], x[:, 1], c=y, s=6, cmap="coolwarm")
    ax.set_title(f"{name}: {run.accuracy:.0%} right", fontsize=9)
    ax.set(xticks=[], yticks=[])
    print(f"{name:16} final loss {run.losses[-1]:.3g}, dead units per hidden layer {run.dead.tolist()}")
plt.show()
