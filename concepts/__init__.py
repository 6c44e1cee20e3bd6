"""Neural networks in five questions: the numpy implementations behind each page.

One module (or a few) per question:

- the neuron: `neuron`;
- the learning rate: `learning_rate`, with `schedules`, `optimizers` and `range_test`;
- initialization: `initialization`, with `init_experiments`;
- loss: `loss`, with `loss_practice`;
- the chain rule: `chain_rule`, with `backprop` and `micrograd_demo`;

plus small shared ones: `network` (the dense network `MLP`) and `datasets`. Only numpy is needed at
run time.
"""

from . import (backprop, chain_rule, datasets, init_experiments, initialization, learning_rate, loss, loss_practice,
               micrograd_demo, network, neuron, optimizers, range_test, schedules)

__all__ = ["backprop", "chain_rule", "datasets", "init_experiments", "initialization", "learning_rate", "loss",
           "loss_practice", "micrograd_demo", "network", "neuron", "optimizers", "range_test", "schedules"]
__version__ = "0.1.0"
