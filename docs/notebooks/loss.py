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
# # Loss, by hand and with `concepts`
#
# This notebook runs the ideas of the [loss page](../../loss/) one step at a time, using the same
# `concepts` package the page is built from. The build runs it, again whenever it or the code it imports
# changes; download it (the button above), open it in Jupyter with `jupytext`, and change the numbers.
#
# A loss turns predictions $\hat y$ and targets $y$ into one number; its gradient
# $\partial L / \partial \hat y$ is the push that training receives.

# %%
import matplotlib.pyplot as plt
import numpy as np

from concepts.datasets import line_with_outliers, noisy_sine
from concepts.loss import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    cross_entropy_grad,
    fit_line,
    huber_loss,
    huber_loss_grad,
    l1_loss,
    l1_loss_grad,
    mse_loss,
    mse_loss_grad,
    naive_cross_entropy,
    softmax,
    train_curves,
)
from concepts.network import MLP

# %% [markdown]
# ## 1. Three losses by hand
#
# With the errors $e_i = \hat y_i - y_i$: MSE is the mean of $e_i^2$, L1 the mean of $|e_i|$, and
# Huber's loss is $\tfrac12 e^2$ for $|e| < \delta$ and $\delta(|e| - \tfrac12\delta)$ beyond.

# %%
prediction = np.array([1.5, 2.0, 10.0])
target = np.array([1.0, 2.5, 3.0])
e = prediction - target
delta = 1.0

small = np.abs(e) < delta
by_hand = {
    "mse": np.mean(e**2),
    "l1": np.mean(np.abs(e)),
    "huber": np.mean(np.where(small, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))),
}
with_concepts = {
    "mse": mse_loss(prediction, target),
    "l1": l1_loss(prediction, target),
    "huber": huber_loss(prediction, target, delta=delta),
}
for name, value in by_hand.items():
    mine = float(with_concepts[name])
    print(f"{name:6} by hand {value:.4f}   concepts {mine:.4f}")

# %% [markdown]
# ## 2. The gradients: who pushes hardest?
#
# The gradient of the mean is each element's derivative over $n$. The one large error dominates the
# MSE gradient; Huber caps its push at $\delta / n$; L1 gives every error the same push.

# %%
for grad in (mse_loss_grad, l1_loss_grad, huber_loss_grad):
    print(f"{grad.__name__:16}", np.round(grad(prediction, target), 4))

# %%
error = np.linspace(-4, 4, 401)
zeros = np.zeros_like(error)
fig, ax = plt.subplots(figsize=(4.5, 3.2), layout="constrained")
for grad, label in [(mse_loss_grad, "MSE"), (l1_loss_grad, "L1"), (huber_loss_grad, "Huber δ = 1")]:
    ax.plot(error, grad(error, zeros, reduction="none"), label=label)
ax.set(xlabel="error ŷ − y", ylabel="∂loss/∂ŷ", ylim=(-4.5, 4.5))
ax.legend()
plt.show()

# %% [markdown]
# ## 3. Outliers: fit a line with each loss
#
# Points near the line $y = ax + b$ (`a` and `b` below), a few of them moved down by `shift`. Change
# `shift` or the number of outliers and refit.

# %%
a, b, shift = 0.8, 1.0, -6.0
x, y, outlier = line_with_outliers(n_samples=30, n_outliers=3, slope=a, intercept=b, shift=shift, rng=0)
for loss in ("mse", "huber", "l1"):
    slope, intercept = fit_line(x, y, loss, lr=0.05, steps=3000)
    print(f"{loss:6} slope {slope:.3f}, intercept {intercept:.3f}")

# %% [markdown]
# ## 4. Cross-entropy, the textbook way and the stable way
#
# $-\log\bigl(e^{z_t} / \sum_j e^{z_j}\bigr)$ done literally overflows once a logit passes the log of the
# largest float64, where $e^z$ becomes infinite. The stable version subtracts the largest logit first.

# %%
print(f"e**z overflows a float64 for z above {np.log(np.finfo(np.float64).max):.1f}")
for scale in (10.0, 100.0, 700.0, 720.0, 1e4):
    logits = np.array([[scale, 0.0]])  # the model bets on class 0; the answer is 1
    textbook = naive_cross_entropy(logits, [1])[0]
    stable = float(cross_entropy(logits, [1]))
    print(f"logits ({scale:g}, 0):  textbook {textbook:>8.6g}   stable {stable:g}")

# %% [markdown]
# The gradient of cross-entropy with respect to the logits is $p - y$: the softmax probabilities
# minus the one-hot target, over the batch size.

# %%
rng = np.random.default_rng(0)
z, t = rng.normal(size=(3, 4)), np.array([2, 0, 3])
print(np.round(cross_entropy_grad(z, t), 4))
print(np.round((softmax(z) - np.eye(4)[t]) / 3, 4))

# %% [markdown]
# Binary cross-entropy from a logit: small when right, growing like $|z|$ when confidently wrong.

# %%
for z_value in (-10.0, -2.0, 0.0, 2.0, 10.0):
    value = float(binary_cross_entropy_with_logits(z_value, 1.0))
    print(f"z = {z_value:>5}: loss for class 1 = {value:.4f}")

# %% [markdown]
# ## 5. Training loss against held-out loss
#
# A small network fitted to 16 noisy points. Try `noise = 0.0`: then the held-out loss can go much
# lower, because there is no noise to memorise. With noise, it stays above about `noise**2`, the
# variance of the noise, which no model can predict.

# %%
noise, steps = 0.3, 3000
train, held_out = noisy_sine(16, noise, rng=1), noisy_sine(400, noise, rng=2)
record = np.unique(np.geomspace(1, steps, 60).round().astype(int))
net = MLP([1, 48, 48, 1], "tanh", rng=0)
curves = train_curves(net, train, held_out, steps=steps, record=record)
best = int(np.argmin(curves["held_out"]))
best_loss, best_step = curves["held_out"][best], curves["step"][best]
print(f"best held-out loss {best_loss:.3f} at step {best_step}")
print(f"final training loss {curves['train'][-1]:.4f}, noise variance {noise**2:.3f}")

fig, ax = plt.subplots(figsize=(4.5, 3.2), layout="constrained")
ax.loglog(curves["step"], curves["train"], label="training")
ax.loglog(curves["step"], curves["held_out"], label="held-out")
ax.axhline(noise**2, linestyle="--", color="gray", label="noise variance")
ax.set(xlabel="step", ylabel="MSE")
ax.legend()
plt.show()
