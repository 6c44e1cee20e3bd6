"""The learning rate: how far each gradient step goes, and which distances converge.

Gradient descent (Cauchy 1847) moves the parameters against the gradient, `x <- x - lr * grad(x)`; the
learning rate `lr` is the length of the step in units of the slope. Everything of the question lives
here, one idea per module:

- `descent`: `gradient_descent`, `optimize` (any optimizer on a function of one vector) and
  `Quadratic`, a bowl that knows its curvatures and so which rates converge;
- `schedules`: the learning rate as a function of the step number, as PyTorch's schedulers;
- `optimizers`: `SGD` (with momentum and Nesterov momentum) and `Adam`, as `torch.optim`;
- `range_test`: the LR range test (Smith 2017), which finds a workable rate for a network in one
  short run, and `train`, the loop it and the other experiments use.

Every public name is importable from `concepts.learning_rate` itself.
"""

from .descent import Quadratic, gradient_descent, optimize
from .optimizers import SGD, Adam
from .range_test import RangeTest, classifier_objective, lr_range_test, train
from .schedules import cosine_annealing_lr, exponential_lr, linear_lr, one_cycle_lr, step_lr

__all__ = [
    "gradient_descent",
    "optimize",
    "Quadratic",
    "step_lr",
    "exponential_lr",
    "linear_lr",
    "cosine_annealing_lr",
    "one_cycle_lr",
    "SGD",
    "Adam",
    "lr_range_test",
    "RangeTest",
    "train",
    "classifier_objective",
]
