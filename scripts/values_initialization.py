"""The numbers the initialization page states that no figure draws.

The worked example of the intuition, a layer of 256 units fed by 256 inputs with weights from the fixed
range U(−0.3, 0.3), and the same with 16 inputs: the factor by which one layer, and ten layers, change
the size of the signal. And the check of the maths: the mean square after each of 50 ReLU layers,
measured against the rule's prediction (n Var(w) / 2)^l, for the three starts the page's code compares.

Conclusion: the page's arithmetic and its check of the rule come from the same definitions as its code.
"""

# %%
import math
from pathlib import Path

import numpy as np

from concepts.initialization import SCHEMES, depth_statistics
from sitebuild.figure_style import power_of_ten, run, save_values

WIDE, NARROW, LAYERS = 256, 16, 10  # the intuition's fan-ins and the layers it stacks
CHECKED = ("standard", "he", "std1")  # the starts whose ReLU stacks the maths checks against the rule


# %% [markdown]
# The rule against the measurement: the largest ratio between the two (either way round) over every
# layer of the checked stacks, and the range of the measured mean squares.
# %%
def rule_check() -> tuple[float, float, float]:
    """(largest ratio of measured to predicted or back, smallest and largest measured mean square)."""
    ratios, squares = [], []
    for name in CHECKED:
        stack = depth_statistics(name, "relu", gradients=False, rng=0)
        measured = np.array([np.mean(h**2) for h in stack.activations])
        factor = WIDE * SCHEMES[name].variance(WIDE, WIDE) / 2
        predicted = factor ** np.arange(1, measured.size + 1)
        ratios += [measured / predicted, predicted / measured]
        squares.append(measured)
    return float(np.max(ratios)), float(np.min(squares)), float(np.max(squares))


# %% [markdown]
# The numbers the page states: the intuition's factors, and the check (a factor the measurement stays
# within, and the exponents of powers of ten the mean squares go below and above).
# %%
def numbers() -> dict:
    var = SCHEMES["fixed"].variance(WIDE, WIDE)
    factor = math.sqrt(WIDE * var)
    largest_ratio, smallest, largest = rule_check()
    return {
        "factor_wide": factor,
        "factor_narrow": math.sqrt(NARROW * var),
        "factor_ten_layers": round(factor**LAYERS, -3),
        "rule_within": math.ceil(largest_ratio),
        "rule_below_exponent": power_of_ten(smallest, math.ceil),
        "rule_above_exponent": power_of_ten(largest, math.floor),
    }


def main(out_dir: Path) -> list[Path]:
    return save_values(numbers(), out_dir / "initialization")


if __name__ == "__main__":
    run(main)
