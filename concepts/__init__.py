"""Neural networks in five questions: the numpy implementations behind each page.

One module per question (`neuron`, and, as their pages land, `learning_rate`, `initialization`, `loss`,
`chain_rule`), plus small shared ones (`datasets`, `network`). Only numpy is needed at run time.
"""

from . import datasets, network, neuron

__all__ = ["datasets", "network", "neuron"]
__version__ = "0.1.0"
