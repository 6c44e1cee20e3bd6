"""Regenerate the figures whose inputs changed (or all of them with --force).

A figure's inputs are its script, the shared `figure_style.py`, every module of `concepts` the script
imports (followed through the imports of those modules), and the matplotlib version. Their hash and the
hash of each output file are kept in `figures/manifest.json`; a figure is stale when its inputs hash
changed, or an output is missing or no longer has the bytes that were written.

    python scripts/make_figures.py             # only the stale ones
    python scripts/make_figures.py --force     # all of them
    python scripts/make_figures.py --out-dir /tmp/f   # elsewhere (with a manifest of its own)
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.util
from importlib import metadata
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
CONCEPTS = ROOT / "concepts"
FIGURES = ROOT / "figures"
MANIFEST = "manifest.json"


def figure_scripts() -> list[Path]:
    """Every `scripts/plot_*.py`, in name order."""
    return sorted(SCRIPTS.glob("plot_*.py"))


def _concepts_imports(path: Path) -> set[str]:
    """Names of the `concepts` modules that the file at `path` imports (absolute or relative)."""
    names: set[str] = set()
    inside_package = path.parent == CONCEPTS
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "concepts" or alias.name.startswith("concepts."):
                    names.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level and inside_package:
                base = f"concepts.{module}" if module else "concepts"
            elif module == "concepts" or module.startswith("concepts."):
                base = module
            else:
                continue
            names.add(base)
            if base == "concepts":  # `from concepts import neuron` names a module
                names.update(f"concepts.{alias.name}" for alias in node.names)
    return names


def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    if not parts:
        return CONCEPTS / "__init__.py"
    candidate = CONCEPTS.joinpath(*parts).with_suffix(".py")
    if candidate.exists():
        return candidate
    package = CONCEPTS.joinpath(*parts, "__init__.py")
    return package if package.exists() else None


def dependencies(script: Path) -> list[Path]:
    """The files a figure script's output depends on, sorted: itself, the style, its concepts modules."""
    found: set[Path] = {script, SCRIPTS / "figure_style.py", CONCEPTS / "__init__.py"}
    pending = [script]
    while pending:
        for name in _concepts_imports(pending.pop()):
            module = _module_file(name)
            if module is not None and module not in found:
                found.add(module)
                pending.append(module)
    return sorted(found)


def inputs_hash(script: Path) -> str:
    digest = hashlib.sha256(f"matplotlib {metadata.version('matplotlib')}\n".encode())
    for path in dependencies(script):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load(script: Path):
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_one(script: Path, out_dir: Path) -> tuple[list[Path], float]:
    """Run one figure script's `main(out_dir)`; return what it wrote and the seconds it took."""
    start = time.perf_counter()
    written = _load(script).main(out_dir)
    if not written:
        raise RuntimeError(f"{script.name}: main() wrote no figure")
    return [Path(p) for p in written], time.perf_counter() - start


def read_manifest(out_dir: Path) -> dict:
    path = out_dir / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def is_stale(script: Path, entry: dict | None, out_dir: Path) -> bool:
    if not entry or entry.get("inputs") != inputs_hash(script):
        return True
    for name, digest in entry.get("outputs", {}).items():
        path = out_dir / name
        if not path.exists() or _file_hash(path) != digest:
            return True
    return not entry.get("outputs")


def make(out_dir: Path = FIGURES, force: bool = False, jobs: int | None = None, quiet: bool = False) -> dict:
    """Regenerate stale (or, with `force`, all) figures into `out_dir`; return a summary dict."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out_dir)
    scripts = figure_scripts()
    todo = [s for s in scripts if force or is_stale(s, manifest.get(s.name), out_dir)]
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    start = time.perf_counter()
    width = len(str(len(scripts)))
    for index, script in enumerate(scripts, 1):
        if script not in todo:
            say(f"[{index:>{width}}/{len(scripts)}] {script.stem:<34} up to date")
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1, 4))
    results: dict[Path, tuple[list[Path], float]] = {}
    if todo:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {script: pool.submit(build_one, script, out_dir) for script in todo}
            for script in todo:
                results[script] = futures[script].result()
                written, seconds = results[script]
                index = scripts.index(script) + 1
                names = ", ".join(p.name for p in written)
                say(f"[{index:>{width}}/{len(scripts)}] {script.stem:<34} {seconds:5.1f} s  {names}")
    for script, (written, _) in results.items():
        manifest[script.name] = {
            "inputs": inputs_hash(script),
            "outputs": {p.name: _file_hash(p) for p in sorted(written)},
        }
    manifest = {name: manifest[name] for name in sorted(manifest) if (SCRIPTS / name).exists()}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    path = out_dir / MANIFEST
    if not path.exists() or path.read_text(encoding="utf-8") != text:  # an unchanged file is not touched:
        path.write_text(text, encoding="utf-8")  # `mkdocs serve` watches figures/ and would rebuild
    elapsed = time.perf_counter() - start
    summary = {"figures": len(scripts), "regenerated": len(todo), "seconds": elapsed,
               "files": sorted(p for written, _ in results.values() for p in written)}
    say(f"{len(scripts)} figures: {len(todo)} regenerated, {len(scripts) - len(todo)} up to date ({elapsed:.1f} s)")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="regenerate every figure")
    parser.add_argument("--out-dir", type=Path, default=FIGURES, help="where to write (default: figures/)")
    parser.add_argument("--jobs", type=int, default=None, help="parallel workers (default: one per core)")
    args = parser.parse_args(argv)
    make(args.out_dir, force=args.force, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
