"""The one place that styles and saves figures.

Every `plot_<name>.py` script describes its figure as a function `draw(theme, layout) -> Figure`; `save`
calls it once per palette (light and dark) and per layout, and writes four files:

| file | shown |
|---|---|
| `<name>.svg`, `<name>-dark.svg` | wide screens: panels side by side |
| `<name>-narrow.svg`, `<name>-narrow-dark.svg` | phones: panels stacked, `NARROW.width` inches wide |

A reader's browser fetches only the one it shows (`sitebuild.variants`). Each file is written

- deterministically: a fixed SVG hash salt, no date or software version in the metadata, glyphs drawn
  as paths from the font matplotlib ships, so the same inputs give the same bytes on every run;
- atomically: the bytes go to a temporary file beside the target, which is then renamed over it, so an
  interrupted run leaves the previous figure intact;
- only when they changed: a redraw that gives the bytes already there leaves the file untouched (no new
  modification time, so `mkdocs serve` sees no change).

Each SVG records the size of its smallest text, in points, on its root element
(`data-smallest-text-pt`): with the SVG's width, that tells how large the text renders at any width,
which the tests check for phones (at least `MIN_TEXT_PX` CSS pixels at a 390 px viewport).

Shared drawing helpers live here too, so that no script writes them again: `box` (a label over data),
`callout` (a boxed label with an arrow, placed relative to the point it explains) and `scatter_classes`;
for contour plots, `grid_values` (a function's values over a grid) and `quadratic_level_set` (one contour
of a quadratic bowl as a closed line).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import matplotlib
import numpy as np

matplotlib.use("Agg")  # no display needed, and the same renderer everywhere

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from sitebuild.fileio import write_if_changed

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
            "savefig.dpi": 200,  # only for artists drawn `rasterized=True` (dense fills): sharp on phones
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


@dataclass(frozen=True)
class Layout:
    """Where a figure is shown: `WIDE` (a desktop's text column) or `NARROW` (a phone, 390 px wide).

    `draw(theme, layout)` reads `layout.narrow` to stack its panels and shorten its titles; `subplots`
    does the stacking for the common case of panels in one row.
    """

    name: str
    suffix: str
    width: float | None  # inches; None: the figure chooses (wide figures differ in width)

    @property
    def narrow(self) -> bool:
        return self is NARROW or self.name == "narrow"

    def subplots(
        self, panels: int = 1, *, wide: tuple[float, float], narrow_height: float, **kwargs
    ) -> tuple[Figure, object]:
        """`panels` axes in a row `wide` = (width, height) inches, or stacked, each `narrow_height` high.

        Other keyword arguments go to `plt.subplots` (`sharex`, `sharey`, `gridspec_kw`, ...); the
        layout is constrained. One panel gives one `Axes`, several an array, as `plt.subplots` does.
        """
        kwargs.setdefault("layout", "constrained")
        if self.narrow:
            return plt.subplots(panels, 1, figsize=(self.width, narrow_height * panels), **kwargs)
        return plt.subplots(1, panels, figsize=wide, **kwargs)


WIDE = Layout(name="wide", suffix="", width=None)
# 3.5 in is 336 CSS px at its natural size: it fits a 390 px phone's text column (358 px) and most
# admonitions there (about 330 px) unscaled, so text of 7.5 pt shows at 10 px.
NARROW = Layout(name="narrow", suffix="-narrow", width=3.5)
LAYOUTS = (WIDE, NARROW)
MIN_TEXT_PX = 9.0  # CSS px: the smallest figure text a phone may show
PHONE_COLUMN_PX = 358  # the text column of a 390 px viewport (Material's content margins: 16 px each side)


def smallest_text_pt(fig: Figure) -> float:
    """The font size, in points, of the smallest visible, non-empty text of a drawn figure."""
    sizes = [
        t.get_fontsize()
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None
    ]
    return min(sizes) if sizes else 0.0


def render(draw: Callable[[Theme, Layout], Figure], theme: Theme, layout: Layout = WIDE) -> bytes:
    """Draw the figure in one palette and one layout and return its SVG bytes."""
    with plt.rc_context(theme.rc):
        fig = draw(theme, layout)
        buffer = io.BytesIO()
        try:
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
            smallest = smallest_text_pt(fig)  # after saving: tick labels exist only once drawn
        finally:
            plt.close(fig)
    svg = buffer.getvalue()
    return svg.replace(b"<svg ", f'<svg data-smallest-text-pt="{smallest:g}" '.encode(), 1)


def variant_path(stem: Path, theme: Theme, layout: Layout = WIDE) -> Path:
    """`<stem><layout suffix><theme suffix>.svg`, e.g. `figures/loss_outliers-narrow-dark.svg`."""
    stem = Path(stem)
    return stem.with_name(f"{stem.name}{layout.suffix}{theme.suffix}.svg")


def save(draw: Callable[[Theme, Layout], Figure], stem: Path) -> list[Path]:
    """Render `draw` in every palette and layout, write the four SVG files and return their paths."""
    written = []
    for layout in LAYOUTS:
        for theme in THEMES:
            path = variant_path(stem, theme, layout)
            write_if_changed(path, render(draw, theme, layout))
            written.append(path)
    return written


def preview(draw: Callable[[Theme, Layout], Figure], folder: Path, name: str, scale: float = 2.0) -> list[Path]:
    """PNG pictures of every variant, to look at (`python scripts/plot_x.py --preview DIR`).

    Drawn at `scale` device pixels per CSS pixel at the figure's natural size, on the page's own
    background colour, so what you see is what a reader sees. Not part of the site.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for layout in LAYOUTS:
        for theme, background in ((LIGHT, "#ffffff"), (DARK, "#1e2129")):
            with plt.rc_context({**theme.rc, "savefig.transparent": False, "savefig.facecolor": background}):
                fig = draw(theme, layout)
                path = variant_path(folder / name, theme, layout).with_suffix(".png")
                try:
                    fig.savefig(path, format="png", dpi=96 * scale)
                finally:
                    plt.close(fig)
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


def save_values(values: dict, stem: Path) -> list[Path]:
    """Write the numbers a page states about a figure to `<stem>.values.json`; return its path in a list.

    `values` maps names (Python identifiers) to numbers or short strings; the page writes them in with
    `{{ <figure>.<name>:<format> }}` (see `sitebuild.values`). Floats are kept in full (the page rounds
    them), numpy scalars become Python numbers; a name that is not an identifier, a value that is not a
    finite number or a string, is refused here rather than at the build.
    """
    clean = {}
    for name, value in values.items():
        if not (isinstance(name, str) and name.isidentifier()):
            raise ValueError(f"values: names must be Python identifiers, got {name!r}")
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TypeError(f"values[{name!r}]: expected a number or a string, got {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"values[{name!r}]: expected a finite number, got {value}")
        clean[name] = value
    path = Path(stem).with_name(Path(stem).name + ".values.json")
    write_if_changed(path, json.dumps(clean, indent=1, ensure_ascii=False) + "\n")
    return [path]


def power_of_ten(value: float, side: Callable[[float], float] = round) -> int:
    """The exponent of a power of ten near `value` > 0, for a page that states it: `side` is `round` (the
    nearest), `math.floor` (the largest one the value is past) or `math.ceil` (the smallest it is below).

    Examples:
        >>> power_of_ten(3e-7), power_of_ten(3e-7, math.floor), power_of_ten(3e-7, math.ceil)
        (-7, -7, -6)
    """
    return int(side(math.log10(value)))


def significant(value: float, digits: int, side: Callable[[float], float] = round) -> float:
    """`value` > 0 to `digits` significant digits, rounded by `side`: `math.ceil` for the upper end of a band
    a page says the values stay in (and `math.floor` for its lower end), so that the band still holds
    every value once it is rounded to what the page shows.

    Examples:
        >>> significant(0.013453, 2, math.ceil), significant(0.654, 2, math.floor)
        (0.014, 0.65)
    """
    scale = 10.0 ** (math.floor(math.log10(value)) - digits + 1)
    return side(value / scale) * scale


def mantissa_exponent(value: float) -> tuple[int, int]:
    """`value` > 0 to one significant digit, as (mantissa, exponent), for "2 times 10 to the power 5".

    Examples:
        >>> mantissa_exponent(207200.0), mantissa_exponent(9.6e-7)
        ((2, 5), (1, -6))
    """
    exponent = math.floor(math.log10(value))
    mantissa = round(value / 10**exponent)
    if mantissa == 10:  # 9.6e-7 rounds up to 1e-6
        mantissa, exponent = 1, exponent + 1
    return mantissa, exponent


def box(theme: Theme) -> dict:
    """`bbox` settings for a label placed over data: the theme's panel colour, a thin muted edge."""
    return {
        "boxstyle": "round,pad=0.25",
        "facecolor": theme.panel,
        "edgecolor": theme.muted,
        "linewidth": 0.6,
        "alpha": 0.92,
    }


def diagram(
    figsize: tuple[float, float], xlim: tuple[float, float], ylim: tuple[float, float], narrow: bool
) -> tuple[Figure, object]:
    """A figure with one frameless axes of equal units, for a diagram drawn in data coordinates.

    Narrow diagrams fill the whole figure (the axes units are then the figure's inches); wide ones
    keep the constrained layout's margins.
    """
    fig, ax = plt.subplots(figsize=figsize, layout=None if narrow else "constrained")
    if narrow:
        ax.set_position((0, 0, 1, 1))
    ax.set(xlim=xlim, ylim=ylim, aspect="equal")
    ax.axis("off")
    return fig, ax


# One colour per start of concepts.initialization.SCHEMES, the same in every figure that compares them.
SCHEME_COLORS = MappingProxyType(
    {"std1": "C1", "fixed": "C4", "he": "C2", "lecun": "C3", "xavier": "C0", "standard": "fg"}
)


def scheme_curves(ax: Axes, curves: dict[str, np.ndarray], labels: dict[str, str], theme: Theme) -> None:
    """One curve per initialization scheme against the layer number (1, 2, ...), in `SCHEME_COLORS`.

    `curves` maps a scheme's name to its values per layer, `labels` to its legend label. Xavier's curve
    is dashed and thinner: for equal widths it lies on LeCun's, and must not hide it.
    """
    for name, values in curves.items():
        dashed = name == "xavier"
        ax.plot(
            np.arange(1, values.size + 1),
            values,
            color=theme.fg if SCHEME_COLORS[name] == "fg" else SCHEME_COLORS[name],
            label=labels[name],
            linestyle="--" if dashed else "-",
            linewidth=1.6 if dashed else 2.2,
        )


def callout(ax, text: str, xy: tuple[float, float], theme: Theme, offset: tuple[float, float] = (0, 30), **kwargs):
    """A boxed label with an arrow pointing at `xy` (data coordinates), `offset` points away from it.

    The label is placed relative to the point it explains, so it follows the data; keyword arguments go
    to `Axes.annotate` (`ha`, `va`, `fontsize`, `color`, ...).
    """
    kwargs.setdefault("ha", "center")
    kwargs.setdefault("va", "center")
    return ax.annotate(
        text,
        xy=xy,
        xytext=offset,
        textcoords="offset points",
        bbox=box(theme),
        arrowprops={"arrowstyle": "->", "color": theme.fg, "linewidth": 0.8, "shrinkA": 0, "shrinkB": 3},
        **kwargs,
    )


def scatter_classes(ax, x, y, theme: Theme, size: float = 70) -> None:
    """Points of class 1 as filled circles (C0), class 0 as open squares (C1); labelled for a legend."""
    ones, zeros = y == 1, y == 0
    ax.scatter(
        x[ones, 0],
        x[ones, 1],
        s=size,
        color=theme.colors[0],
        edgecolor=theme.fg,
        linewidth=0.8,
        label="target 1",
        zorder=5,
    )
    ax.scatter(
        x[zeros, 0],
        x[zeros, 1],
        s=size,
        marker="s",
        facecolor=theme.panel,
        edgecolor=theme.colors[1],
        linewidth=1.8,
        label="target 0",
        zorder=5,
    )


def grid_values(
    f: Callable[[np.ndarray], np.ndarray], xlim: tuple[float, float], ylim: tuple[float, float], points: int = 121
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`(X, Y, Z)` for `Axes.contour`: a `points` x `points` grid over `xlim` x `ylim` and `Z = f` there.

    `f` takes points of shape `(..., 2)` (the last axis holds x and y) and returns one value per point,
    as `concepts.learning_rate.Quadratic` does.
    """
    X, Y = np.meshgrid(np.linspace(*xlim, points), np.linspace(*ylim, points))
    return X, Y, f(np.stack([X, Y], axis=-1))


def quadratic_level_set(bowl, height: float, points: int = 100) -> np.ndarray:
    """The contour `bowl(x) = height` of a 2-D quadratic bowl as a closed line, shape `(points, 2)`.

    `bowl` is a `concepts.learning_rate.Quadratic` (anything with its `hessian` and `minimum`). Along an
    axis of curvature `c` the contour lies `sqrt(2 height / c)` from the minimum: an ellipse.
    """
    values, vectors = np.linalg.eigh(bowl.hessian)
    if values.size != 2 or not height > 0:
        raise ValueError(
            f"quadratic_level_set draws a 2-D bowl above its minimum, got {values.size} dimensions and height {height}"
        )
    t = np.linspace(0, 2 * np.pi, points)
    circle = np.column_stack([np.cos(t), np.sin(t)]) * np.sqrt(2 * height / values)
    return bowl.minimum + circle @ vectors.T


def run(main: Callable[[Path], list[Path]], draw: Callable[..., Figure] | None = None) -> None:
    """Command-line entry for a figure script: `python scripts/plot_x.py [--out-dir DIR] [--preview DIR]`.

    `--preview DIR` writes PNG pictures of every variant of `draw` there instead, to look at.
    """
    parser = argparse.ArgumentParser(description=(main.__module__ or "").strip())
    parser.add_argument("--out-dir", type=Path, default=FIGURES_DIR, help="where to write (default: figures/)")
    parser.add_argument("--preview", type=Path, metavar="DIR", help="write PNG previews of every variant to DIR")
    args = parser.parse_args()
    if args.preview:
        if draw is None:
            parser.error("this script draws no figure to preview (it writes data for an interactive figure)")
        paths = preview(draw, args.preview, Path(sys.modules[main.__module__].__file__).stem.removeprefix("plot_"))
    else:
        paths = main(args.out_dir)
    for path in paths:
        print(path)
