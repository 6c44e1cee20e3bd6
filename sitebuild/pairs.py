"""Each figure written once on a page, `![alt](figures/<name>.svg)`, becomes its light and dark pair.

Material shows an image whose URL ends in `#only-light` in the light palette and `#only-dark` in the
dark one. This works on the rendered HTML, so figures in included files (the answers that the home page
shares) are paired too, and no page can forget a variant.
"""

from __future__ import annotations

import re
from pathlib import Path

FIGURE_IMG = re.compile(r'<img (?P<before>[^>]*?)src="(?P<path>[^"#]*figures/(?P<name>[\w-]+))\.svg"(?P<after>[^>]*)>')


class MissingDarkVariant(ValueError):
    """A page shows `figures/x.svg` but there is no `figures/x-dark.svg`."""


def pair_figures(html: str, figures_dir: Path) -> str:
    """Every `<img src=".../figures/x.svg">` -> the light variant and the dark one, shown by palette."""

    def pair(match: re.Match) -> str:
        name, path, before, after = match["name"], match["path"], match["before"], match["after"]
        if not (Path(figures_dir) / f"{name}-dark.svg").exists():
            raise MissingDarkVariant(f"figures/{name}.svg has no dark variant {name}-dark.svg")
        return (f'<img {before}src="{path}.svg#only-light"{after}>'
                f'<img {before}src="{path}-dark.svg#only-dark"{after}>')

    return FIGURE_IMG.sub(pair, html)
