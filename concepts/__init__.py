"""Neural networks in five questions: the numpy implementations behind each page.

One module, or one package, per question, named as the question:

- the neuron: `neuron`;
- the learning rate: `learning_rate` (gradient descent, schedules, optimizers, the range test);
- initialization: `initialization` (the initializers, depth, training from a start);
- loss: `loss` (regression and classification losses, and the loss at work);
- the chain rule: `chain_rule` (the `Value` engine, backpropagation by layers, micrograd's demo);

plus small shared modules: `network` (the dense network `MLP`), `datasets`, `gradient_check` (the
numerical gradient) and `validation` (argument checks). Only numpy is needed at run time.
"""

from . import chain_rule, datasets, gradient_check, initialization, learning_rate, loss, network, neuron, validation

__all__ = [
    "neuron",
    "learning_rate",
    "initialization",
    "loss",
    "chain_rule",
    "network",
    "datasets",
    "gradient_check",
    "validation",
]
__version__ = "0.1.0"  # the one place: pyproject.toml reads it from here
