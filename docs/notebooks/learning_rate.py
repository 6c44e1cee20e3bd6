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
# # The learning rate, by hand and with `concepts`
#
# This notebook runs the ideas of the [learning-rate page](../../learning-rate/) one step at a time, using
# the same `concepts` package the page is built from. The build runs it, again whenever it or the code it
# imports changes; download it (the button above), open it in Jupyter with `jupytext`, and change the
# numbers.
#
# Gradient descent repeats one update: $w \leftarrow w - \eta\,\nabla L(w)$, with $\eta$ the
# learning rate.

# %%
import matplotlib.pyplot as plt
import numpy as np

from concepts.datasets import two_moons
from concepts.learning_rate import (
    SGD,
    Adam,
    Quadratic,
    classifier_objective,
    cosine_annealing_lr,
    gradient_descent,
    lr_range_test,
    one_cycle_lr,
    optimize,
    train,
)
from concepts.network import MLP

# %% [markdown]
# ## 1. Gradient descent by hand
#
# Minimise $f(w) = 2w^2$, whose gradient is $4w$ and whose curvature is $L = 4$. Each step multiplies
# $w$ by $1 - 4\eta$. Try $\eta = 0.1$ (shrinks), $0.4$ (flips sign, still shrinks), $0.6$ (grows).

# %%
for lr in (0.1, 0.4, 0.5, 0.6):
    w = 1.0
    trace = []
    for _ in range(6):
        w = w - lr * 4 * w
        trace.append(w)
    print(f"lr = {lr}: factor {1 - 4 * lr:+.1f} ->", np.round(trace, 3))

# %% [markdown]
# The same runs with `gradient_descent`, which returns every iterate:

# %%
path = gradient_descent(lambda w: 4 * w, [1.0], lr=0.4, steps=6)
print(path.ravel().round(3))

# %% [markdown]
# ## 2. The bowl knows its limits
#
# For a quadratic bowl with curvatures $\mu$ (flattest) and $L$ (steepest), gradient descent converges
# iff $0 < \eta < 2/L$, and $2/(\mu + L)$ is the best fixed rate. Measure the steps it takes for a
# range of rates and compare.

# %%
bowl = Quadratic([1.0, 10.0])
start = np.array([-4.0, 1.5])
rates = np.linspace(0.005, 0.25, 491)
steps = bowl.steps_to_converge(rates, start)
print(f"2/L = {bowl.max_stable_lr:.4f}, 2/(mu + L) = {bowl.optimal_lr:.4f}")
best = rates[np.argmin(steps)]
print(f"measured best = {best:.4f} ({steps.min():.0f} steps)")

fig, ax = plt.subplots(figsize=(4.5, 3.2), layout="constrained")
ax.plot(rates, steps)
ax.axvline(bowl.optimal_lr, color="C1", label="2/(μ + L)")
ax.axvline(bowl.max_stable_lr, color="k", label="2/L")
ax.set(yscale="log", xlabel="learning rate", ylabel="steps to converge")
ax.legend()
plt.show()

# %% [markdown]
# ## 3. Curvature, not a magic interval
#
# Scale the loss by 100 (a sum over 100 examples instead of a mean) and every curvature grows 100
# times: the largest stable rate shrinks 100 times.

# %%
for scale in (1, 100):
    scaled = Quadratic(scale * bowl.hessian)
    end = gradient_descent(scaled.grad, start, lr=0.1, steps=200)[-1]
    print(
        f"loss x {scale:>3}: 2/L = {scaled.max_stable_lr:.4f}, |w| after 200 steps at lr 0.1: {np.linalg.norm(end):.2g}"
    )

# %% [markdown]
# ## 4. Momentum and Adam in a narrow valley
#
# The valley $(x^2 + 50y^2)/2$ is fifty times steeper across than along. Compare the loss after 100
# steps.

# %%
valley = Quadratic([1.0, 50.0])
lr = 1 / valley.L
for name, optimizer in [
    ("gradient descent", SGD(lr)),
    ("momentum 0.9", SGD(lr, momentum=0.9)),
    ("Nesterov 0.9", SGD(lr, momentum=0.9, nesterov=True)),
    ("Adam 0.3", Adam(0.3)),
]:
    path = optimize(optimizer, valley.grad, [-7.0, 2.0], 100)
    print(f"{name:>17}: loss after 100 steps {valley(path[-1]):.1e}")

# %% [markdown]
# The page's momentum slider, by hand: the same rate, the momentum $m$ from 0 towards 1. The loss falls
# faster and faster, then, with too much momentum, the path swings past the minimum and back.

# %%
for m in (0.0, 0.5, 0.8, 0.9, 0.99):
    path = optimize(SGD(lr, momentum=m), valley.grad, [-7.0, 2.0], 80)
    print(f"momentum {m:4}: loss after 80 steps {valley(path[-1]):.1e}")

# %% [markdown]
# ## 5. Schedules
#
# A schedule is a function of the step number. Plot cosine annealing and one-cycle over 200 steps
# (`one_cycle_lr` is PyTorch's default OneCycleLR: two half cosines, where Smith's 1cycle uses straight lines).

# %%
t = np.arange(200)
fig, ax = plt.subplots(figsize=(4.5, 3), layout="constrained")
ax.plot(t, cosine_annealing_lr(0.1, t, T_max=200), label="cosine from 0.1")
ax.plot(t, one_cycle_lr(1.0, t, total_steps=200), label="one-cycle to 1.0")
ax.set(xlabel="step", ylabel="learning rate")
ax.legend()
plt.show()

# %% [markdown]
# ## 6. The LR range test on a small network
#
# Raise the rate exponentially over one short run and watch the loss; then train with the suggested
# rate, and with ten times less and more.

# %%
x, y = two_moons(200, noise=0.15, rng=0)
net = MLP([2, 16, 16, 1], "tanh", rng=1)
objective = classifier_objective(net, x, y, batch_size=32, rng=0)
test = lr_range_test(net.parameters(), objective)
print(f"{len(test.losses)} steps, suggested rate {test.suggested_lr:.3f}")

fig, (left, right) = plt.subplots(2, 1, figsize=(4.5, 5.6), layout="constrained")  # stacked: reads on a phone
left.plot(test.lrs, test.losses, color="0.6", label="loss")
left.plot(test.lrs, test.smoothed, label="smoothed")
left.axvline(test.suggested_lr, color="C1")
left.set(xscale="log", ylim=(0, 2), xlabel="learning rate", ylabel="loss")
left.legend()
for factor in (0.1, 1, 10):
    net = MLP([2, 16, 16, 1], "tanh", rng=1)
    objective = classifier_objective(net, x, y, batch_size=32, rng=1)
    rate = test.suggested_lr * factor
    losses = train(net.parameters(), objective, SGD(rate), steps=300)
    right.plot(losses, label=f"lr = {rate:.3g}")
right.set(yscale="log", xlabel="step", ylabel="minibatch loss")
right.legend()
plt.show()
