"""Every page of the built site in headless Chromium, served on 127.0.0.1 with no other host reachable.

Per page (the nav plus 404.html, see `site_page` in tests/conftest.py): no request to another host
(each one is recorded and aborted), no console error or uncaught exception; only the figures of the
palette shown are fetched, each with its width and height; every image shown loads and has alt text;
every formula was rendered by KaTeX at build time (notebook markdown included) and no math script runs;
axe finds no WCAG 2.1 A/AA violation in either palette; and at a phone's 390 px no figure or widget text
is smaller than 9 CSS px. Then the palette toggle and Material's instant navigation.

Chromium is Debian's (/usr/bin/chromium), never a downloaded one. Without it these tests are skipped,
unless REQUIRE_BROWSER=1 (as in .ci/run), when they fail.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from sitebuild import nav
from sitebuild.audit import BUILD_WIDGETS, LOAD_SHOWN_IMAGES, OPEN_API, math_scripts, phone, run_axe, text_sizes
from sitebuild.variants import MIN_TEXT_PX

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
# TeX as KaTeX's auto-render finds it in notebook markdown: $$...$$, $...$, \(...\), \[...\].
# The same source serves as a Python and a JavaScript regular expression.
TEX = r"\$\$[\s\S]+?\$\$|\$[^$\n]+?\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\]"


# --- one visit ----------------------------------------------------------------------------------


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1"


@dataclass
class Log:
    """What happened during one visit."""

    requests: list[str] = field(default_factory=list)  # every request Chromium made
    documents: list[str] = field(default_factory=list)  # the document (full page) loads among them
    blocked: list[str] = field(default_factory=list)  # requests to another host, aborted
    console_errors: list[str] = field(default_factory=list)
    responses: dict[str, tuple[int, str]] = field(default_factory=dict)  # url -> (status, content type)
    pending: set = field(default_factory=set)  # requests in flight


def track_requests(page: Page, pending: set) -> None:
    """Keep `pending` as the set of the page's requests in flight (read by `settle`)."""
    page.on("request", lambda request: pending.add(request))  # Playwright wants Python functions
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))


def settle(page: Page, pending: set, quiet_ms: int = 150, timeout_ms: int = 15000) -> None:
    """Wait until no request has been in flight for `quiet_ms`: what Playwright's "networkidle" does with
    a fixed 500 ms, which adds up over every visit."""
    quiet = waited = 0
    while quiet < quiet_ms and waited < timeout_ms:
        page.wait_for_timeout(25)  # lets Playwright deliver the page's events
        waited += 25
        quiet = quiet + 25 if not pending else 0


@contextmanager
def visit(browser: Browser, url: str, **context_options) -> Iterator[tuple[Page, Log, str]]:
    """Open `url` in a fresh context, wait for load and network idle; yield (page, log, served HTML)."""
    context = browser.new_context(viewport=VIEWPORT, **{"color_scheme": "light", **context_options})
    log = Log()

    def route(route) -> None:
        request = route.request
        log.requests.append(request.url)
        if request.resource_type == "document":
            log.documents.append(request.url)
        if is_local(request.url):
            route.continue_()
        else:
            log.blocked.append(f"{request.method} {request.url} ({request.resource_type})")
            route.abort("blockedbyclient")

    def on_console(message) -> None:
        if message.type == "error":
            where = message.location or {}
            log.console_errors.append(f"{message.text} [{where.get('url', '?')}:{where.get('lineNumber', '?')}]")

    def on_response(response) -> None:
        log.responses[response.url] = (response.status, response.headers.get("content-type", ""))

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", lambda error: log.console_errors.append(f"uncaught {error.name}: {error.message}"))
        page.on("response", on_response)
        page.on("websocket", lambda ws: None if is_local(ws.url) else log.blocked.append(f"websocket {ws.url}"))
        track_requests(page, log.pending)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'no response'}"
        html = response.text()
        settle(page, log.pending)
        yield page, log, html
    finally:
        context.close()


