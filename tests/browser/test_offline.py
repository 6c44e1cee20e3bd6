"""The offline edition (`make offline`) read from disk, as someone on a plane would read it.

Built with Material's offline plugin into a temporary folder (the `offline_site` fixture in
tests/conftest.py) and opened through file:// URLs in Chromium: every page must render its math and its
interactive figures, make no request to any other host and log no console error, and search must find
a page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild.audit import BUILD_WIDGETS, LOAD_SHOWN_IMAGES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent

PAGE_STATE = """
() => ({
  formulas: document.querySelectorAll(".arithmatex").length,
  rendered: document.querySelectorAll(".arithmatex .katex").length,
  katexErrors: document.querySelectorAll(".katex-error").length,
  widgets: document.querySelectorAll(".nn-widget").length,
  widgetsReady: document.querySelectorAll(".nn-widget.nn-ready").length,
  brokenImages: [...document.querySelectorAll("article img")]
    .filter((img) => img.getClientRects().length > 0 && !(img.complete && img.naturalWidth > 0))
    .map((img) => img.getAttribute("src")),
})
"""


def offline_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


def test_offline_edition_has_no_directory_urls_and_inlines_its_data(offline_site):
    assert (offline_site / "neuron.html").is_file() and not (offline_site / "neuron").exists()
    assert (offline_site / "search" / "search_index.js").is_file()
    html = (offline_site / "neuron.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and 'src="assets/iframe-worker/shim.js"' in html
    if 'class="nn-widget"' in html:
        assert "nn-widget-data" in html


def test_every_offline_page_renders_from_disk(offline_site, browser, browser_counts):
    problems: list[str] = []
    pages = offline_pages(offline_site)
    assert len(pages) >= 5
    for path in pages:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        remote, errors = [], []
        page.on(
            "request",
            lambda r, remote=remote: None if r.url.startswith(("file:", "data:", "blob:")) else remote.append(r.url),
        )
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(f"uncaught {e}"))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(150)  # let the page's scripts run
        page.evaluate(BUILD_WIDGETS)  # built as they come near the screen
        page.evaluate(LOAD_SHOWN_IMAGES)  # and the figures below the fold, as a reader scrolling would
        state = page.evaluate(PAGE_STATE)
        context.close()
        name = path.relative_to(offline_site).as_posix()
        problems += [f"{name}: request to another host {url}" for url in remote]
        problems += [f"{name}: console error {message}" for message in errors]
        if state["rendered"] != state["formulas"] or state["katexErrors"]:
            problems.append(
                f"{name}: {state['rendered']} of {state['formulas']} formulas rendered, "
                f"{state['katexErrors']} KaTeX errors"
            )
        if state["widgetsReady"] != state["widgets"]:
            problems.append(f"{name}: {state['widgetsReady']} of {state['widgets']} interactive figures built")
        problems += [f"{name}: image did not load {src}" for src in state["brokenImages"]]
        browser_counts["offline pages"] += 1
    assert problems == [], "\n".join(problems)


def test_offline_search_finds_a_page(offline_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    page.locator(".md-search__input").first.click()
    page.keyboard.type("perceptron")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    titles = page.locator(".md-search-result__item").all_inner_texts()
    context.close()
    assert any("neuron" in title.lower() for title in titles), titles
