"""Fixes to the theme's markup, made on the built HTML: for axe (WCAG 2.1 A/AA) and for phones.

- Material's search is a `role="dialog"` with no accessible name (axe: aria-dialog-name): it gets one.
- Each heading's "¶" permalink names itself with `aria-label` instead of `title`: Material builds a
  tooltip for every element with a title, and on a phone the 40-odd permalinks of a page cost a
  tenth of a second of main thread for a tooltip no touch screen shows.
- Copy buttons are written into the page by the build, not added by Material's script while the page
  loads: each block it changed made the browser lay the page out again (a few hundred milliseconds of
  a phone's main thread on a question page). They are Material's own buttons (its clipboard handler
  serves any `data-clipboard-target`), labelled with `aria-label`, not `title`, so that no tooltip is
  built for each. API signatures get none: they are not code to paste.
- A page's API section (every function's signature and docstring: a fifth of a question page's
  elements and a third of the main-thread work Material's script does while a phone loads the page)
  is folded into a `<details>` whose content waits in a `<template>`: the browser parses it but builds
  nothing from it until the reader opens the section. A link or a search result that leads into it
  opens it (`docs/javascripts/widgets.js`). The search index still holds its text (MkDocs reads the
  page's HTML).

(Tables that scroll sideways get their keyboard stop in `docs/javascripts/widgets.js`, since Material
wraps them in their scrolling box in the browser; display math and notebook code get theirs from
`sitebuild.math` and `sitebuild.notebooks`.)
"""

from __future__ import annotations

import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SIGNATURE = '<div class="doc-signature highlight">'
CODE_BLOCK = re.compile(
    r'<div class="highlight">(?P<title><span class="filename">[^<]*</span>)?<pre><span></span><code'
)
API_HEADING = re.compile(r'(<h2 id="api"[^>]*>.*?</h2>)(.*)\Z', re.S)
API_SUMMARY = "Every public function and class of this page, with its signature and docstring"


def label_theme(html: str) -> str:
    """The page with names on the theme's unnamed dialogs, labels instead of titles on permalinks, and
    copy buttons written in (none on API signatures)."""
    html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search this site">', 1)
    html = re.sub(
        r'class="headerlink" href="([^"]*)" title="Permanent link"',
        r'class="headerlink" href="\1" aria-label="Permanent link"',
        html,
    )
    html = html.replace(SIGNATURE, '<div class="doc-signature highlight no-copy">')
    return copy_buttons(html)


def copy_buttons(html: str) -> str:
    """Every code block gets its copy button now; `no-copy` tells Material's script not to add another."""
    count = iter(range(1, 1_000_000))

    def block(match: re.Match) -> str:
        n = next(count)
        # Not an id: Material renames the ids of code blocks.
        return (
            f'<div class="highlight no-copy">{match["title"] or ""}<pre data-nn-code="{n}">'
            f'<nav class="md-code__nav"><button class="md-code__button" aria-label="Copy to clipboard" '
            f'data-clipboard-target="pre[data-nn-code=&quot;{n}&quot;] > code" data-md-type="copy"></button>'
            f"</nav><span></span><code"
        )

    return CODE_BLOCK.sub(block, html)


def fold_api(content: str) -> str:
    """A page's content with everything after its `<h2 id="api">` heading folded into a closed `<details>`."""
    return API_HEADING.sub(
        lambda m: (
            f'{m[1]}\n<details class="nn-api info"><summary>{API_SUMMARY}</summary>\n'
            f'<template class="nn-api-body">{m[2]}</template>\n</details>'
        ),
        content,
        count=1,
    )
