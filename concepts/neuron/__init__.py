"""A neuron: a weighted sum of the inputs, plus a bias, passed through an activation function.

`output = activation(x @ w + b)`. The neuron page's code, one module per idea:

- `activations`: sigmoid, tanh, relu, leaky relu and step, each (but step) with its derivative `_grad`;
- `units`: a `Neuron`, a `Layer` of neurons sharing their inputs, and `forward` through layers;
- `perceptron`: the threshold unit of McCulloch and Pitts (1943) and Rosenblatt's `Perceptron` (1958)
  with its learning rule.

Every public name is importable from `concepts.neuron` itself.
"""

# Every public name of the question's modules, so that a reader imports from the question.
from . import activations, perceptron, units
from .activations import *
from .perceptron import *
from .units import *

__all__ = [*activations.__all__, *units.__all__, *perceptron.__all__]
