"""What a reader on any device gets, page by page: `make audit` (`python -m sitebuild.audit`).

Builds the site (strict), serves it on 127.0.0.1 compressed as a static host sends it, and prints a
table per page:

- Lighthouse 12.2.3 (pinned in package.json; Debian's Chromium; `sitebuild/lighthouse.mjs`) on the home
  page and the five question pages: performance with the mobile defaults (median of `--runs`),
  accessibility, best practices and SEO, desktop performance; bytes transferred and requests on a
  mobile first load;
- axe-core (pinned in package.json, injected from node_modules) with the WCAG 2.1 A and AA rules, on
  every page in both palettes;
- the smallest figure or widget text on a 390 px wide screen, in CSS px, and any math script.

Scores and timings vary with the machine: they are reported here, not asserted by the tests. What is
deterministic (violations, fetches, text sizes, no math script) is asserted by tests/browser, which use
the measuring functions below.

    python -m sitebuild.audit                    # build, then everything (about 10 minutes)
    python -m sitebuild.audit --site site --runs 1 --no-lighthouse
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild import nav
from sitebuild.digest import ROOT
from sitebuild.variants import svg_size

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = Path(__file__).with_name("lighthouse.mjs")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
PHONE_WIDTH, PHONE_HEIGHT = 390, 844  # CSS px: an iPhone 12 to 15

# --- measuring functions, shared with tests/browser -------------------------------------------------


def phone() -> dict:
    """A phone's viewport, for Playwright."""
    return {"width": PHONE_WIDTH, "height": PHONE_HEIGHT}


def run_axe(page) -> list[dict]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now: [{id, impact, help, nodes: [target]}]."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        list(WCAG_TAGS),
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"]],
        }
        for v in result["violations"]
    ]


LOAD_SHOWN_IMAGES = """async () => {
  const shown = [...document.querySelectorAll('img')].filter((img) => img.getClientRects().length > 0);
  shown.forEach((img) => { img.loading = "eager"; });
  await Promise.all(shown.map((img) => img.complete ? null : new Promise((done) => {
    img.addEventListener("load", done, {once: true}); img.addEventListener("error", done, {once: true}); })));
  return shown.length;
}"""

# Interactive figures are built when they come near the screen: scroll to each, wait until it is built.
BUILD_WIDGETS = """async () => {
  const widgets = [...document.querySelectorAll(".nn-widget")];
  for (const widget of widgets) {
    widget.scrollIntoView();
    for (let waited = 0; !widget.classList.contains("nn-ready") && waited < 5000; waited += 20) {
      await new Promise((done) => setTimeout(done, 20));
    }
  }
  window.scrollTo(0, 0);
  return widgets.filter((w) => w.classList.contains("nn-ready")).length;
}"""

# The folded API sections, opened (and so built from their templates), to be checked like the rest.
OPEN_API = """async () => {
  const sections = [...document.querySelectorAll("details.nn-api")];
  sections.forEach((d) => { d.open = true; });
  for (let waited = 0; document.querySelector("template.nn-api-body") && waited < 3000; waited += 20) {
    await new Promise((done) => setTimeout(done, 20));
  }
  return sections.length;
}"""

FIGURE_AND_WIDGET_TEXT = """() => {
  const figures = [...document.querySelectorAll('article img')]
    .filter((img) => img.getClientRects().length > 0 && (img.currentSrc || "").includes("/figures/"))
    .map((img) => ({src: img.currentSrc, width: img.getBoundingClientRect().width}));
  const widgets = [];
  for (const text of document.querySelectorAll(".nn-widget svg text")) {
    if (!text.textContent.trim() || text.getClientRects().length === 0) continue;
    const m = text.getScreenCTM();
    const scale = Math.hypot(m.a, m.b);
    widgets.push({text: text.textContent.trim().slice(0, 40),
                  px: parseFloat(getComputedStyle(text).fontSize) * scale});
  }
  return {figures, widgets};
}"""


def text_sizes(page, site_dir: Path) -> list[dict]:
    """Every figure and widget text size shown on the page now, smallest first: [{what, px}].

    A figure's smallest text (recorded in its SVG, in points of its own coordinates) times the scale
    it is drawn at; a widget's text from its font size and the SVG's scale on screen.
    """
    page.evaluate(LOAD_SHOWN_IMAGES)
    page.evaluate(BUILD_WIDGETS)
    found = page.evaluate(FIGURE_AND_WIDGET_TEXT)
    sizes = []
    for figure in found["figures"]:
        path = Path(site_dir) / urlsplit(figure["src"]).path.lstrip("/")
        size = svg_size(path)
        if size.smallest_text_pt is not None:
            sizes.append({"what": path.name, "px": size.smallest_text_pt * figure["width"] / (size.width_px * 0.75)})
    sizes += [{"what": f"widget text {w['text']!r}", "px": w["px"]} for w in found["widgets"]]
    return sorted(sizes, key=lambda s: s["px"])


MATH_SCRIPTS = """() => [...document.scripts].map((s) => s.src || s.textContent.slice(0, 200))
  .filter((s) => /katex|mathjax|renderMathInElement/i.test(s))"""