class MarkdownCellText(HTMLParser):
    """The text of the notebook's markdown cells (`.jp-RenderedMarkdown`) as served, before any script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._depth:
            self._depth += tag == "div"
        elif tag == "div" and "jp-RenderedMarkdown" in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.text.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "div":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.text[-1] += data


FIGURE_ATTRIBUTES = """() => [...document.querySelectorAll('article img[src*="figures/"]')].map((img) => ({
  src: img.getAttribute("src"), width: img.getAttribute("width"), height: img.getAttribute("height"),
  loading: img.hasAttribute("data-nn-first") ? "lazy" : img.getAttribute("loading")}))"""

# Everything the per-page assertions need, read from the rendered page in one call.
INSPECT = """
(texSource) => {
  const texDelimiters = new RegExp(texSource, "g");
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const images = [...document.querySelectorAll("article img")].map((img) => ({
    src: img.currentSrc || img.src,
    alt: (img.getAttribute("alt") || "").trim(),
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    shown: shown(img),
  }));
  const formulas = [...document.querySelectorAll(".arithmatex")];
  const unrendered = formulas.filter((el) => !el.querySelector(".katex"))
    .map((el) => el.textContent.trim().slice(0, 80));
  const katexErrors = [...document.querySelectorAll(".katex-error")].map(
    (el) => `${el.textContent.trim().slice(0, 60)}: ${el.getAttribute("title") || ""}`);
  let notebookFormulas = 0;
  const leftovers = [];
  for (const cell of document.querySelectorAll(".jp-RenderedMarkdown")) {
    notebookFormulas += cell.querySelectorAll(".katex").length;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let text = "";
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest(".katex, code, pre")) text += walker.currentNode.data;
    }
    leftovers.push(...(text.match(texDelimiters) || []).map((tex) => tex.slice(0, 80)));
  }
  return {images, formulas: formulas.length, unrendered, katexErrors, notebookFormulas, leftovers};
}
"""


def test_every_built_page_is_visited(built_site: Path, site_pages) -> None:
    """`test_page_renders_offline` runs for the nav and 404.html: that must be every page built."""
    visited = {page.file for page in site_pages}
    built = {path.relative_to(built_site).as_posix() for path in built_site.rglob("index.html")} | {"404.html"}
    assert sorted(built - visited) == [], "pages built but not visited (not in the nav)"
    assert sorted(visited - built) == [], "pages in the nav but not built"


def _axe_problems(page: Page, palette: str) -> list[str]:
    return [
        f"axe ({palette}): {v['id']} ({v['impact']}): {v['help']} -- {', '.join(v['nodes'][:4])}"
        + (f" and {len(v['nodes']) - 4} more" if len(v["nodes"]) > 4 else "")
        for v in run_axe(page)
    ]


def test_page_renders_offline(site_page, browser: Browser, served_site: str, built_site: Path, browser_counts) -> None:
    start = time.perf_counter()
    url = served_site + site_page.url
    with visit(browser, url) as (page, log, html):
        fetched_figures = [u.removeprefix(served_site) for u in log.requests if "/figures/" in u and u.endswith(".svg")]
        figure_attributes = page.evaluate(FIGURE_ATTRIBUTES)
        page.evaluate(LOAD_SHOWN_IMAGES)  # the lazy ones below the fold, as a reader scrolling down would
        page.evaluate(OPEN_API)  # and the folded API section, opened: checked like the rest
        found = page.evaluate(INSPECT, TEX)
        scripts = math_scripts(page)
        problems: list[str] = _axe_problems(page, "light")
        toggle = page.locator('form[data-md-component="palette"] label:visible')
        if toggle.count() == 1:
            toggle.click()
            page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
            # Reload: the choice is remembered, and the page now loads in the dark palette. (Checked right
            # after the switch, axe reads stale colours in the blocks the browser has not drawn yet.)
            page.reload(wait_until="load")
            page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
            page.evaluate(LOAD_SHOWN_IMAGES)
            page.evaluate(OPEN_API)
            problems += _axe_problems(page, "dark")
        else:
            problems.append("no palette toggle")
        page.set_viewport_size(phone())
        # Widgets lay their panels out again (a ResizeObserver): on a phone every one is stacked.
        page.wait_for_function(
            "() => !document.querySelector('.nn-widget.nn-ready[data-layout=\"row\"]')", timeout=5000
        )
        sizes = text_sizes(page, built_site)
    problems += [f"request to another host: {request}" for request in log.blocked]
    problems += [f"console error: {message}" for message in log.console_errors]
    problems += [f"the other palette's figure was fetched: {name}" for name in fetched_figures if "-dark" in name]
    problems += [
        f"figure without width and height, or not lazy: {f}"
        for f in figure_attributes
        if not (f["width"] and f["height"] and f["loading"] == "lazy")
    ]
    problems += [
        f"figure or widget text at 390 px: {s['px']:.1f} CSS px < {MIN_TEXT_PX:g}: {s['what']}"
        for s in sizes
        if s["px"] < MIN_TEXT_PX - 1e-6
    ]
    problems += [f"math script in the page: {script[:80]}" for script in scripts]
    problems += [f"math script fetched: {u}" for u in log.requests if re.search(r"katex[^/]*\.js|mathjax", u, re.I)]

    for image in found["images"]:
        name = image["src"].removeprefix(served_site)
        if not image["alt"]:
            problems.append(f"image without alt text: {name}")
        if image["shown"] and not (image["complete"] and image["naturalWidth"] > 0):
            problems.append(f"image did not load: {name} (complete={image['complete']}, naturalWidth=0)")

    problems += [f"formula not rendered by KaTeX: {tex!r}" for tex in found["unrendered"]]
    problems += [f"KaTeX error: {error}" for error in found["katexErrors"]]
    if site_page.url.startswith("notebooks/"):
        cells = MarkdownCellText()
        cells.feed(html)
        problems += [f"notebook math left as text: {tex!r}" for tex in found["leftovers"]]
        problems += [f"notebook math served as TeX: {m[:60]!r}" for text in cells.text for m in re.findall(TEX, text)]

    browser_counts["pages"] += 1
    browser_counts["requests"] += len(log.requests)
    browser_counts["blocked"] += len(log.blocked)
    browser_counts["images"] += len(found["images"])
    browser_counts["formulas"] += found["formulas"] + found["notebookFormulas"]
    browser_counts["axe runs"] += 2
    browser_counts["texts measured at 390 px"] += len(sizes)
    browser_counts["seconds"] += time.perf_counter() - start
    assert problems == [], f"{url}:\n  " + "\n  ".join(problems)


# --- palette and instant navigation -------------------------------------------------------------

SHOWN_FIGURES = """
() => [...document.querySelectorAll('article img[src*="figures/"]')]
  .filter((img) => img.getClientRects().length > 0)
  .map((img) => img.getAttribute("src"))
