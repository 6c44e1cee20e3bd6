"""Fixtures for the site tests: one strict build per session, served on 127.0.0.1; the test tiers.

- Tiers: a test that needs a site build (`built_site`, `served_site`, `offline_site`) is marked `site`,
  one that redraws every figure (`regenerated`) `redraw`; browser tests are marked `browser`, the
  PyTorch cross-checks (tests/reference/) `reference`. `make test-fast` deselects these four and the
  tests marked `slow`, and runs the rest on two workers.
- The slow work starts in the background as soon as the tests are collected, so that it overlaps with
  the unit tests: the figures redrawn into a temporary folder, the notebooks executed into their cache
  (`sitebuild.notebooks`), then the strict build and the offline build side by side.
- `site_port`: a free TCP port on 127.0.0.1; the site is built with `site_url` on that port, because
  Material's instant navigation only works when `site_url` matches the origin it is served from.
- `built_site`: `mkdocs build --strict` into a temporary folder; fails with the full output on a
  non-zero exit or on any warning line. Its duration is printed at the end of the run.
- `offline_site`: the same with `OFFLINE=true` (Material's offline plugin), for `make offline`.
- `regenerated`: every figure drawn afresh by its script into a temporary folder.
- `served_site`: the built site served by `http.server` in a daemon thread; yields the base URL.
- `site_page`: tests that take it are parametrized with every page of the nav (plus `404.html`), as a
  `SitePage` (source file, URL path relative to the site root, built file); `site_pages` is that list.
- `browser_counts`: counters the browser tests add to; printed as a "browser test:" summary line.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitebuild import nav
from sitebuild.local_site import serve

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"

BUILD_SECONDS = pytest.StashKey[float]()
BROWSER_COUNTS = pytest.StashKey[Counter]()
BACKGROUND = pytest.StashKey["Background"]()
TIERS = {"site": ("built_site", "served_site", "offline_site"), "redraw": ("regenerated",)}


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


def _page_url(src: str) -> str:
    """The URL path (use_directory_urls) of a docs/ source file: `reference/index.md` -> `reference/`."""
    stem = src.rsplit(".", 1)[0]
    parts = stem.split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


def nav_pages() -> list[SitePage]:
    """Every page of the nav in mkdocs.yml, in nav order, then the 404 page."""
    pages = [SitePage(src, _page_url(src)) for src in nav.nav_sources(nav.read_config().get("nav") or [])]
    return [*pages, SitePage(None, "404.html")]


@pytest.fixture(scope="session")
def site_pages() -> list[SitePage]:
    """The pages `site_page` is parametrized with, as one list."""
    return nav_pages()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_page" in metafunc.fixturenames:
        pages = nav_pages()
        metafunc.parametrize("site_page", pages, ids=[page.id for page in pages])


# --- the slow work, started in the background --------------------------------------------------


@dataclass
class Job:
    """A command run in the background; `wait()` returns (exit status, output, seconds)."""

    command: list[str]
    env: dict[str, str]
    after: "Job | None" = None  # start only once this one has finished
    done: threading.Event = field(default_factory=threading.Event)
    result: tuple[int, str, float] = (0, "", 0.0)

    def start(self) -> None:
        threading.Thread(target=self._run, name=f"background {self.command[2]}", daemon=True).start()

    def _run(self) -> None:
        if self.after is not None:
            self.after.wait()
        start = time.perf_counter()
        try:
            done = subprocess.run(self.command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=900, check=False)
            self.result = (done.returncode, done.stdout, time.perf_counter() - start)
        except subprocess.TimeoutExpired as error:
            self.result = (-1, f"timed out after {error.timeout} s:\n{error.output or ''}", error.timeout)
        finally:
            self.done.set()

    def wait(self) -> tuple[int, str, float]:
        self.done.wait()
        return self.result


@dataclass
class Background:
    """The background jobs of this session and the folders they write to."""

    port: int
    scratch: Path
    jobs: dict[str, Job] = field(default_factory=dict)

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with the tier of the slow fixtures it uses (`site`, `redraw`), and run the tiers in
    order: first the tests that need nothing slow (while the background work runs), then those waiting for
    a redraw or a build, the browser last."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for marker, names in TIERS.items():
            if fixtures & set(names):
                item.add_marker(marker)
        if item.nodeid.startswith("tests/reference/"):
            item.add_marker("reference")

    def tier(item: pytest.Item) -> int:
        return 3 if item.get_closest_marker("browser") else 2 if item.get_closest_marker("site") \
            else 1 if item.get_closest_marker("redraw") else 0

    items.sort(key=tier)  # stable: the order within a tier stays as collected


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start, in the background, the slow work that the selected tests will need."""
    needed = {fixture for item in session.items for fixture in getattr(item, "fixturenames", ())}
    if session.config.option.collectonly or not needed & {n for names in TIERS.values() for n in names}:
        return
    background = Background(_free_port(), Path(tempfile.mkdtemp(prefix="nn5q-tests-")))
    session.config.stash[BACKGROUND] = background
    python, env = sys.executable, {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    jobs = background.jobs
    if "regenerated" in needed:
        jobs["figures"] = Job([python, "-m", "sitebuild.figures", "--force", "--jobs", "1", "--out-dir",
                               str(background.scratch / "figures")], env)
    if needed & {"built_site", "served_site", "offline_site"}:
        notebooks = Job([python, "-m", "sitebuild.notebooks"], env)  # both builds then read the cache
        jobs["notebooks"] = notebooks
        build = [python, "-m", "mkdocs", "build", "--strict", "--site-dir"]
        if needed & {"built_site", "served_site"}:
            jobs["site"] = Job([*build, str(background.scratch / "site")],
                               {**env, "SITE_URL": background.site_url}, after=notebooks)
        if "offline_site" in needed:
            jobs["offline"] = Job([*build, str(background.scratch / "offline" / "site")],
                                  {**env, "OFFLINE": "true"}, after=notebooks)
    for job in jobs.values():
        job.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    background = session.config.stash.get(BACKGROUND, None)
    if background is not None:
        for job in background.jobs.values():
            job.wait()
        shutil.rmtree(background.scratch, ignore_errors=True)


def _background(pytestconfig: pytest.Config, name: str) -> Job:
    background = pytestconfig.stash.get(BACKGROUND, None)
    if background is None or name not in background.jobs:
        pytest.fail(f"the background job {name!r} was not started at collection", pytrace=False)
    return background.jobs[name]


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING" in line]


def _finished_build(pytestconfig: pytest.Config, name: str, what: str) -> Path:
    notebooks = _background(pytestconfig, "notebooks")
    status, output, _ = notebooks.wait()
    if status:
        pytest.fail(f"executing the notebooks failed (exit status {status}):\n{output}", pytrace=False)
    job = _background(pytestconfig, name)
    status, output, seconds = job.wait()
    if name == "site":
        pytestconfig.stash[BUILD_SECONDS] = seconds
    warnings = _warnings(output)
    if status or warnings:
        reason = f"exit status {status}" if status else f"{len(warnings)} warning line(s)"
        listed = "".join(f"\n  {line}" for line in warnings)
        pytest.fail(f"{what} failed ({reason}):{listed}\n\nfull output:\n{output}", pytrace=False)
    return Path(job.command[-1])


@pytest.fixture(scope="session")
def site_port(pytestconfig: pytest.Config) -> int:
    """The TCP port on 127.0.0.1 that the site is built for and served on (free when the session began)."""
    background = pytestconfig.stash.get(BACKGROUND, None)
    return background.port if background is not None else _free_port()


@pytest.fixture(scope="session")
def site_url(site_port: int) -> str:
    """The `site_url` the site is built with, and the address it is served on."""
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def built_site(pytestconfig: pytest.Config) -> Path:
    """The site built with `mkdocs build --strict` into a temporary folder (started in the background)."""
    return _finished_build(pytestconfig, "site", "`mkdocs build --strict`")


@pytest.fixture(scope="session")
def offline_site(pytestconfig: pytest.Config) -> Path:
    """The offline edition, `OFFLINE=true mkdocs build --strict`, in a temporary folder."""
    return _finished_build(pytestconfig, "offline", "the offline build (`OFFLINE=true mkdocs build --strict`)")


@pytest.fixture(scope="session")
def regenerated(pytestconfig: pytest.Config) -> Path:
    """Every figure drawn afresh by its script into a temporary folder (once per test session)."""
    job = _background(pytestconfig, "figures")
    status, output, _ = job.wait()
    if status:
        pytest.fail(f"redrawing the figures failed (exit status {status}):\n{output}", pytrace=False)
    return Path(job.command[-1])


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
