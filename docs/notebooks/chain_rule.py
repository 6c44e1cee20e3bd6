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
# # The chain rule, by hand and with `concepts`
#
# This notebook runs the ideas of the [chain-rule page](../../chain-rule/) one step at a time, with the
# same `concepts` package the page is built from. The build runs it, again whenever it or the code it
# imports changes; download it (the button above), open it in Jupyter with `jupytext`, and change the
# numbers.
#
# The chain rule: along one path, local derivatives multiply, $\frac{dL}{dx} = \frac{dL}{du}\frac{du}{dx}$;
# where several paths meet, their contributions add.

# %%
import matplotlib.pyplot as plt
import numpy as np

from concepts.chain_rule import (
    DEMO_SIZES,
    Value,
    ValueMLP,
    deep_stack,
    demo_problem,
    demo_step,
    gradient_check,
    layer_gradient_norms,
    numerical_gradient,
    saved_floats,
    topological_order,
    train_demo,
)
from concepts.network import MLP

# %% [markdown]
# ## 1. Three nodes
#
# $x = 2$, $u = x^2$, $L = u^3$. First without any derivative formula: nudge $x$ by a small $h$ and
# watch how far $u$ and $L$ move. Make `h` smaller and see the rates settle.

# %%
x0 = 2.0
for h in (1e-1, 1e-3, 1e-6):
    u0, u_nudged = x0**2, (x0 + h) ** 2
    rate_u = (u_nudged - u0) / h  # how far u moves per unit of x
    rate_loss = (u_nudged**3 - u0**3) / (u_nudged - u0)  # how far L moves per unit of u
    print(f"h = {h:g}: du/dx ≈ {rate_u:.6f}, dL/du ≈ {rate_loss:.6f}, product {rate_u * rate_loss:.6f}")

# %% [markdown]
# The product is the rate of $L$ with respect to $x$: the nudge is multiplied at each step. With
# `Value`, each node keeps its value and, from the forward pass, its exact local derivative with
# respect to its input.

# %%
x = Value(2.0, label="x")
u = x**2
u.label = "u"
L = u**3
L.label = "L"
for node in (x, u, L):
    print(f"{node.label}: value {node.data:g}, local derivatives {node.local_grads}")

# %% [markdown]
# ## 2. The backward pass, step by step
#
# Start at $L$ with gradient 1, visit the nodes in reverse topological order, and pass each input the
# gradient times the local derivative. This is what `Value.backward` does.

# %%
grad = {id(L): 1.0}
for node in reversed(topological_order(L)):
    for child, local in zip(node.inputs, node.local_grads):
        share = local * grad[id(node)]  # chain rule: local × upstream
        grad[id(child)] = grad.get(id(child), 0.0) + share  # paths add
        total = grad[id(child)]
        print(f"d{L.label}/d{child.label} += {local:g} × {grad[id(node)]:g} -> {total:g}")

L.backward()
print("Value.backward:", x.grad, "   d(x^6)/dx at 2:", 6 * 2.0**5)

# %% [markdown]
# ## 3. Several paths add
#
# $f = xy + x$: $x$ reaches $f$ through the product and directly. Change the numbers and check that
# $\partial f / \partial x = y + 1$.

# %%
a, b = Value(2.0), Value(3.0)
out = a * b + a
out.backward()
print("df/dx =", a.grad, " y + 1 =", b.data + 1)

# %% [markdown]
# ### Three gates
#
# A sum hands the gradient from above unchanged to both inputs, a product gives each input the
# other's value times it, a maximum routes all of it to the larger input. Change the inputs, or the
# gradient sent down.

# %%
for name, gate in (("add", lambda p, q: p + q), ("multiply", lambda p, q: p * q), ("max", lambda p, q: p.maximum(q))):
    p, q = Value(3.0), Value(-2.0)
    gate(p, q).backward(5.0)
    print(f"{name:>8}: the inputs get {p.grad:g} and {q.grad:g}")

# %% [markdown]
# ## 4. Check against finite differences
#
# The relative error $|a - n| / \max(|a|, |n|)$ against central differences, with the CS231n
# thresholds: above $10^{-2}$ wrong, below $10^{-7}$ fine.


