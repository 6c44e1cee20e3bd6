"""The chain rule in gradient flow: how a gradient gets from the loss back to every weight.

- `value`: `Value`, a scalar autograd engine in the manner of micrograd (Karpathy 2020): each
  operation keeps its local derivative beside its result, and `backward()` multiplies along paths and
  adds where paths meet;
- `backprop`: the same rule on whole layers, and what it costs; vanishing gradients through depth;
- `micrograd_demo`: micrograd's own demo (a two-moons classifier), on `Value` and on `MLP`.

`numerical_gradient` and `gradient_check` (from the shared `concepts.gradient_check`) check any of them
by nudging the inputs. Every public name is importable from `concepts.chain_rule` itself.
"""

# Every public name of the question's modules, so that a reader imports from the question.
from .. import gradient_check as _gradient_check  # the module; its function of the same name is re-exported
from ..gradient_check import *
from . import backprop, micrograd_demo, value
from .backprop import *
from .micrograd_demo import *
from .value import *

__all__ = [*value.__all__, *backprop.__all__, *micrograd_demo.__all__, *_gradient_check.__all__]