"""


def _first_page_containing(built_site: Path, site_pages, text: str):
    for site_page in site_pages:
        path = built_site / site_page.file
        if path.is_file() and text in path.read_text(encoding="utf-8"):
            return site_page
    return None


def _scheme(page: Page) -> str | None:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


def test_palette_toggle_switches_scheme_and_figures(
    browser: Browser, served_site: str, built_site: Path, site_pages
) -> None:
    site_page = _first_page_containing(built_site, site_pages, '#only-dark"')
    assert site_page is not None, "no page has a light/dark figure pair (an image ending in #only-dark)"
    url = served_site + site_page.url
    with visit(browser, url) as (page, log, _):
        toggle = page.locator('form[data-md-component="palette"] label:visible')
        steps = [("default", "light"), ("slate", "dark"), ("default", "light")]  # scheme, figures shown
        for step, (scheme, variant) in enumerate(steps):
            if step:
                assert toggle.count() == 1, f"expected one visible palette toggle in the header, found {toggle.count()}"
                toggle.click()
                page.wait_for_function(
                    "(scheme) => document.body.getAttribute('data-md-color-scheme') === scheme",
                    arg=scheme,
                    timeout=5000,
                )
            shown = [src.removeprefix(served_site) for src in page.evaluate(SHOWN_FIGURES)]
            assert _scheme(page) == scheme
            assert shown, f"{url}: no figure is shown in the {scheme!r} palette"
            dark = [src for src in shown if urldefrag(src).url.endswith("-dark.svg")]
            wrong = dark if variant == "light" else [src for src in shown if src not in dark]
            assert wrong == [], (
                f"{url}: in the {scheme!r} palette only the {variant} figures should show,"
                f" but these show too: {wrong} (shown: {shown})"
            )
        assert log.blocked == [] and log.console_errors == [], (log.blocked, log.console_errors)


def test_instant_navigation_keeps_the_page_and_renders_math(
    browser: Browser, served_site: str, built_site: Path, site_pages
) -> None:
    math_pages = {
        p.url for p in site_pages if p.src and 'class="arithmatex"' in (built_site / p.file).read_text(encoding="utf-8")
    }
    with visit(browser, served_site) as (page, log, _):
        links = page.evaluate(  # the visible links in the text and the nav, tagged to be clicked by index
            """() => [...document.querySelectorAll("article a[href], nav.md-nav a.md-nav__link[href]")]
                 .filter((a) => a.getClientRects().length > 0)
                 .map((a, index) => {
                   a.dataset.testLink = index;
                   return {href: a.href, inArticle: !!a.closest("article")};
                 })"""
        )
        candidates = []
        for index, link in enumerate(links):
            target = urldefrag(link["href"]).url
            path = target.removeprefix(served_site)
            if target.startswith(served_site) and path and not path.endswith((".py", ".ipynb", ".svg")):
                # prefer a link in the text, to a page with math
                candidates.append((path not in math_pages, not link["inArticle"], index, target, path))
        assert candidates, "the home page links to no other page of the site"
        _, _, index, target, path = min(candidates)
        link = page.locator(f'[data-test-link="{index}"]')
        before = page.evaluate("() => document.querySelector('article').innerText")
        page.evaluate("() => { window.__marker = 1; }")
        documents_before = len(log.documents)
        link.click()
        page.wait_for_url(target, wait_until="commit", timeout=10000)
        page.wait_for_function(
            "(before) => document.querySelector('article')?.innerText !== before",
            arg=before,
            timeout=10000,
        )
        if path in math_pages:
            try:
                page.wait_for_function(
                    """() => { const f = [...document.querySelectorAll('.arithmatex')];
                               return f.length > 0 && f.every((el) => el.querySelector('.katex')); }""",
                    timeout=5000,
                )
            except PlaywrightError:
                pass  # reported by the assertion below
        settle(page, log.pending)
        marker = page.evaluate("() => window.__marker")
        formulas = page.evaluate(
            "() => [...document.querySelectorAll('.arithmatex')].map((el) => !!el.querySelector('.katex'))"
        )
        assert marker == 1, f"clicking {path!r} reloaded the page (window.__marker is gone): no instant navigation"
        assert len(log.documents) == documents_before, f"a full document load happened: {log.documents}"
        if path in math_pages:
            assert formulas and all(formulas), (
                f"after instant navigation to {path!r}, {formulas.count(False)} of {len(formulas)} formulas"
                " are not rendered"
            )
        assert log.blocked == [] and log.console_errors == [], (log.blocked, log.console_errors)


# --- interactive figures ------------------------------------------------------------------------

WIDGET_STATE = """
(root) => ({
  ready: root.classList.contains("nn-ready"),
  frame: root.getAttribute("data-frame"),
  drawing: root.querySelector("svg") ? root.querySelector("svg").innerHTML : "",
  max: root.querySelector("input") ? +root.querySelector("input").max : -1,
  colour: (() => { const line = root.querySelector(".nn-line.nn-c0");
                   return line ? getComputedStyle(line).stroke : null; })(),
})
"""


def _widget_pages(built_site: Path, site_pages) -> list:
    return [
        p
        for p in site_pages
        if (built_site / p.file).is_file() and 'class="nn-widget"' in (built_site / p.file).read_text(encoding="utf-8")
    ]


def test_some_page_has_an_interactive_figure(built_site: Path, site_pages) -> None:
    assert _widget_pages(built_site, site_pages), "no page shows an interactive figure (.nn-widget)"


def test_interactive_figures_follow_their_slider_and_the_palette(
    browser: Browser, served_site: str, built_site: Path, site_pages, browser_counts
) -> None:
    for site_page in _widget_pages(built_site, site_pages):
        url = served_site + site_page.url
        with visit(browser, url) as (page, log, _):
            page.evaluate(BUILD_WIDGETS)  # each is built as it comes near the screen
            page.wait_for_function(
                "() => [...document.querySelectorAll('.nn-widget')].every((w) => w.classList.contains('nn-ready'))",
                timeout=10000,
            )
            widgets = page.locator(".nn-widget")
            for index in range(widgets.count()):
                widget = widgets.nth(index)
                before = widget.evaluate(WIDGET_STATE)
                assert before["max"] >= 1, f"{url}: widget {index} has fewer than two frames"
                target = 0 if before["frame"] != "0" else before["max"]
                widget.locator("input[type=range]").fill(str(target))
                after = widget.evaluate(WIDGET_STATE)
                assert after["frame"] == str(target), f"{url}: widget {index} did not move to frame {target}"
                assert after["drawing"] != before["drawing"], f"{url}: moving widget {index}'s slider changed nothing"
                browser_counts["widgets"] += 1
            light = widgets.first.evaluate(WIDGET_STATE)["colour"]
            page.locator('form[data-md-component="palette"] label:visible').click()
            page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
            dark = widgets.first.evaluate(WIDGET_STATE)["colour"]
            assert light and dark and light != dark, (
                f"{url}: widget colours do not follow the palette ({light}, {dark})"
            )
            assert log.blocked == [] and log.console_errors == [], (log.blocked, log.console_errors)


def test_interactive_figure_is_built_after_instant_navigation(
    browser: Browser, served_site: str, built_site: Path, site_pages
) -> None:
    target = _widget_pages(built_site, site_pages)[0]
    with visit(browser, served_site) as (page, log, _):
        page.evaluate("() => { window.__marker = 1; }")
        page.locator(f'a[href$="{target.url}"]:visible').first.click()
        page.wait_for_function("() => document.querySelector('.nn-widget') !== null", timeout=10000)
        page.evaluate("() => document.querySelector('.nn-widget').scrollIntoView()")
        page.wait_for_function("() => document.querySelector('.nn-widget.nn-ready') !== null", timeout=10000)
        assert page.evaluate("() => window.__marker") == 1, "the click reloaded the page"
        assert log.console_errors == [], log.console_errors


# --- the home page and the glossary tooltips ----------------------------------------------------

HOME_FIGURES = """
() => [...document.querySelectorAll('.home-answer img[src*="figures/"]')]
  .filter((img) => img.getClientRects().length > 0)
  .map((img) => ({src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0,
                  alt: img.getAttribute("alt") || ""}))