# %%
def expression(p, q):
    return (p * q).tanh() + (p / (q * q + 1.0)).sigmoid()


def f(v):  # the same function of a plain array, for finite differences
    p, q = Value(float(v[0])), Value(float(v[1]))
    return expression(p, q).data


point = np.array([0.7, -1.3])
inputs = [Value(t) for t in point]
expression(*inputs).backward()
analytic = [v.grad for v in inputs]
check = gradient_check(f, point, analytic)
numeric = numerical_gradient(f, point)
print("backprop:           ", np.round(analytic, 8))
print("central differences:", np.round(numeric, 8))
print(f"largest relative error {check.max_relative_error:.1e}:", check.verdict)

# %% [markdown]
# ## 5. micrograd's demo
#
# Two moons, an MLP with two hidden layers of ReLU units (`DEMO_SIZES`, micrograd's), hinge loss plus
# a small L2 penalty. The first three steps on both engines, from the same weights: the numbers agree.
# Then the whole training, `steps` steps, with the vectorised `MLP`.

# %%
print("layer sizes:", DEMO_SIZES)
net, xs, ys = demo_problem(rng=0)
model = ValueMLP(net.parameters(), activation="relu")
for k in range(3):
    mine = demo_step(net, xs, ys, lr=1.0)
    scalar = demo_step(model, xs, ys, lr=1.0)
    print(f"step {k}: loss {mine[0]:.12f} (MLP), {scalar[0]:.12f} (ValueMLP)")

net, xs, ys = demo_problem(rng=0)
steps = 100
history = train_demo(net, xs, ys, steps=steps)
loss, accuracy = history[-1]
print(f"after {steps} steps: loss {loss:.4f}, accuracy {accuracy:.0%}")

# %%
gx, gy = np.meshgrid(np.linspace(-1.6, 2.6, 160), np.linspace(-1.2, 1.7, 110))
grid = np.column_stack([gx.ravel(), gy.ravel()])
scores = net.forward(grid)[:, 0].reshape(gx.shape)
fig, ax = plt.subplots(figsize=(4.5, 3.2), layout="constrained")
ax.contourf(gx, gy, scores > 0, levels=[-0.5, 0.5, 1.5], cmap="RdBu_r", alpha=0.4)
ax.scatter(xs[:, 0], xs[:, 1], c=ys, cmap="RdBu_r", edgecolor="black", s=20)
ax.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal", title=f"after {steps} steps")
plt.show()

# %% [markdown]
# ## 6. Vanishing gradients
#
# The size of each layer's weight gradient in a stack of `depth` equal layers of `width` units. Try
# other depths, or `scaled=False` (PyTorch's default initialization).

# %%
depth, width = 20, 64
rng = np.random.default_rng(1)
batch = rng.normal(size=(128, width))
upstream = rng.normal(size=(128, width)) / 128
fig, ax = plt.subplots(figsize=(4.5, 3.2), layout="constrained")
for activation in ("sigmoid", "tanh", "relu"):
    stack = deep_stack(activation, depth, width, rng=0)
    norms = layer_gradient_norms(stack, batch, upstream)
    ax.semilogy(np.arange(1, depth + 1), norms / norms[-1], marker="o", label=activation)
ax.set(xlabel="layer (1 = next to the input)", ylabel="relative gradient size")
ax.set_title(f"{depth} layers of {width} units")
ax.legend()
plt.show()

# %% [markdown]
# ## 7. What the backward pass keeps
#
# The forward pass keeps each layer's input and pre-activation for the backward pass. Count them
# against the parameters as the depth and the batch grow.

# %%
for depth, batch_size in ((4, 32), (8, 32), (8, 128), (8, 512)):
    stack = MLP([64] * (depth + 1), rng=0)
    stack.forward(np.zeros((batch_size, 64)))
    params = sum(p.size for p in stack.parameters())
    print(f"depth {depth}, batch {batch_size}: {saved_floats(stack):,} numbers kept, {params:,} parameters")
