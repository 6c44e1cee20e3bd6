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
# # A neuron, by hand and with `concepts`
#
# This notebook runs the ideas of the [neuron page](../../neuron/) one step at a time, using the same
# `concepts` package the page is built from. The build runs it, again whenever it or the code it imports
# changes; download it (the button above), open it in Jupyter with `jupytext`, and change the numbers.
#
# A neuron computes $z = \sum_i w_i x_i + b$ and outputs $a = f(z)$.

# %%
import matplotlib.pyplot as plt
import numpy as np

from concepts.datasets import logic_gate
from concepts.neuron import Neuron, Perceptron, forward, sigmoid, sigmoid_grad, step, xor_network

# %% [markdown]
# ## 1. One neuron by hand
#
# Three inputs, three weights, one bias. The bias is added once, after the sum.

# %%
x = np.array([1.0, 2.0, 3.0])
w = np.array([0.5, -1.0, 0.25])
b = 0.1

z = np.sum(w * x) + b
print(f"z by hand      = {z:.4f},  sigmoid(z) = {float(sigmoid(z)):.4f}")

neuron = Neuron(w, b, activation="sigmoid")
print(f"z from Neuron  = {float(neuron.pre_activation(x)):.4f},  output     = {float(neuron(x)):.4f}")

# %% [markdown]
# ## 2. A slope by a nudge
#
# Nudge $z$ by a small $h$ and divide the change of the output by $h$: rise over run. As $h$ shrinks,
# the slope settles on the derivative, $\sigma(z)\,(1 - \sigma(z))$ by the page's maths, which
# `sigmoid_grad` computes. Try other values of `z0`, or `step` instead of `sigmoid`.

# %%
z0 = 1.0
for h in (1.0, 0.1, 0.01, 0.001, 0.0001):
    slope = float((sigmoid(z0 + h) - sigmoid(z0)) / h)
    print(f"h = {h:<7g} slope = {slope:.6f}")
print(f"formula:       {float(sigmoid_grad(z0)):.6f}")

# %% [markdown]
# ## 3. Smooth activations scale, the step gates
#
# Nudge $z$ across 0 and compare what comes out.

# %%
for value in (-0.2, -0.1, 0.0, 0.1, 0.2):
    print(f"z = {value:+.1f}   step -> {float(step(value)):.0f}   sigmoid -> {float(sigmoid(value)):.3f}")

# %% [markdown]
# ## 4. What one neuron can separate
#
# A sigmoid neuron with two inputs outputs exactly $\sigma(0)$ on the line $w \cdot x + b = 0$ (the
# cell prints it, at the line's closest point to the origin) and is drawn black there. Change `w2` and
# `b2` and run the cell again: the line turns with $w$ and slides with $b$.

# %%
w2, b2 = np.array([1.5, 1.0]), -2.0
foot = -b2 / (w2 @ w2) * w2  # the point of the line closest to the origin
print(f"sigmoid(0) = {float(sigmoid(0.0)):g},  output on the line = {float(Neuron(w2, b2)(foot)):g}")
grid = np.linspace(-1, 3, 161)
gx, gy = np.meshgrid(grid, grid)
out = Neuron(w2, b2)(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)

fig, ax = plt.subplots(figsize=(4.5, 3.6), layout="constrained")
shading = ax.contourf(gx, gy, out, levels=np.linspace(0, 1, 11), cmap="RdBu_r")
ax.contour(gx, gy, out, levels=[0.5], colors="black", linewidths=2)
ax.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal", title="output of one sigmoid neuron")
fig.colorbar(shading, ax=ax)
plt.show()

# %% [markdown]
# ## 5. The perceptron: AND yes, XOR no
#
# The perceptron learning rule stops after the first sweep without a mistake. On XOR there is no such
# sweep.

# %%
for gate in ("and", "or", "xor"):
    inputs, targets = logic_gate(gate)
    p = Perceptron(2).fit(inputs, targets, epochs=50)
    print(
        f"{gate.upper():>3}: converged={p.converged!s:5}  mistakes per sweep: {p.mistakes[:8]}"
        f"{' ...' if len(p.mistakes) > 8 else ''}"
    )

# %% [markdown]
# Two layers of the same step neurons compute XOR: hidden OR and NAND, then AND.

# %%
inputs, targets = logic_gate("xor")
print("two layers:", forward(inputs, xor_network()).ravel(), " targets:", targets)
