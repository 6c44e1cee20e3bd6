"""What the offline edition (`make offline`, read from `file://`) needs beyond Material's offline plugin.

- The plugin names iframe-worker (its search worker's shim) on a CDN; the site serves the copy from
  node_modules instead.
- A page opened from disk cannot fetch files, so the data of its interactive figures
  (`figures/<name>.json`) is inlined into the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild.digest import ROOT

IFRAME_WORKER = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
IFRAME_WORKER_URI = "assets/iframe-worker/shim.js"
WIDGET = re.compile(r'(<div class="nn-widget" data-src="(?:\.\./)*figures/(?P<name>[\w-]+)\.json">)')


def local_polyfills(polyfills: list[str], iframe_worker: Path = IFRAME_WORKER) -> list[str]:
    """The theme's polyfill URLs with iframe-worker's CDN address replaced by the site's own copy."""
    if not any("iframe-worker" in url for url in polyfills):
        return list(polyfills)
    if not Path(iframe_worker).exists():
        raise FileNotFoundError(f"iframe-worker is missing ({iframe_worker}): run `make setup` (it runs `npm ci`).")
    return [IFRAME_WORKER_URI if "iframe-worker" in url else url for url in polyfills]


def inline_widget_data(html: str, figures_dir: Path) -> str:
    """Put each interactive figure's JSON into the page, in a script element beside the figure."""

    def inline(match: re.Match) -> str:
        data = (Path(figures_dir) / f"{match['name']}.json").read_text(encoding="utf-8").strip()
        data = data.replace("</", "<\\/")  # JSON may escape "/"; "</script" must not appear inside a script
        return f'{match[1]}<script type="application/json" class="nn-widget-data">{data}</script>'

    return WIDGET.sub(inline, html)
