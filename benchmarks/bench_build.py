"""Time the authoring loop and the build, and print the figures next to the project's targets.

With the virtual environment in place (`make bench` runs it), in a scratch copy of the working tree so
that nothing of yours is edited:

- edit to served under `make serve`: a sentence in `docs/neuron.md`, a docstring in
  `concepts/neuron/activations.py`, a constant in one figure script; each timed from the write until the served
  page (or figure) has changed, five times, median reported; also how many figure files each edit
  rewrote and how many rebuilds it set off (one is right);
- the strict site build, warm (notebooks cached) and `sitebuild.figures` with nothing stale and with
  every figure redrawn;
- with `--tests`, the two test tiers: `make test-fast` and `make test` (the whole suite).

Nothing is asserted: timings on a shared machine vary, so they are reported here, not tested.

    .venv/bin/python benchmarks/bench_build.py [--repeat 5] [--tests]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "prose edit -> served": 3.0,
    "docstring edit -> served": 5.0,
    "figure script edit -> served": 10.0,
    "site build, strict (warm)": 10.0,
    "figures, nothing stale": 1.0,
    "figures, all redrawn": 30.0,
    "make test-fast": 20.0,
    "make test": 90.0,
}
FIGURE_SCRIPT = "scripts/plot_neuron_bias_shift.py"
FIGURE = "neuron_bias_shift"


def scratch_copy(target: Path) -> Path:
    """The working tree's files (tracked and untracked, not ignored) and the caches, copied to `target`."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", target / ".cache")
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def wait_for(condition, timeout: float = 120.0, step: float = 0.05) -> float:
    """Seconds until `condition()` is true (polled every `step` s); raise after `timeout`."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the served site did not change in time")
        time.sleep(step)
    return time.perf_counter() - start


class Server:
    """`mkdocs serve` in the scratch copy, as `make serve` runs it; its log is kept to count rebuilds."""

    def __init__(self, tree: Path, env: dict) -> None:
        self.tree, self.port = tree, free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = tree / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=tree,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: fetch(self.url + "neuron/") is not None, timeout=300, step=0.5)

    def builds(self) -> int:
        return self.log.read_text(encoding="utf-8", errors="replace").count("Building documentation...")

    def idle(self) -> None:
        """Wait until a second passes with no new rebuild."""
        count = -1
        while count != self.builds():
            count = self.builds()
            time.sleep(1.5)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def figure_mtimes(tree: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (tree / "figures").iterdir()}


def timed_edit(server: Server, path: Path, edit, url: str, changed) -> tuple[float, int, int]:
    """Apply `edit` to `path`, time until `changed(fetch(url))`, then restore the file.

    Returns (seconds, figure files rewritten, rebuilds set off by the edit).
    """
    original = path.read_text(encoding="utf-8")
    server.idle()
    before, builds = figure_mtimes(server.tree), server.builds()
    path.write_text(edit(original), encoding="utf-8")
    seconds = wait_for(lambda: changed(fetch(url)))
    server.idle()
    after = figure_mtimes(server.tree)
    rewritten = sum(1 for name, mtime in after.items() if before.get(name) != mtime)
    rebuilds = server.builds() - builds
    path.write_text(original, encoding="utf-8")
    wait_for(lambda: not changed(fetch(url)))
    return seconds, rewritten, rebuilds


def bench_serve(tree: Path, env: dict, repeat: int) -> dict[str, tuple[list[float], list[int], list[int]]]:
    server = Server(tree, env)
    results: dict[str, tuple[list[float], list[int], list[int]]] = {}
    try:
        page = server.url + "neuron/"
        for kind in ("prose edit -> served", "docstring edit -> served", "figure script edit -> served"):
            runs = []
            for i in range(repeat):
                token = f"benchtoken{i}x{int(time.time())}"
                shows_token = lambda body, t=token: body is not None and t.encode() in body  # noqa: E731
                if kind.startswith("prose"):
                    add_sentence = lambda text, t=token: text.replace("\n## Intuition", f"\n{t}\n\n## Intuition", 1)  # noqa: E731
                    runs.append(timed_edit(server, tree / "docs" / "neuron.md", add_sentence, page, shows_token))
                elif kind.startswith("docstring"):
                    edit_docstring = lambda text, t=token: re.sub(  # noqa: E731
                        r'(def sigmoid\(.*?\n\s+""")', rf"\1{t} ", text, count=1, flags=re.S
                    )
                    runs.append(
                        timed_edit(
                            server, tree / "concepts" / "neuron" / "activations.py", edit_docstring, page, shows_token
                        )
                    )
                else:
                    figure_url = server.url + f"figures/{FIGURE}.svg"
                    before = fetch(figure_url)
                    runs.append(
                        timed_edit(
                            server,
                            tree / FIGURE_SCRIPT,
                            lambda text, i=i: text.replace("W_FIXED = 2.0", f"W_FIXED = {2.5 + i / 10}"),
                            figure_url,
                            lambda body, b=before: body is not None and body != b,
                        )
                    )
            results[kind] = ([r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs])
    finally:
        server.stop()
    return results


def timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def report(name: str, times: list[float], extra: str = "") -> None:
    median = statistics.median(times)
    verdict = "ok" if median <= TARGETS[name] else "OVER TARGET"
    print(
        f"{name:<30}{median:>9.2f}{min(times):>8.2f}{max(times):>8.2f}{TARGETS[name]:>8.1f}  {verdict}{extra}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement (median reported)")
    parser.add_argument("--tests", action="store_true", help="also time `make test-fast` and `make test`")
    args = parser.parse_args()
    python = sys.executable
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load {os.getloadavg()[0]:.2f}"
    )
    print(f"{'measurement':<30}{'median s':>9}{'min':>8}{'max':>8}{'target':>8}  verdict")
    with tempfile.TemporaryDirectory(prefix="nn5q-bench-") as scratch:
        tree = scratch_copy(Path(scratch) / "tree")
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": str(tree),
        }  # the copy's concepts and sitebuild, not the installed tree's
        subprocess.run([python, "-m", "sitebuild.figures"], cwd=tree, env=env, check=True, capture_output=True)
        for name, (times, rewritten, rebuilds) in bench_serve(tree, env, args.repeat).items():
            report(
                name,
                times,
                f"  (figure files rewritten per edit: {sorted(set(rewritten))}, "
                f"rebuilds per edit: {sorted(set(rebuilds))})",
            )
        build = [python, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(Path(scratch) / "site")]
        runs = {
            "site build, strict (warm)": build,
            "figures, nothing stale": [python, "-m", "sitebuild.figures"],
            "figures, all redrawn": [
                python,
                "-m",
                "sitebuild.figures",
                "--force",
                "--out-dir",
                str(Path(scratch) / "figures"),
            ],
        }
        timed(build, tree, env)  # warms the caches
        for name, command in runs.items():
            report(name, [timed(command, tree, env) for _ in range(min(args.repeat, 3))])
    if args.tests:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        report("make test-fast", [timed(["make", "test-fast"], ROOT, env)])
        report("make test", [timed(["make", "test"], ROOT, env)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
