"""Loss functions: one number that says how wrong the predictions are, and its gradient.

Each loss takes the prediction first and the target second, as PyTorch's `torch.nn.functional` does,
with PyTorch's names, definitions, defaults and `reduction="mean"`. Beside each `f` is `f_grad` with
the same arguments: the gradient of the loss with respect to the prediction, in its shape (for the
mean, the gradient of the mean; for `reduction="none"`, of the sum). The logits forms are computed
stably, so logits of ±1e4 give exact, finite values. Shapes must match: a `(3, 1)` prediction against
a `(3,)` target is an error, not a silent broadcast to `(3, 3)`.

The functions live in `regression` and `classification`; `practice` puts them to work (fitting a line,
training curves, accuracy).
"""

# Every public name of the question's modules, so that a reader imports from the question.
from . import classification, practice, regression
from .classification import *
from .practice import *
from .regression import *

__all__ = [*regression.__all__, *classification.__all__, *practice.__all__]
