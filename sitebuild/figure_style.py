"""The one place that styles and saves figures.

Every `plot_<name>.py` script describes its figure as a function `draw(theme) -> Figure`; `save` calls it
once per palette (light and dark) and writes `<name>.svg` and `<name>-dark.svg`:

- deterministically: a fixed SVG hash salt, no date or software version in the metadata, glyphs drawn
  as paths from the font matplotlib ships, so the same inputs give the same bytes on every run;
- atomically: the bytes go to a temporary file beside the target, which is then renamed over it, so an
  interrupted run leaves the previous figure intact;
- only when they changed: a redraw that gives the bytes already there leaves the file untouched (no new
  modification time, so `mkdocs serve` sees no change).

Pages show the pair with Material's `#only-light` / `#only-dark` suffixes.
"""

from __future__ import annotations

import argparse
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed, and the same renderer everywhere

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from sitebuild.fileio import write_if_changed  # noqa: E402

FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"


@dataclass(frozen=True)
class Theme:
    """Colours for one palette; `colors` is the line cycle, colour-blind safe (Okabe and Ito)."""

    name: str
    fg: str  # text, axes, ticks
    muted: str  # grid lines, secondary text
    panel: str  # legend and annotation boxes
    colors: tuple[str, ...]
    cmap: str  # sequential map for heat maps
    diverging: str  # two-sided map centred on a threshold
    suffix: str = ""

    @property
    def rc(self) -> dict:
        return {
            "font.family": "DejaVu Sans",  # shipped with matplotlib: identical glyphs on every machine
            "font.size": 10,
            "axes.titlesize": 10.5,
            "axes.labelsize": 10,
            "legend.fontsize": 9,
            "text.color": self.fg,
            "axes.labelcolor": self.fg,
            "axes.edgecolor": self.muted,
            "axes.facecolor": "none",
            "axes.prop_cycle": matplotlib.cycler(color=list(self.colors)),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": self.muted,
            "grid.alpha": 0.35,
            "grid.linewidth": 0.6,
            "xtick.color": self.fg,
            "ytick.color": self.fg,
            "figure.facecolor": "none",
            "legend.facecolor": self.panel,
            "legend.edgecolor": self.muted,
            "legend.framealpha": 0.9,
            "lines.linewidth": 2.0,
            "image.cmap": self.cmap,
            "savefig.transparent": True,
            "svg.fonttype": "path",
            "svg.hashsalt": "nn-five-questions",
            "svg.id": "figure",
        }


LIGHT = Theme(
    name="light",
    fg="#1f2328",
    muted="#6e7781",
    panel="#ffffff",
    colors=("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"),
    cmap="Blues",
    diverging="RdBu_r",
)
DARK = Theme(
    name="dark",
    fg="#e6edf3",
    muted="#9aa4ae",
    panel="#22262e",
    colors=("#56B4E9", "#FF8F4D", "#3DD6A0", "#E59ACB", "#F2C14E", "#A7D8F5"),
    cmap="Blues_r",
    diverging="RdBu_r",
    suffix="-dark",
)
THEMES = (LIGHT, DARK)


def render(draw: Callable[[Theme], Figure], theme: Theme) -> bytes:
    """Draw the figure in one palette and return its SVG bytes."""
    with plt.rc_context(theme.rc):
        fig = draw(theme)
        buffer = io.BytesIO()
        try:
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            plt.close(fig)
    return buffer.getvalue()


def save(draw: Callable[[Theme], Figure], stem: Path) -> list[Path]:
    """Render `draw` in every palette and write `<stem>.svg` and `<stem>-dark.svg`; return the paths."""
    written = []
    for theme in THEMES:
        path = stem.with_name(f"{stem.name}{theme.suffix}.svg")
        write_if_changed(path, render(draw, theme))
        written.append(path)
    return written


def _rounded(value, digits: int):
    """Floats to `digits` significant digits, non-finite floats to None (a gap in a line), recursively."""
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value, "ndim", 1) == 0):
        value = float(value)
        return float(f"{value:.{digits}g}") if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _rounded(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return [_rounded(v, digits) for v in (value.tolist() if hasattr(value, "tolist") else value)]
    return value


def save_json(data: dict, path: Path, digits: int = 5) -> list[Path]:
    """Write the data of an interactive figure (see docs/javascripts/widgets.js) deterministically.

    Floats are rounded to `digits` significant digits (the page draws them a few hundred pixels wide),
    infinities and NaN become null, which the widget draws as a gap; keys keep their order.
    """
    text = json.dumps(_rounded(data, digits), separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    write_if_changed(path, text + "\n")
    return [path]


def box(theme: Theme) -> dict:
    """`bbox` settings for a label placed over data: the theme's panel colour, a thin muted edge."""
    return {"boxstyle": "round,pad=0.25", "facecolor": theme.panel, "edgecolor": theme.muted,
            "linewidth": 0.6, "alpha": 0.92}


def scatter_classes(ax, x, y, theme: Theme, size: float = 70) -> None:
    """Points of class 1 as filled circles (C0), class 0 as open squares (C1); labelled for a legend."""
    ones, zeros = y == 1, y == 0
    ax.scatter(x[ones, 0], x[ones, 1], s=size, color=theme.colors[0], edgecolor=theme.fg, linewidth=0.8,
               label="target 1", zorder=5)
    ax.scatter(x[zeros, 0], x[zeros, 1], s=size, marker="s", facecolor=theme.panel, edgecolor=theme.colors[1],
               linewidth=1.8, label="target 0", zorder=5)


def run(main: Callable[[Path], list[Path]]) -> None:
    """Command-line entry for a figure script: `python scripts/plot_x.py [--out-dir DIR]`."""
    parser = argparse.ArgumentParser(description=(main.__module__ or "").strip())
    parser.add_argument("--out-dir", type=Path, default=FIGURES_DIR, help="where to write (default: figures/)")
    args = parser.parse_args()
    for path in main(args.out_dir):
        print(path)
