"""PyTorch as the test oracle: the `torch` fixture, or a visible skip when PyTorch is not installed.

`make torch` installs the CPU build. With REQUIRE_TORCH=1 (as CI sets it) a missing PyTorch fails the
tests instead of skipping them, so the cross-checks cannot silently stop running.
"""

import os

import pytest

MISSING = "PyTorch is not installed: `make torch` installs the CPU build used as the test oracle"


@pytest.fixture
def torch():
    try:
        import torch
    except ImportError:
        if os.environ.get("REQUIRE_TORCH") == "1":
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    torch.set_num_threads(1)  # two threads slowed 40x when the other core was busy (design/DESIGN.md)
    return torch
