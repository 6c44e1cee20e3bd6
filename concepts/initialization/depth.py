"""Signals through deep stacks: how the starting scale decides whether activations and gradients survive.

- `SCHEMES` holds six starts, from a fixed range to He et al. (2015);
- `depth_statistics` sends a batch of standard normal inputs through a deep stack of equal-width
  layers started by a given initializer, and measures the activations of every layer and the gradient
  that reaches every layer's weights;
- `scale_sweep` measures the activations' variance layer by layer for many multiples of one start.

Every network here is a `concepts.network.MLP`, whose backward pass gives the weight gradients.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ..network import HIDDEN_ACTIVATIONS, MLP
from ..validation import as_choice, as_finite_array, as_flag, as_positive_int, as_rng
from .initializers import initializer

__all__ = ["Scheme", "SCHEMES", "scheme_init", "DepthStatistics", "depth_statistics", "scale_sweep"]


class Scheme(NamedTuple):
    """A named start: a `label` that names its distribution, `init(fan_in, fan_out, rng)` for `MLP`, and
    `variance(fan_in, fan_out)`, the variance of its weights (the tests check it against samples)."""

    label: str
    init: Callable
    variance: Callable[[int, int], float]


SCHEMES: dict[str, Scheme] = {
    "fixed": Scheme("U(−0.3, 0.3)", initializer("uniform", a=-0.3, b=0.3), lambda n, m: 0.6**2 / 12),
    "std1": Scheme("N(0, 1)", initializer("normal", std=1.0), lambda n, m: 1.0),
    "standard": Scheme("U(±1/√n): nn.Linear", initializer("kaiming_uniform", a=math.sqrt(5)), lambda n, m: 1 / (3 * n)),
    "lecun": Scheme("LeCun N(0, 1/n)", initializer("lecun_normal"), lambda n, m: 1 / n),
    "xavier": Scheme("Xavier U(±√(6/(n+m)))", initializer("xavier_uniform"), lambda n, m: 2 / (n + m)),
    "he": Scheme("He N(0, 2/n)", initializer("kaiming_normal", nonlinearity="relu"), lambda n, m: 2 / n),
}


def scheme_init(init: str | Callable) -> Callable:
    """The `init(fan_in, fan_out, rng)` callable of a key of `SCHEMES`, or `init` itself when it is one."""
    if isinstance(init, str):
        if init not in SCHEMES:
            raise ValueError(
                f"init must be one of {sorted(SCHEMES)} or a callable init(fan_in, fan_out, rng), got {init!r:.60}"
            )
        return SCHEMES[init].init
    if not callable(init):
        raise TypeError(
            f"init must be a name in SCHEMES or a callable init(fan_in, fan_out, rng), got {type(init).__name__}"
        )
    return init


@dataclass(frozen=True)
class DepthStatistics:
    """What `depth_statistics` measured; index `l - 1` is layer `l`.

    Attributes:
        activations: the output of each hidden layer, `depth` arrays of shape `(batch, width)`.
        activation_std: the standard deviation of each layer's outputs (over batch and units).
        activation_var: their variance, `activation_std ** 2`.
        weight_grad_norm: the norm of dL/dW for each hidden layer's weights (None without gradients),
            for the loss L = mean over the batch of (output · r), r a fixed standard normal vector per
            example: a random read-out, so that the gradient reaching the top does not depend on the
            start and what changes from layer to layer is the start's doing.
        bias_grad_norm: the norm of dL/db for each hidden layer: the error signal dL/dz that reaches
            the layer, summed over the batch (dL/dW is the layer's input times it).
    """

    activations: list[np.ndarray]
    activation_std: np.ndarray
    activation_var: np.ndarray
    weight_grad_norm: np.ndarray | None
    bias_grad_norm: np.ndarray | None


def depth_statistics(
    init: str | Callable,
    activation: str = "tanh",
    depth: int = 50,
    width: int = 256,
    batch: int = 128,
    *,
    gradients: bool = True,
    rng: np.random.Generator | int | None = None,
) -> DepthStatistics:
    """Activations and weight gradients, layer by layer, through `depth` hidden layers of `width` units.

    The stack is `MLP([width] * (depth + 2), activation, init=init)`: `depth` hidden layers with the
    activation, then a linear read-out; biases start at 0. The input is a `(batch, width)` array of
    standard normal numbers (variance 1). Overflow to infinity is allowed: it is what an exploding
    start does.

    Args:
        init: a key of `SCHEMES` or a callable `init(fan_in, fan_out, rng)` (see `initializer`).
        activation: `"tanh"`, `"relu"`, `"sigmoid"`, `"leaky_relu"` or `"identity"`.
        gradients: also run the backward pass (set False for activations only, faster).

    Examples:
        >>> he = depth_statistics("he", "relu", depth=20, width=128, rng=0)
        >>> small = depth_statistics("standard", "relu", depth=20, width=128, rng=0)
        >>> [f"{s.activation_std[-1]:.1e}" for s in (he, small)]  # after 20 layers
        ['1.2e+00', '7.2e-09']
    """
    init = scheme_init(init)
    activation = as_choice(activation, "activation", HIDDEN_ACTIVATIONS)
    depth, width, batch = (
        as_positive_int(v, name) for v, name in ((depth, "depth"), (width, "width"), (batch, "batch"))
    )
    gradients, rng = as_flag(gradients, "gradients"), as_rng(rng)
    net = MLP([width] * (depth + 2), activation, rng, init=init)
    x = rng.standard_normal((batch, width))
    with np.errstate(over="ignore", invalid="ignore"):  # an exploding start may reach inf (std NaN): the finding
        # --8<-- [start:depth_statistics]
        out = net.forward(x)
        hidden = net.layer_inputs[1:]  # the outputs of hidden layers 1..depth
        std = np.array([h.std() for h in hidden])
        w_norm = b_norm = None
        if gradients:
            r = rng.standard_normal(out.shape)  # L = mean over the batch of (out · r)
            grads = net.backward(r / batch)  # [dL/dW1, dL/db1, dL/dW2, ...]
            norms = np.array([np.linalg.norm(g) for g in grads[: 2 * depth]])
            w_norm, b_norm = norms[0::2], norms[1::2]
        # --8<-- [end:depth_statistics]
    return DepthStatistics(hidden, std, std**2, w_norm, b_norm)


def scale_sweep(
    multipliers: ArrayLike,
    activation: str = "tanh",
    depth: int = 50,
    width: int = 256,
    batch: int = 64,
    *,
    rng: np.random.Generator | int | None = None,
) -> np.ndarray:
    """Activation variance per layer when the weights are N(0, (m / sqrt(width))²), for each multiplier m.

    m = 1 is LeCun's variance (and Xavier's, for equal widths), m = sqrt(2) He's, m = sqrt(1/3) that of
    U(±1/sqrt(n)), m = sqrt(width) a plain N(0, 1). The stack has no biases, and every m scales the
    same random matrices, so the curves differ only by the scale.

    Returns:
        shape `(len(multipliers), depth)`.

    Examples:
        >>> var = scale_sweep([1.0, math.sqrt(2)], "relu", depth=30, width=128, rng=0)
        >>> var.shape, [f"{v:.1e}" for v in var[:, -1]]
        ((2, 30), ['9.3e-10', '1.0e+00'])
    """
    multipliers = as_finite_array(multipliers, "multipliers", ndim=1)
    if (multipliers < 0).any():
        raise ValueError(f"multipliers must be >= 0, got {multipliers}")
    f = HIDDEN_ACTIVATIONS[as_choice(activation, "activation", HIDDEN_ACTIVATIONS)][0]
    depth, width, batch = (
        as_positive_int(v, name) for v, name in ((depth, "depth"), (width, "width"), (batch, "batch"))
    )
    rng = as_rng(rng)
    unit = [rng.standard_normal((width, width)) / math.sqrt(width) for _ in range(depth)]  # Var = 1/n
    x = rng.standard_normal((batch, width))
    out = np.empty((multipliers.size, depth))
    with np.errstate(over="ignore", invalid="ignore"):  # N(0, 1) weights overflow a ReLU stack: allowed
        for i, m in enumerate(multipliers):
            h = x
            for layer, w in enumerate(unit):
                h = f((h @ w) * m)
                out[i, layer] = h.var()
    return out
