"""The link to the site's source, written in at build time where a page names the repository.

Whoever publishes the site sets `extra.source_url` in `mkdocs.yml`, from the environment variable
`SOURCE_URL` as `site_url` comes from `SITE_URL` (left empty, the pages link no source). A page marks
the words that link to it:

    clone <!-- source -->the site's repository<!-- /source -->, then run `make setup` in it

With an address the marked words become a link to it; without one they stay plain words, so the
sentence has to read right both ways. A link is only followed when the reader clicks it: reading the
page makes no request to the repository's host (unlike MkDocs' `repo_url`, whose source widget in
Material calls the GitHub API from every reader's browser; see design/DESIGN.md).

    python -m sitebuild.source_link docs/index.md https://example.org/repo   # print the page, linked
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

OPEN = "<!-- source -->"
CLOSE = "<!-- /source -->"
SETTING = "extra.source_url"
_MARKED = re.compile(re.escape(OPEN) + r"(?P<words>.*?)" + re.escape(CLOSE), re.S)


def link(markdown: str, url: str | None) -> str:
    """`markdown` with each `<!-- source -->words<!-- /source -->` linked to `url`, or plain words if empty.

    Raises ValueError for an address that is not http(s) with a host, and for a marker left unclosed
    (its words would silently stay unlinked).

    Examples:
        >>> link("Clone <!-- source -->the repository<!-- /source -->.", "https://example.org/nn")
        'Clone <a href="https://example.org/nn">the repository</a>.'
        >>> link("Clone <!-- source -->the repository<!-- /source -->.", "")
        'Clone the repository.'
    """
    url = (url or "").strip()
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"{SETTING} (SOURCE_URL) must be an http(s) address, or empty; got {url!r}")
        href = html.escape(url, quote=True)
        linked = _MARKED.sub(lambda m: f'<a href="{href}">{m["words"]}</a>', markdown)
    else:
        linked = _MARKED.sub(lambda m: m["words"], markdown)
    for marker in (OPEN, CLOSE):
        if marker in linked:
            line = linked[: linked.index(marker)].count("\n") + 1  # the markers held no line breaks
            raise ValueError(f"line {line}: {marker} without its pair ({OPEN}words{CLOSE})")
    return linked


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python -m sitebuild.source_link PAGE.md [SOURCE_URL]")
    print(link(Path(sys.argv[1]).read_text(encoding="utf-8"), sys.argv[2] if len(sys.argv) == 3 else ""), end="")