"""


def test_home_page_shows_the_five_answers_with_their_figures_in_both_palettes(
    browser: Browser, served_site: str, browser_counts
) -> None:
    questions = len(nav.questions())  # the home page's answers are written in from the nav
    with visit(browser, served_site) as (page, log, _):
        assert page.locator(".home-answer").count() == questions
        for scheme, dark in (("default", False), ("slate", True)):
            if dark:
                page.locator('form[data-md-component="palette"] label:visible').click()
                page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
                page.evaluate(LOAD_SHOWN_IMAGES)
            shown = page.evaluate(HOME_FIGURES)
            assert len(shown) == questions, f"{scheme}: {len(shown)} answer figures shown, not {questions}: {shown}"
            assert all(f["loaded"] and f["alt"] for f in shown), shown
            assert all(urldefrag(f["src"]).url.endswith("-dark.svg") == dark for f in shown), shown
            browser_counts["home figures"] += len(shown)
        assert log.blocked == [] and log.console_errors == [], (log.blocked, log.console_errors)


def test_glossary_terms_show_their_definition_as_a_tooltip(browser: Browser, served_site: str) -> None:
    with visit(browser, served_site + "loss/") as (page, log, _):
        terms = page.locator("article abbr[title]")
        assert terms.count() >= 5, "the loss page should mark at least five glossary terms"
        assert page.locator("article h1 abbr, article h2 abbr, article h3 abbr").count() == 0
        first = terms.first
        definition = first.get_attribute("title")
        first.scroll_into_view_if_needed()
        first.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text().strip() == definition
        assert log.console_errors == [], log.console_errors


# --- the folded API section ----------------------------------------------------------------------


def test_a_link_into_the_folded_api_section_opens_it(browser: Browser, served_site: str, built_site: Path) -> None:
    html = (built_site / "loss" / "index.html").read_text(encoding="utf-8")
    assert '<details class="nn-api info">' in html, "the loss page's API section is not folded"
    anchor = re.search(r'<template class="nn-api-body">.*?id="(concepts\.[\w.]+)"', html, re.S)[1]
    with visit(browser, f"{served_site}loss/#{anchor}") as (page, log, _):
        state = page.evaluate(
            """(id) => { const target = document.getElementById(id);
                         const box = target.getBoundingClientRect();
                         return {open: target.closest("details.nn-api").open,
                                 visible: box.top >= 0 && box.top < innerHeight}; }""",
            anchor,
        )
        assert state == {"open": True, "visible": True}, f"#{anchor}: {state}"
        assert page.evaluate("() => document.querySelector('template.nn-api-body')") is None, "not unfolded"
        page.evaluate("() => { document.querySelector('details.nn-api').open = false; location.hash = ''; }")
        page.evaluate("(id) => { location.hash = id; }", anchor)  # a click in the table of contents
        page.wait_for_function("() => document.querySelector('details.nn-api').open", timeout=5000)
        assert log.console_errors == [], log.console_errors


def test_a_copy_button_written_by_the_build_copies_its_code(browser: Browser, served_site: str) -> None:
    with visit(browser, served_site + "neuron/") as (page, log, _):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.rstrip("/"))
        assert (
            page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('pre')]"
                ".map((p) => p.querySelectorAll('.md-code__nav').length))"
            )
            == 1
        ), "one button per block"
        block = page.locator("pre[data-nn-code]:visible").first
        block.scroll_into_view_if_needed()
        block.hover()
        block.locator(".md-code__button").click()
        page.wait_for_function("() => document.querySelector('.md-dialog')?.innerText.includes('Copied')", timeout=5000)
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == block.locator("code").inner_text().rstrip()
        assert log.console_errors == [], log.console_errors
