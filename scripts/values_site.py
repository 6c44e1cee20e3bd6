"""The numbers the site's own pages state about how it is built.

The size of a narrow figure and of its smallest text, from the constants `sitebuild.figure_style`
draws and checks the figures with: the narrow layout's width, the text column of a 390 px wide phone,
and the smallest text a phone may show, in CSS px and in points at the figure's natural size. And
MkDocs' own interval between two looks for changed files under `mkdocs serve`, read from its
signature, which the site's server shortens.

Saved to `figures/site.values.json` for the pages to write in.
"""

# %%
import inspect
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from sitebuild.figure_style import MIN_TEXT_PX, NARROW, PHONE_COLUMN_PX, run, save_values

CSS_PX_PER_INCH, POINTS_PER_INCH = 96, 72  # CSS's definitions of px and pt


# %% [markdown]
# The numbers the reference pages state, in their prose and their table.
# %%
def numbers() -> dict:
    return {
        "narrow_width_in": NARROW.width,
        "narrow_width_px": NARROW.width * CSS_PX_PER_INCH,
        "phone_column_px": PHONE_COLUMN_PX,
        "min_text_px": MIN_TEXT_PX,
        "min_text_pt": MIN_TEXT_PX * POINTS_PER_INCH / CSS_PX_PER_INCH,  # at the figure's natural size
        "mkdocs_poll_s": inspect.signature(LiveReloadServer.__init__).parameters["polling_interval"].default,
    }


def main(out_dir: Path) -> list[Path]:
    return save_values(numbers(), out_dir / "site")


if __name__ == "__main__":
    run(main)