def math_scripts(page) -> list[str]:
    """Scripts on the page that render math in the browser (there should be none)."""
    return page.evaluate(MATH_SCRIPTS)


# --- the report -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(site_dir: Path, port: int) -> None:
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def lighthouse(url: str, form_factor: str) -> dict:
    out = subprocess.run(["node", str(LIGHTHOUSE), url, form_factor], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"Lighthouse on {url} ({form_factor}) failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout)


def site_pages(site_dir: Path) -> list[str]:
    """URL paths of the pages of a built site: "" (home), "neuron/", ..., "404.html"."""
    pages = sorted(p.relative_to(site_dir).parent.as_posix() + "/" for p in Path(site_dir).rglob("index.html"))
    pages = [("" if p == "./" else p) for p in pages if not p.startswith(("assets/", "search/"))]
    return pages + (["404.html"] if (Path(site_dir) / "404.html").exists() else [])


PLAYGROUND = "playground.md"  # a reader's page too, with the most script of any


def lighthouse_pages() -> list[str]:
    """The pages Lighthouse scores: the home page, the question pages of the nav and the playground, as
    URL paths."""
    return ["", *(question.url for question in nav.questions()), nav.page_url(PLAYGROUND)]


def browser_checks(base: str, site_dir: Path, pages: list[str]) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    from sitebuild.local_site import CHROMIUM_ARGS, find_chromium

    results: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
        try:
            for path in pages:
                row = results.setdefault(path, {})
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
                    page = context.new_page()
                    page.goto(base + path, wait_until="load")
                    page.wait_for_timeout(300)
                    page.evaluate(OPEN_API)  # what a reader who opens it gets
                    row[f"axe {scheme}"] = run_axe(page)
                    if scheme == "light":
                        row["math scripts"] = math_scripts(page)
                    context.close()
                context = browser.new_context(viewport=phone(), color_scheme="light")
                page = context.new_page()
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(300)
                sizes = text_sizes(page, site_dir)
                row["smallest text"] = sizes[0] if sizes else None
                context.close()
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.audit", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="audit this built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=3, help="mobile Lighthouse runs per page (median)")
    parser.add_argument("--no-lighthouse", action="store_true", help="axe and text sizes only")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args(argv)

    from sitebuild.local_site import serve

    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="nn5q-audit-") as scratch:
        site_dir = args.site or Path(scratch) / "site"
        if args.site is None:
            print(f"building the site for http://127.0.0.1:{port}/ ...", flush=True)
            build(site_dir, port)
        with serve(site_dir, port=port, compress=True) as base:
            pages = site_pages(site_dir)
            start = time.perf_counter()
            checks = browser_checks(base, site_dir, pages)
            print(f"axe and text sizes on {len(pages)} pages: {time.perf_counter() - start:.0f} s", flush=True)
            scores: dict[str, dict] = {}
            if not args.no_lighthouse:
                for path in lighthouse_pages():
                    runs = [lighthouse(base + path, "mobile") for _ in range(args.runs)]
                    runs.sort(key=lambda r: r["scores"]["performance"])
                    median = runs[len(runs) // 2]
                    desktop = lighthouse(base + path, "desktop")
                    scores[path] = {
                        "mobile": median,
                        "desktop": desktop,
                        "mobile performance runs": [r["scores"]["performance"] for r in runs],
                    }
                    print(
                        f"Lighthouse {path or '/'}: mobile {[r['scores']['performance'] for r in runs]}, "
                        f"desktop {desktop['scores']['performance']}",
                        flush=True,
                    )
    print()
    print(table(pages, checks, scores))
    if args.json:
        args.json.write_text(json.dumps({"checks": checks, "lighthouse": scores}, indent=1), encoding="utf-8")
    return 0


def table(pages: list[str], checks: dict, scores: dict) -> str:
    head = (
        "| page | perf (mobile, median) | TBT ms, LCP s | a11y | best pr. | SEO | perf (desktop) | kB transferred "
        "| requests | axe light | axe dark | smallest figure text at 390 px | math scripts |"
    )
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for path in pages:
        check = checks.get(path, {})
        lh = scores.get(path)
        if lh:
            m, d = lh["mobile"], lh["desktop"]
            runs = "/".join(str(r) for r in lh["mobile performance runs"])
            cells = [
                f"{m['scores']['performance']} ({runs})",
                f"{m['metrics']['tbt']:.0f}, {m['metrics']['lcp'] / 1000:.1f}",
                m["scores"]["accessibility"],
                m["scores"]["best-practices"],
                m["scores"]["seo"],
                d["scores"]["performance"],
                f"{m['bytes'] / 1000:.0f}",
                m["requests"],
            ]
        else:
            cells = [""] * 8
        axe = [
            ", ".join(f"{v['id']} ({len(v['nodes'])})" for v in check.get(f"axe {s}", [])) or "0"
            for s in ("light", "dark")
        ]
        smallest = check.get("smallest text")
        text = f"{smallest['px']:.1f} px ({smallest['what']})" if smallest else "no figure"
        rows.append(
            "| "
            + " | ".join(str(c) for c in [f"/{path}", *cells, *axe, text, len(check.get("math scripts", []))])
            + " |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
