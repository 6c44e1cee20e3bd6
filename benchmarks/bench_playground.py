"""Time the playground's engine in Chromium, and weigh the scripts the playground and the stepper fetch.

One training step of the playground (forward pass, loss gradient, backward pass, optimizer step) on
its default network, 2-16-16-1 with tanh and Adam, on its 200 training points at once; then the same
with ReLU, with batches of 32, and with ten hidden ReLU layers. Each case warms up first (the browser's
compiler settles), then runs `REPEATS` blocks of `BLOCK` steps; the median block gives the time per step
and the steps per second. The engine runs in Debian's Chromium (the one the browser tests use) on an
empty page, with no other work in the page. Nothing is asserted: timings on a shared machine vary.

Results go to benchmarks/playground.json and, as the table docs/reference/performance.md includes,
benchmarks/playground.md.

    .venv/bin/python benchmarks/bench_playground.py           # about half a minute
    .venv/bin/python benchmarks/bench_playground.py --quick   # fewer repeats, no files
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import platform
import statistics
import subprocess
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitebuild.local_site import CHROMIUM_ARGS, find_chromium

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks"
SCRIPTS = ROOT / "docs" / "javascripts" / "playground"
FILES = ["engine.js", "playground.js", "backprop.js"]
CASES = [
    ("2-16-16-1, tanh, Adam, all 200 points", {}),
    ("2-16-16-1, ReLU, Adam, all 200 points", {"activation": "relu"}),
    ("2-16-16-1, tanh, Adam, batches of 32", {"batch": 32}),
    ("2-16×10-1, ReLU, SGD, all 200 points", {"hidden": [16] * 10, "activation": "relu", "optimizer": "sgd"}),
]

TIME = """([settings, warm, block, repeats]) => {
  const t = new NNEngine.Trainer(settings);
  t.settings.steps = 1e9;  // no end of the run inside the benchmark
  for (let i = 0; i < warm; i++) t.trainStep();
  const blocks = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    for (let i = 0; i < block; i++) t.trainStep();
    blocks.push((performance.now() - start) / block);
  }
  return {blocks, n: t.train.n, sizes: t.sizes};
}"""


def chromium_version(executable: str) -> str:
    out = subprocess.run([executable, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or executable


def sizes() -> list[dict]:
    """Each script's bytes as served, and gzip-compressed as a server would send them."""
    rows = []
    for name in FILES:
        data = (SCRIPTS / name).read_bytes()
        rows.append({"file": name, "bytes": len(data), "gzip_bytes": len(gzip.compress(data, 9, mtime=0))})
    return rows


def measure(quick: bool) -> dict:
    executable = find_chromium()
    if executable is None:
        raise SystemExit("Chromium not found: install Debian's package (apt-get install chromium)")
    warm, block, repeats = (100, 200, 3) if quick else (500, 500, 9)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        page = browser.new_page()
        page.set_content("<!doctype html><title>bench</title>")
        page.add_script_tag(path=str(SCRIPTS / "engine.js"))
        for label, settings in CASES:
            result = page.evaluate(TIME, [settings, warm, block, repeats])
            ms = statistics.median(result["blocks"])
            rows.append({"case": label, "points": result["n"], "ms_per_step": ms, "steps_per_second": 1000 / ms})
            print(f"{label:<42} {ms * 1000:7.0f} µs per step  {1000 / ms:8.0f} steps/s", flush=True)
        browser.close()
    return {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {platform.system()}",
        "browser": chromium_version(executable),
        "steps_timed": block * repeats,
        "cases": rows,
        "scripts": sizes(),
    }


def table(results: dict) -> str:
    lines = [
        "| Network and batch | Time per step | Steps per second |",
        "|---|--:|--:|",
        *(
            f"| {r['case']} | {r['ms_per_step'] * 1000:.0f} µs | {r['steps_per_second']:,.0f} |"
            for r in results["cases"]
        ),
        "",
        f"Measured in {results['browser']} on {results['machine']}, {results['when']}: the median of "
        f"blocks of steps, {results['steps_timed']:,} steps per case after a warm-up.",
        "",
        "| Script | Bytes | Gzip-compressed |",
        "|---|--:|--:|",
        *(f"| `{r['file']}` | {r['bytes']:,} | {r['gzip_bytes']:,} |" for r in results["scripts"]),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; write no files")
    args = parser.parse_args()
    results = measure(args.quick)
    for row in results["scripts"]:
        print(f"{row['file']:<16} {row['bytes']:7,} bytes, {row['gzip_bytes']:6,} gzip-compressed")
    if not args.quick:
        (OUT / "playground.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        (OUT / "playground.md").write_text(table(results), encoding="utf-8")
        print("wrote benchmarks/playground.json, benchmarks/playground.md")


if __name__ == "__main__":
    main()
