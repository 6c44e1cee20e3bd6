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

from .classification import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    log_softmax,
    naive_cross_entropy,
    softmax,
)
from .practice import LOSSES, accuracy, fit_line, train_curves
from .regression import (
    huber_loss,
    huber_loss_grad,
    l1_loss,
    l1_loss_grad,
    mse_loss,
    mse_loss_grad,
    smooth_l1_loss,
    smooth_l1_loss_grad,
)

__all__ = [
    "mse_loss",
    "mse_loss_grad",
    "l1_loss",
    "l1_loss_grad",
    "huber_loss",
    "huber_loss_grad",
    "smooth_l1_loss",
    "smooth_l1_loss_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "log_softmax",
    "softmax",
    "naive_cross_entropy",
    "LOSSES",
    "fit_line",
    "train_curves",
    "accuracy",
]
