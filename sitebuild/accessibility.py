"""Fixes to the theme's markup that axe (WCAG 2.1 A/AA) and Lighthouse ask for, made on the built HTML.

- Material's search is a `role="dialog"` with no accessible name (axe: aria-dialog-name): it gets one.

(Tables that scroll sideways get their keyboard stop in `docs/javascripts/widgets.js`, since Material
wraps them in their scrolling box in the browser; display math and notebook code get theirs from
`sitebuild.math` and `sitebuild.notebooks`.)
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def label_theme(html: str) -> str:
    """The page with names on the theme's unnamed landmarks and dialogs."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search this site">', 1)
