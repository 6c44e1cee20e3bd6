"""Fixtures for the site tests: one strict build per session, served on 127.0.0.1.

- `site_port`: a free TCP port on 127.0.0.1; the site is built with `site_url` on that port, because
  Material's instant navigation only works when `site_url` matches the origin it is served from.
- `built_site`: `mkdocs build --strict` into a temporary folder; fails with the full output on a
  non-zero exit or on any warning line. Its duration is printed at the end of the run.
- `served_site`: the built site served by `http.server` in a daemon thread; yields the base URL.
- `site_page`: tests that take it are parametrized with every page of the nav (plus `404.html`), as a
  `SitePage` (source file, URL path relative to the site root, built file); `site_pages` is that list.
- `browser_counts`: counters the browser tests add to; printed as a "browser test:" summary line.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))  # helpers shared with scripts/
from local_site import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"

BUILD_SECONDS = pytest.StashKey[float]()
BROWSER_COUNTS = pytest.StashKey[Counter]()


# --- the pages of the site ----------------------------------------------------------------------


@dataclass(frozen=True)
class SitePage:
    """One page of the site: `src` relative to docs/ (None for 404.html), `url` relative to the root."""

    src: str | None
    url: str  # "" for the home page, "neuron/", "notebooks/neuron/", "404.html"

    @property
    def file(self) -> str:
        """The built file, relative to the site directory."""
        return self.url if self.url.endswith(".html") else self.url + "index.html"

    @property
    def id(self) -> str:
        return self.url.rstrip("/") or "home"


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV [NAME, default]` becomes the default (or None)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !relative and the like
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _page_url(src: str) -> str:
    """The URL path (use_directory_urls) of a docs/ source file: `reference/index.md` -> `reference/`."""
    stem = src.rsplit(".", 1)[0]
    parts = stem.split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


def _walk_nav(items) -> list[str]:
    sources: list[str] = []
    if isinstance(items, str):
        if "://" not in items:  # an external link in the nav is not a page
            sources.append(items)
    elif isinstance(items, list):
        for item in items:
            sources.extend(_walk_nav(item))
    elif isinstance(items, dict):
        for value in items.values():
            sources.extend(_walk_nav(value))
    return sources


def nav_pages() -> list[SitePage]:
    """Every page of the nav in mkdocs.yml, in nav order, then the 404 page."""
    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # noqa: S506
    pages = [SitePage(src, _page_url(src)) for src in _walk_nav(config.get("nav") or [])]
    return [*pages, SitePage(None, "404.html")]


@pytest.fixture(scope="session")
def site_pages() -> list[SitePage]:
    """The pages `site_page` is parametrized with, as one list."""
    return nav_pages()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_page" in metafunc.fixturenames:
        pages = nav_pages()
        metafunc.parametrize("site_page", pages, ids=[page.id for page in pages])


# --- build and serve ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(site_port: int) -> str:
    """The `site_url` the site is built with, and the address it is served on."""
    return f"http://127.0.0.1:{site_port}/"


def _warnings(output: str) -> list[str]:
    return [
        line for line in output.splitlines() if "WARNING" in line
    ]


@pytest.fixture(scope="session")
def built_site(site_url: str, tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """Build the site with `mkdocs build --strict` into a temporary folder and return that folder."""
    site_dir = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, timeout=900, check=False,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"mkdocs build timed out after {error.timeout} s:\n{error.output or ''}", pytrace=False)
    pytestconfig.stash[BUILD_SECONDS] = time.perf_counter() - start
    warnings = _warnings(done.stdout)
    if done.returncode != 0 or warnings:
        reason = f"exit status {done.returncode}" if done.returncode else f"{len(warnings)} warning line(s)"
        listed = "".join(f"\n  {line}" for line in warnings)
        pytest.fail(
            f"`{' '.join(command[1:])}` failed ({reason}):{listed}\n\nfull output:\n{done.stdout}",
            pytrace=False,
        )
    return site_dir


@pytest.fixture(scope="session")
def served_site(built_site: Path, site_port: int, site_url: str):
    """Serve the built site on 127.0.0.1:site_port; yield its base URL."""
    with serve(built_site, site_port) as url:
        assert url == site_url
        yield url


# --- reporting ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_counts(pytestconfig: pytest.Config) -> Counter:
    """Counters the browser tests add to (pages, requests, images, formulas), shown in the summary."""
    return pytestconfig.stash.setdefault(BROWSER_COUNTS, Counter())


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    seconds = config.stash.get(BUILD_SECONDS, None)
    if seconds is not None:
        terminalreporter.write_line(f"site build: mkdocs build --strict took {seconds:.1f} s")
    counts = config.stash.get(BROWSER_COUNTS, None)
    if counts:
        parts = [
            f"{counts['pages']} pages visited",
            f"{counts['requests']} requests made",
            f"{counts['blocked']} to other hosts",
            f"{counts['images']} images checked",
            f"{counts['formulas']} formulas checked",
            f"{counts['widgets']} interactive figures moved",
            f"{counts['offline pages']} offline pages read from file://",
            f"{counts['home figures']} home-page figures checked in two palettes",
        ]
        if counts["seconds"]:
            parts.append(f"{counts['seconds']:.1f} s in the browser")
        terminalreporter.write_line("browser test: " + ", ".join(parts))
