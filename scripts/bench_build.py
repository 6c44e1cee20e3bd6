"""Time the build pipeline and print the figures next to the project's targets.

Measures, with the virtual environment already in place: the strict site build (`make site` without
its set-up), `make figures` when nothing is stale, and redrawing every figure. Each is run `--repeat`
times and the median is reported. Nothing is asserted: timings on a shared machine vary, so they are
reported here rather than tested.

    .venv/bin/python scripts/bench_build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"site build (strict)": 10.0, "figures, nothing stale": 1.0, "figures, all redrawn": 30.0}


def timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median reported)")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        runs = {
            "site build (strict)": [python, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                                    str(Path(scratch) / "site")],
            "figures, nothing stale": [python, "scripts/make_figures.py"],
            "figures, all redrawn": [python, "scripts/make_figures.py", "--force", "--out-dir",
                                     str(Path(scratch) / "figures")],
        }
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"{'measurement':<26}{'median s':>10}{'min s':>9}{'target s':>10}  verdict")
        for name, command in runs.items():
            times = [timed(command, env) for _ in range(args.repeat)]
            median = statistics.median(times)
            verdict = "ok" if median <= TARGETS[name] else "OVER TARGET"
            print(f"{name:<26}{median:>10.2f}{min(times):>9.2f}{TARGETS[name]:>10.1f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
