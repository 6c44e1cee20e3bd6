"""The numbers the loss page states that no figure draws.

The worked example that meets the gradient as a nudge: one prediction, its target, and the rate at
which the squared error changes when the prediction is nudged, which is MSE's gradient there. Where
the textbook cross-entropy underflows (a logit far below the others, whose exponential rounds to 0)
and what the loss really is there; what a clamped binary cross-entropy charges for a probability that
has rounded to the wrong certainty, and from which logit on the sigmoid rounds to exactly 1 in
float64; Smooth L1's default beta; and the many small errors and one large one of the MSE
misconception.

Each is computed through `concepts`, as the page's code blocks compute them, and saved to
`figures/loss.values.json` for the page to write in.
"""

# %%
import inspect
from pathlib import Path

import numpy as np

from concepts.loss import binary_cross_entropy, cross_entropy, mse_loss, mse_loss_grad, smooth_l1_loss
from concepts.neuron import sigmoid
from sitebuild.figure_style import run, save_values

NUDGE_PREDICTION, NUDGE_TARGET = 3.0, 1.0  # the intuition's worked example: one prediction and its target
NUDGE = 1e-6  # small enough that the nudged rate equals the gradient to the digits the page shows
UNDERFLOW_LOGIT = -800.0  # the logits (0, UNDERFLOW_LOGIT), the second class the right one
SMALL_ERRORS, SMALL_ERROR, LARGE_ERROR = 9, 0.1, 5.0  # many small errors and one large one


# %% [markdown]
# The smallest float64 logit whose sigmoid rounds to exactly 1, by bisection between two neighbouring
# floats (the sigmoid never falls as its logit grows).
# %%
def sigmoid_rounds_to_one() -> float:
    below, above = 0.0, 100.0
    assert sigmoid(below) < 1 and sigmoid(above) == 1
    while np.nextafter(below, above) < above:
        middle = (below + above) / 2
        if sigmoid(middle) == 1:
            above = middle
        else:
            below = middle
    return float(above)


# %% [markdown]
# The gradient of the worked example: MSE's, 2 times the error, and the same as the change of the loss
# per unit of a small nudge of the prediction, which is what the page says it is.
# %%
def nudge_gradient() -> float:
    gradient = float(mse_loss_grad(NUDGE_PREDICTION, NUDGE_TARGET))
    loss = float(mse_loss(NUDGE_PREDICTION, NUDGE_TARGET))
    rate = (float(mse_loss(NUDGE_PREDICTION + NUDGE, NUDGE_TARGET)) - loss) / NUDGE
    assert round(rate, 4) == round(gradient, 4), (rate, gradient)
    return gradient


# %% [markdown]
# The numbers the page states, in its prose and in its math.
# %%
def numbers() -> dict:
    return {
        "nudge_prediction": NUDGE_PREDICTION,
        "nudge_target": NUDGE_TARGET,
        "nudge_gradient": nudge_gradient(),
        "underflow_logit": UNDERFLOW_LOGIT,
        "underflow_loss": float(cross_entropy([[0.0, UNDERFLOW_LOGIT]], [1])),
        # a probability of exactly 1 for the wrong class: the log of 0, clamped
        "clamped_loss": float(binary_cross_entropy([1.0], [0.0])),
        "sigmoid_one_from": sigmoid_rounds_to_one(),
        "smooth_l1_default_beta": inspect.signature(smooth_l1_loss).parameters["beta"].default,
        "small_errors": SMALL_ERRORS,
        "small_error": SMALL_ERROR,
        "large_error": LARGE_ERROR,
    }


def main(out_dir: Path) -> list[Path]:
    return save_values(numbers(), out_dir / "loss")


if __name__ == "__main__":
    run(main)
