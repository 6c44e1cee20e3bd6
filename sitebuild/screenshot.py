"""Save full-page screenshots of every page of a built site, in the light and the dark palette.

A developer tool for looking at the whole site at once (it is not a test and builds nothing): it serves
an already built site on 127.0.0.1, opens every page (each `index.html`, plus `404.html`) in headless
Chromium, and writes `<page>-light.png` and `<page>-dark.png` into the output folder. The dark palette
comes from emulating `prefers-color-scheme: dark`, which Material's palette follows until a reader picks
one; if the page still shows the light scheme, the header's toggle is clicked. Requests to any other
host are blocked and listed, as the browser test does.

    .venv/bin/python -m mkdocs build --strict --site-dir /tmp/site
    .venv/bin/python -m sitebuild.screenshot --site /tmp/site --out /tmp/shots

Chromium is Debian's (/usr/bin/chromium, or `chromium` on PATH, or --chromium PATH).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, sync_playwright

from sitebuild.audit import BUILD_WIDGETS, LOAD_SHOWN_IMAGES, site_pages
from sitebuild.local_site import CHROMIUM_ARGS, find_chromium, serve

ROOT = Path(__file__).resolve().parent.parent


def shot_name(url: str, palette: str) -> str:
    stem = url.removesuffix(".html").strip("/").replace("/", "-") or "home"
    return f"{stem}-{palette}.png"


def chromium_or_exit(explicit: str | None) -> str:
    found = find_chromium(explicit)
    if found is None:
        sys.exit("Chromium not found: install Debian's `chromium` package or pass --chromium PATH")
    return found


def screenshot(browser: Browser, url: str, palette: str, path: Path, width: int) -> list[str]:
    """Save one full-page screenshot; return the requests to other hosts that were blocked."""
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette)

    def route(route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        scheme = {"light": "default", "dark": "slate"}[palette]  # Material's data-md-color-scheme
        current = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        if current != scheme:  # the emulated preference was not followed: use the header's toggle
            toggle = page.locator('form[data-md-component="palette"] label:visible')
            if toggle.count():
                toggle.first.click()
                page.wait_for_function(
                    "(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme, timeout=5000
                )
            else:
                print(f"  warning: {url} has no palette toggle; shot in scheme {current!r}", file=sys.stderr)
        # A full-page shot would leave the blocks the browser has not drawn yet blank (site.css draws long
        # pages as the reader scrolls): draw them all, as they are once scrolled to.
        page.add_style_tag(content=".md-content article > * { content-visibility: visible !important; }")
        page.evaluate(BUILD_WIDGETS)  # built, and figures loaded, as a reader scrolling down would see them
        page.evaluate(LOAD_SHOWN_IMAGES)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.screenshot(path=str(path), full_page=True)
    finally:
        context.close()
    return blocked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Full-page PNG screenshots of every page of a built site, light and dark.",
        epilog="Example: .venv/bin/python -m sitebuild.screenshot --site /tmp/site --out /tmp/shots",
    )
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files (created if needed)")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (default: 1280)")
    parser.add_argument(
        "--palette", choices=["light", "dark", "both"], default="both", help="which palettes (default: both)"
    )
    parser.add_argument("--chromium", help="Chromium executable (default: /usr/bin/chromium)")
    args = parser.parse_args(argv)

    site = args.site.resolve()
    if not (site / "index.html").is_file():
        parser.error(f"{site} has no index.html: build the site first (make site, or mkdocs build --site-dir DIR)")
    args.out.mkdir(parents=True, exist_ok=True)
    palettes = ["light", "dark"] if args.palette == "both" else [args.palette]
    pages = site_pages(site)

    with serve(site) as base:
        print(f"serving {site} on {base}; {len(pages)} pages x {len(palettes)} palettes -> {args.out}")
        start = time.perf_counter()
        all_blocked: dict[str, list[str]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_or_exit(args.chromium), args=list(CHROMIUM_ARGS)
            )
            try:
                for url in pages:
                    for palette in palettes:
                        path = args.out / shot_name(url, palette)
                        blocked = screenshot(browser, base + url, palette, path, args.width)
                        if blocked:
                            all_blocked[f"{url or '/'} ({palette})"] = blocked
                        print(f"  {path}")
            finally:
                browser.close()
    print(f"{len(pages) * len(palettes)} screenshots in {time.perf_counter() - start:.1f} s")
    for where, urls in all_blocked.items():
        print(f"blocked requests to other hosts on {where}: {', '.join(urls)}", file=sys.stderr)
    return 1 if all_blocked else 0


if __name__ == "__main__":
    sys.exit(main())
