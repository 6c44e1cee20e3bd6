"""Static checks of the built site (no browser): strict build, footer stamp, offline assets, sitemap.

Each page-level test runs once per page of the nav (and the 404 page): see `site_page` in conftest.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import figures, home, katex, nav, notebooks, source_link, values

ROOT = Path(__file__).resolve().parent.parent
KATEX_FILES = tuple(f"{katex.SITE_FOLDER}/{name}" for name in katex.FILES)
CSS_URL = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<url>.*?)(?P=q)\s*\)|@import\s+(?P<q2>['"])(?P<url2>.*?)(?P=q2)""")


class PageParser(HTMLParser):
    """Collects what the checks need from one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []  # (what, URL) for script src, link href, img src...
        self.css: list[str] = []  # <style> bodies and style="" attributes
        self.source_widgets: list[str] = []
        self.stamps: list[dict[str, str]] = []
        self._stamp_depth = 0  # > 0 while inside div.build-stamp
        self._in_code = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        classes = attr.get("class", "").split()
        if tag == "script" and "src" in attr:
            self.resources.append(("<script src>", attr["src"]))
        elif tag == "link" and "href" in attr:
            self.resources.append((f"<link rel={attr.get('rel', '')!r} href>", attr["href"]))
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and "src" in attr:
            self.resources.append((f"<{tag} src>", attr["src"]))
        if tag in ("img", "source") and "srcset" in attr:
            for candidate in attr["srcset"].split(","):
                if candidate.strip():
                    self.resources.append((f"<{tag} srcset>", candidate.split()[0]))
        if "style" in attr:
            self.css.append(attr["style"])
        if tag == "style":
            self._in_style = True
        if "md-source" in classes or attr.get("data-md-component") == "source":
            self.source_widgets.append(self.get_starttag_text() or tag)
        if self._stamp_depth:
            if tag == "div":
                self._stamp_depth += 1
            if tag == "code":
                self._in_code = True
        elif tag == "div" and "build-stamp" in classes:
            self._stamp_depth = 1
            self.stamps.append({"text": "", "code": ""})

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if self._stamp_depth:
            if tag == "div":
                self._stamp_depth -= 1
            elif tag == "code":
                self._in_code = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)
        if self._stamp_depth:
            self.stamps[-1]["text"] += data
            if self._in_code:
                self.stamps[-1]["code"] += data


def parse(path: Path) -> tuple[str, PageParser]:
    html = path.read_text(encoding="utf-8")
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return html, parser


def is_local(url: str) -> bool:
    """A relative URL, a data:/blob: URL, or one on 127.0.0.1."""
    url = url.strip()
    if url.lower().startswith(("data:", "blob:", "#")):
        return True
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True  # relative (or absolute path on the same host)
    return parts.hostname == "127.0.0.1"


def css_urls(css: str) -> list[str]:
    return [match["url"] or match["url2"] or "" for match in CSS_URL.finditer(css)]


@pytest.fixture(scope="module")
def page_html(built_site: Path):
    """Parse each built page once: `page_html(site_page)` -> (html, PageParser)."""
    cache: dict[str, tuple[str, PageParser]] = {}

    def get(site_page) -> tuple[str, PageParser]:
        if site_page.file not in cache:
            path = built_site / site_page.file
            assert path.is_file(), f"{site_page.file} was not built (source: docs/{site_page.src})"
            cache[site_page.file] = parse(path)
        return cache[site_page.file]

    return get


# --- the build ----------------------------------------------------------------------------------


def test_strict_build_passes(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "sitemap.xml").is_file()


def test_every_built_page_is_tested(built_site: Path, site_pages) -> None:
    """The parametrized pages (the nav and 404.html) are exactly the HTML files of the site."""
    expected = {page.file for page in site_pages}
    built = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")}
    assert built - expected == set(), "pages built but not in the nav (so not checked page by page)"
    assert expected - built == set(), "pages in the nav but not built"


# --- every page ---------------------------------------------------------------------------------


def _expected_versions() -> dict[str, str]:
    versions: dict[str, str] = {"Python": sys.version.split()[0]}
    try:
        versions["KaTeX"] = katex.version()
    except katex.KatexMissingError:
        pass
    return versions


def _git_checkout() -> bool:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def test_page_has_build_stamp(site_page, page_html) -> None:
    _, page = page_html(site_page)
    assert len(page.stamps) == 1, f"expected one .build-stamp in the footer, found {len(page.stamps)}"
    text = re.sub(r"[ \t\r\n]+", " ", page.stamps[0]["text"]).strip()  # keep the &nbsp; (\xa0)
    commit = page.stamps[0]["code"].strip()
    assert re.search(r"\bBuilt \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b", text), f"no build date in {text!r}"
    if _git_checkout():
        assert re.fullmatch(r"[0-9a-f]{12}( with uncommitted changes)?", commit), f"bad commit {commit!r}"
    else:
        assert commit, "empty commit in the build stamp"
    shown = dict(re.findall(r"([A-Za-z][\w.-]*)\xa0(\d[\w.+-]*?)(?=[,.]?(?:\s|$))", text))
    for required in ("mkdocs", "mkdocs-material", "KaTeX", "Python"):
        assert required in shown, f"{required} version missing from the build stamp {text!r}"
    expected = _expected_versions()
    for name, version in shown.items():
        if name not in expected:
            try:
                expected[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
        assert version == expected[name], f"build stamp shows {name} {version}, installed is {expected[name]}"


def test_page_loads_nothing_from_other_hosts(site_page, page_html) -> None:
    _, page = page_html(site_page)
    remote = [f"{what} {url}" for what, url in page.resources if not is_local(url)]
    remote += [f"inline CSS url({url})" for css in page.css for url in css_urls(css) if not is_local(url)]
    assert remote == [], "references to another host:\n" + "\n".join(remote)


def test_page_has_no_github_api_or_source_widget(site_page, page_html) -> None:
    html, page = page_html(site_page)
    assert "api.github.com" not in html
    assert page.source_widgets == [], "repo_url source widget found (it calls the GitHub API)"


# --- assets ---------------------------------------------------------------------------------------


def test_stylesheets_load_nothing_from_other_hosts(built_site: Path) -> None:
    remote = [
        f"{path.relative_to(built_site)}: url({url})"
        for path in sorted(built_site.rglob("*.css"))
        for url in css_urls(path.read_text(encoding="utf-8", errors="replace"))
        if not is_local(url)
    ]
    assert remote == [], "stylesheets referencing another host:\n" + "\n".join(remote)


@pytest.mark.parametrize("name", KATEX_FILES)
def test_katex_file_is_served_by_the_site(built_site: Path, name: str) -> None:
    path = built_site / name
    assert path.is_file(), f"{name} missing from the built site"
    assert path.stat().st_size > 1000, f"{name} is suspiciously small"


@pytest.mark.parametrize("name", [name for name in KATEX_FILES if name.endswith(".css")])
def test_katex_woff2_fonts_are_served_by_the_site(built_site: Path, name: str) -> None:
    css = (built_site / name).read_text(encoding="utf-8")
    fonts = sorted({url for url in css_urls(css) if url.endswith(".woff2")})
    assert fonts, f"{name} names no woff2 font"
    missing = [url for url in fonts if not (built_site / name).parent.joinpath(url).is_file()]
    assert missing == [], f"woff2 fonts named by {name} but missing: {missing}"


# --- the home page ----------------------------------------------------------------------------------


def test_home_page_shows_each_question_of_the_nav_in_order(built_site: Path) -> None:
    """The build writes the answers in from the nav (`sitebuild.home`): one block per question, in order."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    questions = nav.questions()
    blocks = html.split('<div class="home-answer">')[1:]
    assert len(blocks) == len(questions), f"{len(blocks)} answers on the home page for {len(questions)} questions"
    for question, block in zip(questions, blocks):
        assert f'href="{question.url}"' in block and f"{question.number}. " in block, question.page
    assert home.PLACEHOLDER not in html and "--8&lt;--" not in html and "--8<--" not in html


