"""Weight initialization: where the first weights come from, and why their scale matters.

- `initializers`: the schemes of `torch.nn.init` (zeros, constant, uniform, normal, Xavier, Kaiming/He)
  and LeCun's, each returning a `(fan_in, fan_out)` matrix, and `initializer`, which turns one into the
  `init(fan_in, fan_out, rng)` callable `concepts.network.MLP` takes;
- `depth`: what a start does to activations and gradients through a deep stack;
- `training`: symmetry that a constant start never breaks, and warm starts.

Every public name is importable from `concepts.initialization` itself.
"""

from .depth import SCHEMES, DepthStatistics, Scheme, depth_statistics, scale_sweep, scheme_init
from .initializers import (
    INITIALIZERS,
    calculate_gain,
    constant,
    initializer,
    kaiming_normal,
    kaiming_uniform,
    lecun_normal,
    normal,
    uniform,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from .training import SymmetryRun, WarmStart, hidden_unit_spread, steps_to_reach, symmetry_experiment, train, warm_start

__all__ = [
    "zeros",
    "constant",
    "uniform",
    "normal",
    "xavier_uniform",
    "xavier_normal",
    "kaiming_uniform",
    "kaiming_normal",
    "lecun_normal",
    "calculate_gain",
    "INITIALIZERS",
    "initializer",
    "Scheme",
    "SCHEMES",
    "scheme_init",
    "DepthStatistics",
    "depth_statistics",
    "scale_sweep",
    "train",
    "hidden_unit_spread",
    "SymmetryRun",
    "symmetry_experiment",
    "WarmStart",
    "warm_start",
    "steps_to_reach",
]
