"""Fixes to the theme's markup, made on the built HTML: for axe (WCAG 2.1 A/AA) and for phones.

- Material's search is a `role="dialog"` with no accessible name (axe: aria-dialog-name): it gets one.
- Each heading's "¶" permalink names itself with `aria-label` instead of `title`: Material builds a
  tooltip for every element with a title, and on a phone the 40-odd permalinks of a page cost a
  tenth of a second of main thread for a tooltip no touch screen shows.
- API signatures (mkdocstrings) get no copy button (`no-copy`): they are not code to paste, and each
  button is another layout pass while the page loads.
- A page's API section (every function's signature and docstring, a fifth of a question page's
  elements) is folded into a `<details>` that the reader opens: closed, the browser neither lays it out
  nor paints it, which a phone notices. A link or search that leads into it opens it
  (`docs/javascripts/widgets.js`; Chromium's find-in-page opens it too).

(Tables that scroll sideways get their keyboard stop in `docs/javascripts/widgets.js`, since Material
wraps them in their scrolling box in the browser; display math and notebook code get theirs from
`sitebuild.math` and `sitebuild.notebooks`.)
"""

from __future__ import annotations

import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SIGNATURE = '<div class="doc-signature highlight">'
API_HEADING = re.compile(r'(<h2 id="api"[^>]*>.*?</h2>)(.*)\Z', re.S)
API_SUMMARY = "Every public function and class of this page, with its signature and docstring"


def label_theme(html: str) -> str:
    """The page with names on the theme's unnamed dialogs, labels instead of titles on permalinks, and
    no copy buttons on API signatures."""
    html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search this site">', 1)
    html = re.sub(r'class="headerlink" href="([^"]*)" title="Permanent link"',
                  r'class="headerlink" href="\1" aria-label="Permanent link"', html)
    return html.replace(SIGNATURE, '<div class="doc-signature highlight no-copy">')


def fold_api(content: str) -> str:
    """A page's content with everything after its `<h2 id="api">` heading folded into a closed `<details>`."""
    return API_HEADING.sub(lambda m: f'{m[1]}\n<details class="nn-api"><summary>{API_SUMMARY}</summary>\n'
                                     f'{m[2]}\n</details>', content, count=1)
