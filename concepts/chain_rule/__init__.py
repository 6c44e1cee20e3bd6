"""The chain rule in gradient flow: how a gradient gets from the loss back to every weight.

- `value`: `Value`, a scalar autograd engine in the manner of micrograd (Karpathy 2020): each
  operation keeps its local derivative beside its result, and `backward()` multiplies along paths and
  adds where paths meet;
- `backprop`: the same rule on whole layers, and what it costs; vanishing gradients through depth;
- `micrograd_demo`: micrograd's own demo (a two-moons classifier), on `Value` and on `MLP`.

`numerical_gradient` and `gradient_check` (from the shared `concepts.gradient_check`) check any of them
by nudging the inputs. Every public name is importable from `concepts.chain_rule` itself.
"""

from ..gradient_check import (
    GRADIENT_CHECK_THRESHOLDS,
    GradientCheck,
    gradient_check,
    numerical_gradient,
    numerical_parameter_gradients,
    relative_error,
)
from .backprop import BackpropCost, backprop_cost, deep_stack, layer_gradient_norms, update_last_layer_first
from .micrograd_demo import (
    DEMO_ALPHA,
    DEMO_SIZES,
    ValueMLP,
    demo_learning_rate,
    demo_loss,
    demo_problem,
    demo_step,
    hinge_loss,
    hinge_loss_grad,
    train_demo,
    value_demo_loss,
)
from .value import Value, topological_order, zero_grad

__all__ = [
    "Value",
    "zero_grad",
    "topological_order",
    "numerical_gradient",
    "numerical_parameter_gradients",
    "relative_error",
    "gradient_check",
    "GradientCheck",
    "GRADIENT_CHECK_THRESHOLDS",
    "update_last_layer_first",
    "deep_stack",
    "layer_gradient_norms",
    "backprop_cost",
    "BackpropCost",
    "hinge_loss",
    "hinge_loss_grad",
    "ValueMLP",
    "demo_problem",
    "demo_learning_rate",
    "demo_loss",
    "value_demo_loss",
    "demo_step",
    "train_demo",
    "DEMO_SIZES",
    "DEMO_ALPHA",
]
