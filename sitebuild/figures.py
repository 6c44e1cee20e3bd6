"""Redraw the figures whose code changed (or all of them with --force).

A figure's inputs are its script, `sitebuild/figure_style.py`, every module of `concepts` the script
imports (followed through their own imports), and the numpy and matplotlib versions. Their code
digest (`sitebuild.digest`: docstrings, comments and layout ignored) and the hash of each output file
are kept in `figures/manifest.json`; a figure is stale when its inputs digest changed, or an output is
missing or no longer has the bytes that were written. So a docstring or a comment edited in `concepts`
redraws nothing, and a redraw that gives the same bytes rewrites nothing.

    python -m sitebuild.figures                  # only the stale ones
    python -m sitebuild.figures --force          # all of them
    python -m sitebuild.figures --out-dir /tmp/f # elsewhere (with a manifest of its own)
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

from sitebuild.digest import ROOT, Digests
from sitebuild.fileio import write_if_changed

SCRIPTS = ROOT / "scripts"
FIGURES = ROOT / "figures"
MANIFEST = "manifest.json"
# Test vectors a script exports for the tests (scripts/values_playground.py): build inputs of no page.
VECTORS_SUFFIX = ".vectors.json"
PACKAGES = ("concepts", "sitebuild.figure_style")  # what a figure script imports that can change its figure
MAX_JOBS = 4  # worker processes at most, however many cores or stale figures


def figure_scripts(scripts_dir: Path = SCRIPTS) -> list[Path]:
    """Every `scripts/plot_*.py` (a figure, and the numbers its page states about it) and every
    `scripts/values_*.py` (numbers a page states that no figure draws), in name order."""
    scripts_dir = Path(scripts_dir)
    return sorted([*scripts_dir.glob("plot_*.py"), *scripts_dir.glob("values_*.py")], key=lambda p: p.name)


def figure_dependencies(script: Path, digests: Digests | None = None) -> list[Path]:
    """The files a figure depends on, sorted: its script, the figure style, the `concepts` modules."""
    return (digests or Digests()).dependencies(script, PACKAGES)


def inputs_digest(script: Path, digests: Digests | None = None) -> str:
    """The digest that decides whether a figure is stale: its code and the plotting libraries' versions."""
    digests = digests or Digests()
    versions = [f"{name} {metadata.version(name)}" for name in ("matplotlib", "numpy")]
    return digests.of(figure_dependencies(script, digests), *versions)


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _load(script: Path):
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_one(script: Path, out_dir: Path) -> tuple[list[Path], float]:
    """Run one figure script's `main(out_dir)`; return what it wrote and the seconds it took."""
    start = time.perf_counter()
    written = _load(Path(script)).main(Path(out_dir))
    if not written:
        raise RuntimeError(f"{Path(script).name}: main() wrote no figure")
    return [Path(p) for p in written], time.perf_counter() - start


def read_manifest(out_dir: Path) -> dict:
    path = Path(out_dir) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def is_stale(script: Path, entry: dict | None, out_dir: Path, digests: Digests | None = None) -> bool:
    """Whether the figure of `script` must be redrawn, given its manifest `entry`."""
    if not entry or not entry.get("outputs") or entry.get("inputs") != inputs_digest(script, digests):
        return True
    for name, digest in entry["outputs"].items():
        path = Path(out_dir) / name
        if not path.exists() or file_hash(path) != digest:
            return True
    return False


def stale_scripts(out_dir: Path = FIGURES, scripts_dir: Path = SCRIPTS) -> list[Path]:
    """The figure scripts whose figures in `out_dir` are out of date."""
    manifest, digests = read_manifest(out_dir), Digests()
    return [s for s in figure_scripts(scripts_dir) if is_stale(s, manifest.get(s.name), out_dir, digests)]


def _pool(jobs: int) -> ProcessPoolExecutor:
    # A fresh interpreter per worker: a long-lived caller (`mkdocs serve`) may hold old modules in memory.
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def make(
    out_dir: Path = FIGURES,
    force: bool = False,
    jobs: int | None = None,
    quiet: bool = False,
    scripts_dir: Path = SCRIPTS,
) -> dict:
    """Redraw stale (or, with `force`, all) figures into `out_dir`; return a summary dict.

    The summary has `figures` (how many scripts), `regenerated` (how many ran), `seconds`, `files` (every
    file the scripts returned) and `changed` (the files whose bytes changed, the only ones written).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest, digests = read_manifest(out_dir), Digests()
    scripts = figure_scripts(scripts_dir)
    todo = [s for s in scripts if force or is_stale(s, manifest.get(s.name), out_dir, digests)]
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    start = time.perf_counter()
    width = len(str(len(scripts)))
    for index, script in enumerate(scripts, 1):
        if script not in todo:
            say(f"[{index:>{width}}/{len(scripts)}] {script.stem:<34} up to date")
    before = {p.name: file_hash(p) for p in out_dir.iterdir() if p.is_file()} if todo else {}
    results: dict[Path, tuple[list[Path], float]] = {}
    if todo:
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo), MAX_JOBS))
        with _pool(jobs) as pool:
            futures = {script: pool.submit(build_one, script, out_dir) for script in todo}
            for script in todo:
                results[script] = futures[script].result()
                written, seconds = results[script]
                index = scripts.index(script) + 1
                names = ", ".join(p.name for p in written)
                say(f"[{index:>{width}}/{len(scripts)}] {script.stem:<34} {seconds:5.1f} s  {names}")
    for script, (written, _) in results.items():
        manifest[script.name] = {
            "inputs": inputs_digest(script, digests),
            "outputs": {p.name: file_hash(p) for p in sorted(written)},
        }
    manifest = {name: manifest[name] for name in sorted(manifest) if (Path(scripts_dir) / name).exists()}
    write_if_changed(out_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    files = sorted(p for written, _ in results.values() for p in written)
    changed = [p for p in files if before.get(p.name) != file_hash(p)]
    elapsed = time.perf_counter() - start
    say(
        f"{len(scripts)} figures: {len(todo)} redrawn ({len(changed)} files changed), "
        f"{len(scripts) - len(todo)} up to date ({elapsed:.1f} s)"
    )
    return {"figures": len(scripts), "regenerated": len(todo), "seconds": elapsed, "files": files, "changed": changed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.figures", description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="redraw every figure")
    parser.add_argument("--out-dir", type=Path, default=FIGURES, help="where to write (default: figures/)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help=f"parallel workers (default: one per core), at most {MAX_JOBS} and at most one per figure to redraw",
    )
    parser.add_argument("--check", action="store_true", help="only list stale figures; exit 1 if there are any")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_scripts(args.out_dir)
        for script in stale:
            print(f"stale: {script.name}")
        return 1 if stale else 0
    make(args.out_dir, force=args.force, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
