"""Weight initialization: where the first weights come from, and why their scale matters.

- `initializers`: the schemes of `torch.nn.init` (zeros, constant, uniform, normal, Xavier, Kaiming/He)
  and LeCun's, named without PyTorch's trailing underscore, each taking `fan_in, fan_out` and
  returning a new `(fan_in, fan_out)` matrix, and `initializer`, which turns one into the
  `init(fan_in, fan_out, rng)` callable `concepts.network.MLP` takes;
- `depth`: what a start does to activations and gradients through a deep stack;
- `training`: symmetry that a constant start never breaks, and warm starts.

Every public name is importable from `concepts.initialization` itself.
"""

# Every public name of the question's modules, so that a reader imports from the question.
from . import depth, initializers, training
from .depth import *
from .initializers import *
from .training import *

__all__ = [*initializers.__all__, *depth.__all__, *training.__all__]