def test_every_number_is_written_in_and_none_is_served_as_a_file(built_site: Path) -> None:
    """`sitebuild.values` filled every placeholder, in the pages and in the answers they include; the
    `*.values.json` files are build inputs, not part of the site."""
    numbers = values.load()
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in values.PLACEHOLDER.finditer(re.sub(r"<code[^>]*>.*?</code>", "", text, flags=re.S)):
            raise AssertionError(f"{path.relative_to(built_site)}: {match[0]} was not written in")
    assert not list(built_site.rglob(f"*{values.SUFFIX}"))
    assert not list(built_site.rglob(f"*{figures.VECTORS_SUFFIX}"))  # the playground's test vectors neither
    overfitting = numbers["loss_overfitting"]  # one number, in a sentence and in an alt text
    html = (built_site / "loss/index.html").read_text(encoding="utf-8")
    assert f"at step {overfitting['best_step']} and then climbs to {overfitting['last_held_out']:.2f}" in html


def test_the_home_and_notebooks_pages_link_the_source(built_site: Path, source_url: str) -> None:
    """The words those pages mark link to `extra.source_url` (`sitebuild.source_link`), and no marker is left."""
    for page in ("index.html", "notebooks/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert re.search(f'<a href="{re.escape(source_url)}">the site\'s\\s+repository</a>', html), page
        assert source_link.OPEN not in html and source_link.CLOSE not in html, page


def test_the_notebooks_zip_is_served_beside_the_notebooks_page(built_site: Path) -> None:
    """The download the notebooks page offers, with the `concepts` package it needs."""
    import zipfile

    with zipfile.ZipFile(built_site / "notebooks" / "notebooks.zip") as archive:
        assert {"notebooks/README.txt", "notebooks/concepts/__init__.py"} <= set(archive.namelist())


# --- sitemap --------------------------------------------------------------------------------------


def test_sitemap_lists_every_nav_page(built_site: Path, site_url: str, site_pages) -> None:
    tree = ET.parse(built_site / "sitemap.xml")
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text.strip() for loc in tree.getroot().iterfind("sm:url/sm:loc", namespace) if loc.text}
    nav_urls = [site_url + page.url for page in site_pages if page.src is not None]
    missing = [url for url in nav_urls if url not in listed]
    assert missing == [], f"nav pages missing from sitemap.xml: {missing}"


