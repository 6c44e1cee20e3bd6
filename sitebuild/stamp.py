"""The build stamp shown in the footer: the date, the commit (flagged when the tree has uncommitted
changes) and the versions of what built the site.

    python -m sitebuild.stamp      # print it as JSON
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from sitebuild import katex
from sitebuild.digest import ROOT

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocstrings-python", "mkdocs-jupyter", "numpy", "matplotlib")


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def build_stamp(root: Path = ROOT, katex_dir: Path = katex.KATEX) -> dict:
    """`{"date", "commit", "versions"}` for the footer."""
    commit = _git(root, "rev-parse", "--short=12", "HEAD") or "unknown"
    if commit != "unknown" and _git(root, "status", "--porcelain", "--untracked-files=no"):
        commit += " with uncommitted changes"
    versions = {name: metadata.version(name) for name in PACKAGES}
    versions["KaTeX"] = katex.version(katex_dir)
    versions["Python"] = sys.version.split()[0]
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit, "versions": versions}


if __name__ == "__main__":
    print(json.dumps(build_stamp(), indent=2))
