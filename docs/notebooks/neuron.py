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
# # A neuron, by hand and by `concepts`
#
# This notebook imports the same code the [neuron page](../../neuron/) is built from. A neuron
# computes $z = \sum_i w_i x_i + b$ and outputs $f(z)$.

# %%
import numpy as np

from concepts.neuron import Neuron, sigmoid

x = np.array([1.0, 2.0, 3.0])
w = np.array([0.5, -1.0, 0.25])
b = 0.1
z = x @ w + b
print("by hand:", z, sigmoid(z))
print("Neuron: ", Neuron(w, b).pre_activation(x), Neuron(w, b)(x))
