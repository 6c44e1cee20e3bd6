"""The numbers the neuron page states that no figure draws.

Exercise 2 asks where a one-input sigmoid neuron's output is exactly σ(0), the output on its switching
point w·x + b = 0; the number is the sigmoid's, computed here rather than typed.
"""

# %%
from pathlib import Path

from concepts.neuron import sigmoid
from sitebuild.figure_style import run, save_values


# %% [markdown]
# The numbers, by the name the page writes them in with: `{{ neuron.<name> }}`.
# %%
def numbers() -> dict:
    return {
        "switch_output": float(sigmoid(0.0)),  # a sigmoid neuron's output where w·x + b = 0
    }


def main(out_dir: Path) -> list[Path]:
    return save_values(numbers(), out_dir / "neuron")


if __name__ == "__main__":
    run(main)
