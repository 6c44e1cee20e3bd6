"""Each figure written once on a page, `![alt](figures/<name>.svg)`, becomes the variants a reader needs.

A figure script writes four SVGs (`sitebuild.figure_style`): light and dark, wide and narrow. On the
page each palette gets a `<picture>`:

    <picture>
      <source media="(max-width: 700px)" srcset="figures/x-narrow.svg" width=".." height="..">
      <img src="figures/x.svg#only-light" width=".." height=".." loading="lazy" decoding="async" alt="..">
    </picture>

- Material shows an image whose URL ends in `#only-light` in the light palette and `#only-dark` in the
  dark one, and hides the other with `display: none`; a lazy image that is not displayed is never
  fetched, so a reader downloads the other palette's figure only if they switch.
- `loading="lazy"`: figures below the fold load as the reader scrolls to them.
- The narrow variant (panels stacked) is chosen on screens where the wide one's smallest text would
  show below `MIN_TEXT_PX` (the media query is worked out per figure from its width and its smallest
  text, both recorded in the SVG).
- `width` and `height` from the SVG, so the page does not jump when the figure arrives.
- The page's first figure is on screen as the page opens (it is the answer's figure) and is the
  largest thing painted: a few lines of script right after it fetch the palette's variant at once,
  with high priority, instead of waiting for the layout that lazy loading waits for. The palette is the
  one the reader chose before (Material keeps it), else the one their system prefers, which is the one
  Material will show.

This works on the rendered HTML, so figures in included files (the answers that the home page shares)
are handled too, and no page can forget a variant.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

FIGURE_IMG = re.compile(r'<img (?P<before>[^>]*?)src="(?P<path>[^"#]*figures/(?P<name>[\w-]+))\.svg"(?P<after>[^>]*)>')
SVG_ROOT = re.compile(rb"<svg\b[^>]*>")
MIN_TEXT_PX = 9.0  # sitebuild.figure_style.MIN_TEXT_PX (not imported: that module loads matplotlib)
PAGE_MARGINS_PX = 32  # Material's text column on screens narrower than 60em: the viewport less 2 x 0.8rem
WIDEST_SINGLE_COLUMN_PX = 959  # from 60em up the navigation shows beside the text: no narrow figure there


class MissingDarkVariantError(ValueError):
    """A page shows `figures/x.svg` but there is no `figures/x-dark.svg`."""


@dataclass(frozen=True)
class SvgSize:
    width_px: float  # CSS px at the figure's natural size (1 pt = 4/3 px)
    height_px: float
    smallest_text_pt: float | None  # recorded by sitebuild.figure_style; None for an SVG from elsewhere

    @property
    def smallest_text_px(self) -> float | None:
        """The smallest text in CSS px when the figure shows at its natural width."""
        return None if self.smallest_text_pt is None else self.smallest_text_pt * 4 / 3


def _points(value: bytes) -> float:
    number = re.match(rb"[\d.]+", value)
    if not number:
        raise ValueError(f"unreadable SVG size {value!r}")
    unit = value[number.end() :].strip()
    return float(number[0]) * {b"pt": 1.0, b"px": 0.75, b"": 0.75, b"in": 72.0}[unit]


def svg_size(path: Path) -> SvgSize:
    """Natural size and smallest text of an SVG written by `sitebuild.figure_style` (its root element)."""
    head = Path(path).read_bytes()[:2000]
    root = SVG_ROOT.search(head)
    if not root:
        raise ValueError(f"{path}: no <svg> element")
    attrs = dict(re.findall(rb'([\w:-]+)="([^"]*)"', root[0]))
    smallest = attrs.get(b"data-smallest-text-pt")
    return SvgSize(
        _points(attrs[b"width"]) * 4 / 3,
        _points(attrs[b"height"]) * 4 / 3,
        float(smallest) if smallest else _glyph_size_pt(Path(path)),
    )


def _glyph_size_pt(path: Path) -> float | None:
    """For an SVG without the record (drawn before it existed): matplotlib draws text as glyph paths
    scaled by font size / 100 (`scale(s -s)`), so the smallest such scale gives the smallest text."""
    scales = re.findall(rb"scale\(([\d.]+) -\1\)", Path(path).read_bytes())
    return min(float(s) for s in scales) * 100 if scales else None


def narrow_below_px(wide: SvgSize) -> int | None:
    """The widest viewport (CSS px) that gets the narrow variant: below it, the wide figure, shrunk to
    the text column, would show text under `MIN_TEXT_PX`. None when it never would."""
    if wide.smallest_text_px is None:
        return WIDEST_SINGLE_COLUMN_PX
    column = wide.width_px * MIN_TEXT_PX / wide.smallest_text_px  # the column it needs at full size
    if column <= 320 - PAGE_MARGINS_PX:  # readable on the smallest phone too
        return None
    return min(WIDEST_SINGLE_COLUMN_PX, math.ceil(column + PAGE_MARGINS_PX))


def _attrs(size: SvgSize) -> str:
    return f'width="{round(size.width_px)}" height="{round(size.height_px)}"'


# Runs where it stands, right after the first figure (also when Material's instant navigation swaps
# the page in: it runs the scripts of the new content).
FIRST_FIGURE_NOW = (
    "<script>(function(){var p=typeof __md_get==='function'&&__md_get('__palette'),"
    "s=p&&p.color?p.color.scheme:(matchMedia('(prefers-color-scheme: dark)').matches?'slate':'default'),"
    "w=s==='slate'?'#only-dark':'#only-light';"
    "document.querySelectorAll('img[data-nn-first]').forEach(function(i){"
    "if(i.getAttribute('src').slice(-w.length)===w){i.fetchPriority='high';i.loading='eager';}});})()</script>"
)


def figure_variants(html: str, figures_dir: Path) -> str:
    """Every `<img src=".../figures/x.svg">` -> a `<picture>` per palette, as the module docstring says."""
    figures_dir = Path(figures_dir)
    seen = []

    def variants(match: re.Match) -> str:
        name, path, before, after = match["name"], match["path"], match["before"], match["after"]
        if not (figures_dir / f"{name}-dark.svg").exists():
            raise MissingDarkVariantError(f"figures/{name}.svg has no dark variant {name}-dark.svg")
        before = re.sub(r'\s*\b(width|height|loading|decoding)="[^"]*"', "", before)
        out = []
        for dark, palette in (("", "only-light"), ("-dark", "only-dark")):
            wide = svg_size(figures_dir / f"{name}{dark}.svg")
            narrow_file = figures_dir / f"{name}-narrow{dark}.svg"
            source = ""
            below = narrow_below_px(wide) if narrow_file.exists() else None
            if below is not None:
                source = (
                    f'<source media="(max-width: {below}px)" srcset="{path}-narrow{dark}.svg" '
                    f"{_attrs(svg_size(narrow_file))}>"
                )
            first = "" if seen else " data-nn-first"
            out.append(
                f'<picture>{source}<img {before}src="{path}{dark}.svg#{palette}" {_attrs(wide)} '
                f'loading="lazy" decoding="async"{first}{after}></picture>'
            )
        if not seen:
            out.append(FIRST_FIGURE_NOW)
        seen.append(name)
        return "".join(out)

    return FIGURE_IMG.sub(variants, html)
