"""The learning rate: how far each gradient step goes, and which distances converge.

Gradient descent (Cauchy 1847) moves the parameters against the gradient, `x <- x - lr * grad(x)`; the
learning rate `lr` is the length of the step in units of the slope. Everything of the question lives
here, one idea per module:

- `descent`: `gradient_descent`, `optimize` (any optimizer on a function of one vector) and
  `Quadratic`, a bowl that knows its curvatures and so which rates converge;
- `schedules`: the learning rate as a function of the step number, as PyTorch's schedulers;
- `optimizers`: `SGD` (with momentum and Nesterov momentum) and `Adam`, as `torch.optim`;
- `range_test`: the LR range test (Smith 2017) in the form of fastai's learning-rate finder (an
  exponential sweep, a smoothed loss), which finds a workable rate for a network in one short run, and
  `train`, the loop it and the other experiments use.

Every public name is importable from `concepts.learning_rate` itself.
"""

# Every public name of the question's modules, so that a reader imports from the question.
from . import descent, optimizers, range_test, schedules
from .descent import *
from .optimizers import *
from .range_test import *
from .schedules import *

__all__ = [*descent.__all__, *schedules.__all__, *optimizers.__all__, *range_test.__all__]
