"""The numbers the chain-rule page states that no figure draws.

How many nodes one step of micrograd's demo builds on `Value`s; how far off the first layer's
"gradient" is when the last layer is updated first; and, on the sigmoid stack of the vanishing
gradients, the two factors by which a layer changes the gradient going down (the gain of W^T and the
sigmoid's slopes), their product, and the largest stretch of the weight matrices, which bounds the gain.

Each is computed through `concepts`, as the page's code blocks compute them, and saved to
`figures/chain_rule.values.json` for the page to write in.
"""

# %%
import copy
from pathlib import Path

import numpy as np

from concepts.chain_rule import (
    ValueMLP,
    deep_stack,
    demo_loss,
    demo_problem,
    topological_order,
    update_last_layer_first,
    value_demo_loss,
)
from concepts.neuron import sigmoid_grad
from sitebuild.figure_style import run, save_values

LAST_LAYER_FIRST_LR = 0.1  # the step of the misconception "update the last layer first"
DEPTH, WIDTH, BATCH = 20, 64, 128  # the sigmoid stack of the page's vanishing gradients
SIGMOID_MAX_SLOPE = 0.25


# %% [markdown]
# The graph of one step of the demo on `Value`s: every node from the inputs to the loss.
# %%
def value_nodes_per_step() -> int:
    net, x, y = demo_problem(rng=0)
    loss, _ = value_demo_loss(ValueMLP(net.parameters(), activation="relu"), x, y)
    return len(topological_order(loss))


# %% [markdown]
# Updating the last layer first: how far the first layer's weight gradient is from the true one, relative
# to the true one's size.
# %%
def first_layer_error() -> float:
    net, x, y = demo_problem(rng=0)
    _, _, right = demo_loss(net, x, y)
    used = update_last_layer_first(copy.deepcopy(net), x, y, lr=LAST_LAYER_FIRST_LR)
    return float(np.linalg.norm(used[0] - right[0]) / np.linalg.norm(right[0]))


# %% [markdown]
# Down the sigmoid stack, layer by layer: the gain of W^T (how much it stretches the gradient), the
# mean slope below, and the factor by which the two change the gradient; and each W's largest singular
# value, the most it can stretch any gradient. Means over the layers.
# %%
def sigmoid_stack_factors() -> dict:
    rng = np.random.default_rng(1)
    h0 = rng.normal(size=(BATCH, WIDTH))
    g = rng.normal(size=(BATCH, WIDTH)) / BATCH
    net = deep_stack("sigmoid", depth=DEPTH, width=WIDTH, rng=0)
    net.forward(h0)
    gains, factors = [], []
    for i in range(DEPTH - 1, 0, -1):
        back = g @ net.weights[i].T
        below = back * sigmoid_grad(net.pre_activations[i - 1])
        gains.append(np.linalg.norm(back) / np.linalg.norm(g))
        factors.append(np.linalg.norm(below) / np.linalg.norm(g))
        g = below
    stretch = float(np.mean([np.linalg.norm(w, 2) for w in net.weights]))
    return {
        "gain": float(np.mean(gains)),
        "per_layer_divisor": float(1 / np.mean(factors)),
        "largest_stretch": stretch,
        "bound_divisor": 1 / (SIGMOID_MAX_SLOPE * stretch),
    }


# %% [markdown]
# The numbers the page states, in its prose.
# %%
def numbers() -> dict:
    return {
        "value_nodes_per_step": value_nodes_per_step(),
        "last_layer_first_lr": LAST_LAYER_FIRST_LR,
        "first_layer_error_percent": 100 * first_layer_error(),
        **sigmoid_stack_factors(),
    }


def main(out_dir: Path) -> list[Path]:
    return save_values(numbers(), out_dir / "chain_rule")


if __name__ == "__main__":
    run(main)