@pytest.mark.slow  # starts a kernel
def test_a_notebook_cell_that_raises_fails_the_build(tmp_path):
    """The build executes the notebooks itself; an error must stop it, naming the notebook and the cell."""
    broken = tmp_path / "broken.py"
    broken.write_text("# %%\nx = 1\n\n# %%\nraise ValueError('the third cell is wrong')\n", encoding="utf-8")
    with pytest.raises(notebooks.NotebookError, match="broken.py failed(.|\n)*the third cell is wrong"):
        notebooks.executed(broken, tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*")), "a failed notebook left something in the cache"


def test_notebook_pages_use_the_site_notebook_stylesheet_instead_of_inlining_jupyterlab_css(built_site):
    pages = sorted((built_site / "notebooks").glob("*/index.html"))
    assert pages, "no notebook pages built"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<style" not in html, f"{page.relative_to(built_site)} still inlines styles"
        assert html.count('<link rel="stylesheet" href="../../assets/notebook.css">') == 1, page
        assert "x-mathjax-config" not in html and '<script src="">' not in html, page.relative_to(built_site)
    assert (built_site / "assets" / "notebook.css").stat().st_size < 20_000


def test_notebook_plots_are_narrow_enough_to_read_on_a_phone(built_site):
    """A plot a notebook cell draws is shrunk to the phone's output column (about 340 CSS px): at most
    470 px wide at matplotlib's 100 dpi, its 10-point text still shows at 9 CSS px or more."""
    import base64

    widths = {}
    for page in sorted((built_site / "notebooks").glob("*/index.html")):
        for data in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]{32})', page.read_text(encoding="utf-8")):
            widths.setdefault(page.parent.name, []).append(int.from_bytes(base64.b64decode(data)[16:20], "big"))
    assert widths, "no notebook draws a plot"
    too_wide = {name: [w for w in found if w > 470] for name, found in widths.items()}
    assert not any(too_wide.values()), f"plots too wide for a phone (px): {too_wide}"
