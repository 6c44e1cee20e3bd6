"""KaTeX's stylesheet and fonts, from node_modules (installed from the npm registry by `make`).

The site serves them from `assets/katex/`: no CDN. KaTeX itself runs at build time (`sitebuild.math`);
no math script reaches the reader.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitebuild.digest import ROOT

KATEX = ROOT / "node_modules" / "katex"
FILES = ("katex.min.css",)
SITE_FOLDER = "assets/katex"


class KatexMissingError(FileNotFoundError):
    """KaTeX is not installed in node_modules."""


def version(katex_dir: Path = KATEX) -> str:
    package = Path(katex_dir) / "package.json"
    if not package.exists():
        raise KatexMissingError(f"KaTeX is missing from {katex_dir}: run `make setup` (it runs `npm ci`).")
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def assets(katex_dir: Path = KATEX) -> dict[str, Path]:
    """Site path -> file, for KaTeX's stylesheet and its fonts."""
    dist = Path(katex_dir) / "dist"
    version(katex_dir)  # a clear error when it is missing
    found = {f"{SITE_FOLDER}/{name}": dist / name for name in FILES}
    found.update({f"{SITE_FOLDER}/fonts/{font.name}": font for font in sorted((dist / "fonts").glob("*.woff2"))})
    return found
