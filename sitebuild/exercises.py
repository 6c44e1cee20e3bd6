"""The exercises index: every question page's exercises, each linked to its page, gathered at build time.

The pages are the question pages of the nav (`sitebuild.nav`), in nav order.

    python -m sitebuild.exercises        # print the index as Markdown
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sitebuild import nav
from sitebuild.digest import ROOT

_EXERCISE = re.compile(r"^(\d+)\. \*\*(?P<title>.+?)\*\*\s*(?P<text>.*)$")
PLACEHOLDER = "<!-- exercises -->"


def exercises_index(docs_dir: Path, pages: list[str]) -> str:
    """A Markdown list of the exercises of `pages` (paths relative to `docs_dir`), each linked to its page."""
    out = []
    for name in pages:
        text = (Path(docs_dir) / name).read_text(encoding="utf-8")
        title = nav.page_title(text)
        if "\n## Exercises\n" not in text:
            continue
        section = text.split("\n## Exercises\n", 1)[1].split("\n## ", 1)[0]
        items = [m for m in map(_EXERCISE.match, section.splitlines()) if m]
        if not items:
            continue
        out.append(f"## [{title}]({name}#exercises)\n")
        out += [f"{m[1]}. **{m['title']}** {m['text']}" for m in items]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(
        exercises_index(
            Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs",
            sys.argv[2:] or nav.question_pages(nav.read_config()["nav"]),
        )
    )
