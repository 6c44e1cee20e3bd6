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
- `source_url`: the address the site build links as its source (`SOURCE_URL`, as a deploy sets it); the
  offline build is made without one.
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

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitebuild import fileio, nav
from sitebuild.local_site import serve

ROOT = Path(__file__).resolve().parent.parent

# The address the site build links as its source (`extra.source_url`), as a deploy sets it; the offline
# build keeps the default (no address), so both forms of the linked sentences get built.
SOURCE_URL = "https://example.org/nn-five-questions"

BROWSER_COUNTS = pytest.StashKey[Counter]()
BACKGROUND = pytest.StashKey[dict]()
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


def nav_pages() -> list[SitePage]:
    """Every page of the nav in mkdocs.yml (read by `sitebuild.nav`), in nav order, then the 404 page."""
    pages = [SitePage(src, nav.page_url(src)) for src in nav.nav_sources(nav.read_config().get("nav") or [])]
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
#
# Under pytest-xdist (`make test` runs two workers) every worker collects every test, so each would
# start the same slow work. Instead the jobs live in a folder shared by the test run (named by xdist's
# testrunuid): the first process to claim a job (an exclusive lock file) runs it, and every process
# reads its result from a JSON file written when it ends.


@dataclass
class Job:
    """A command run once per test run, in the background; `wait()` returns (exit status, output, seconds)."""

    name: str
    command: list[str]
    env: dict[str, str]
    folder: Path
    after: str | None = None  # start only once that job has finished
    owner: bool = False  # whether this process runs it
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def output_path(self) -> Path:
        return Path(self.command[-1])

    def start(self) -> None:
        """Run the command in a thread if no other process of this test run has claimed it."""
        try:
            os.close(os.open(self.folder / f"{self.name}.lock", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        self.owner = True
        threading.Thread(target=self._run, name=f"background {self.name}", daemon=True).start()

    def _run(self) -> None:
        if self.after is not None:
            _result(self.folder, self.after)
        start = time.perf_counter()
        try:
            done = subprocess.run(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=900,
                check=False,
            )
            result = (done.returncode, done.stdout, time.perf_counter() - start)
        except Exception as error:  # reported by whoever waits for the job
            result = (-1, f"{type(error).__name__}: {error}", time.perf_counter() - start)
        fileio.write_atomic(self.folder / f"{self.name}.json", json.dumps(result).encode())
        self.done.set()

    def wait(self) -> tuple[int, str, float]:
        return _result(self.folder, self.name)


def _result(folder: Path, name: str, timeout: float = 1200.0) -> tuple[int, str, float]:
    path, start = folder / f"{name}.json", time.perf_counter()
    while not path.exists():
        if time.perf_counter() - start > timeout:
            return (-1, f"the background job {name!r} did not finish within {timeout:.0f} s", timeout)
        time.sleep(0.1)
    status, output, seconds = json.loads(path.read_text(encoding="utf-8"))
    return status, output, seconds


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_id(config: pytest.Config) -> str:
    workerinput = getattr(config, "workerinput", None)
    return workerinput["testrunuid"] if workerinput else getattr(config.option, "testrunuid", None) or str(os.getpid())


def _run_folder(config: pytest.Config) -> Path:
    """The folder the processes of this test run share (one run: one folder, whatever the workers)."""
    folder = Path(tempfile.gettempdir()) / f"nn5q-tests-{_run_id(config)}"
    folder.mkdir(exist_ok=True)
    return folder


def _site_port(folder: Path) -> int:
    """The port the site is built for: chosen by the first process that asks, read by the others."""
    path = folder / "port"
    try:
        os.close(os.open(folder / "port.lock", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        fileio.write_atomic(path, str(_free_port()).encode())
    except FileExistsError:
        while not path.exists():
            time.sleep(0.05)
    return int(path.read_text(encoding="utf-8"))


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and getattr(config.option, "testrunuid", "absent") is None:
        config.option.testrunuid = uuid.uuid4().hex  # xdist's controller hands it to its workers


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with the tier of the slow fixtures it uses (`site`, `redraw`), and order the tiers.

    One process: first the tests that need nothing slow (while the background work runs), then those
    waiting for a redraw or a build, the browser last. Under xdist the browser tests come first instead:
    their worker waits for the build while the other one runs the unit tests.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for marker, names in TIERS.items():
            if fixtures & set(names):
                item.add_marker(marker)
        if item.nodeid.startswith("tests/reference/"):
            item.add_marker("reference")
    browser = -1 if hasattr(config, "workerinput") else 3

    def tier(item: pytest.Item) -> int:
        return (
            browser
            if item.get_closest_marker("browser")
            else 2
            if item.get_closest_marker("site")
            else 1
            if item.get_closest_marker("redraw")
            else 0
        )

    items.sort(key=tier)  # stable: the order within a tier stays as collected


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under xdist: a test file is a unit of work (a page's code blocks share one namespace), except that
    all the browser tests are one unit (one Chromium, one served site); units go out in collection
    order (`--no-loadscope-reorder`), so the browser unit starts first."""
    from xdist.scheduler import LoadFileScheduling

    class BrowserTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "tests/browser" if nodeid.startswith("tests/browser/") else super()._split_scope(nodeid)

    return BrowserTogether(config, log)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start, in the background, the slow work that the selected tests will need."""
    needed = {fixture for item in session.items for fixture in getattr(item, "fixturenames", ())}
    if session.config.option.collectonly or not needed & {n for names in TIERS.values() for n in names}:
        return
    folder = _run_folder(session.config)
    python, env = sys.executable, {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    jobs = []
    if "regenerated" in needed:
        jobs.append(
            Job(
                "figures",
                [python, "-m", "sitebuild.figures", "--force", "--jobs", "1", "--out-dir", str(folder / "figures")],
                env,
                folder,
            )
        )
    if needed & {"built_site", "served_site", "offline_site"}:
        jobs.append(Job("notebooks", [python, "-m", "sitebuild.notebooks"], env, folder))  # the builds reuse them
        build = [python, "-m", "mkdocs", "build", "--strict", "--site-dir"]
        if needed & {"built_site", "served_site"}:
            site_url = f"http://127.0.0.1:{_site_port(folder)}/"
            jobs.append(
                Job(
                    "site",
                    [*build, str(folder / "site")],
                    {**env, "SITE_URL": site_url, "SOURCE_URL": SOURCE_URL},
                    folder,
                    after="notebooks",
                )
            )
        if "offline_site" in needed:
            jobs.append(
                Job(
                    "offline",
                    [*build, str(folder / "offline" / "site")],
                    {**env, "OFFLINE": "true", "SOURCE_URL": ""},
                    folder,
                    after="notebooks",
                )
            )
    for job in jobs:
        job.start()
    session.config.stash[BACKGROUND] = {job.name: job for job in jobs}


def pytest_sessionfinish(session: pytest.Session) -> None:
    for job in session.config.stash.get(BACKGROUND, {}).values():
        if job.owner:
            job.done.wait()  # a job this process runs must end before the process does
    counts = session.config.stash.get(BROWSER_COUNTS, None)
    if counts:  # for the summary, which xdist's controller prints
        worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
        fileio.write_atomic(_run_folder(session.config) / f"browser-{worker}.json", json.dumps(counts).encode())


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the run's only process, or xdist's controller
        shutil.rmtree(Path(tempfile.gettempdir()) / f"nn5q-tests-{_run_id(config)}", ignore_errors=True)


def _background(pytestconfig: pytest.Config, name: str) -> Job:
    jobs = pytestconfig.stash.get(BACKGROUND, {})
    if name not in jobs:
        pytest.fail(f"the background job {name!r} was not started at collection", pytrace=False)
    return jobs[name]


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING" in line]


def _finished_build(pytestconfig: pytest.Config, name: str, what: str) -> Path:
    status, output, _ = _background(pytestconfig, "notebooks").wait()
    if status:
        pytest.fail(f"executing the notebooks failed (exit status {status}):\n{output}", pytrace=False)
    job = _background(pytestconfig, name)
    status, output, _ = job.wait()
    warnings = _warnings(output)
    if status or warnings:
        reason = f"exit status {status}" if status else f"{len(warnings)} warning line(s)"
        listed = "".join(f"\n  {line}" for line in warnings)
        pytest.fail(f"{what} failed ({reason}):{listed}\n\nfull output:\n{output}", pytrace=False)
    return job.output_path


@pytest.fixture(scope="session")
def site_port(pytestconfig: pytest.Config) -> int:
    """The TCP port on 127.0.0.1 that the site is built for and served on (free when the run began)."""
    return _site_port(_run_folder(pytestconfig))


@pytest.fixture(scope="session")
def site_url(site_port: int) -> str:
    """The `site_url` the site is built with, and the address it is served on."""
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def source_url() -> str:
    """The `extra.source_url` the site is built with (the offline edition is built without one)."""
    return SOURCE_URL


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
    return job.output_path


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
    folder = Path(tempfile.gettempdir()) / f"nn5q-tests-{_run_id(config)}"
    if (folder / "site.json").exists():
        _, _, seconds = _result(folder, "site")
        terminalreporter.write_line(f"site build: mkdocs build --strict took {seconds:.1f} s")
    counts = Counter()
    for path in sorted(folder.glob("browser-*.json")) if folder.exists() else []:
        counts.update(json.loads(path.read_text(encoding="utf-8")))
    if counts:
        parts = [
            f"{counts['pages']} pages visited",
            f"{counts['requests']} requests made",
            f"{counts['blocked']} to other hosts",
            f"{counts['images']} images checked",
            f"{counts['formulas']} formulas checked",
            f"{counts['axe runs']} axe runs (WCAG 2.1 A/AA)",
            f"{counts['texts measured at 390 px']} figure and widget texts measured at 390 px",
            f"{counts['widgets']} interactive figures moved",
            f"{counts['offline pages']} offline pages read from file://",
            f"{counts['home figures']} home-page figures checked in two palettes",
        ]
        if counts["seconds"]:
            parts.append(f"{counts['seconds']:.1f} s in the browser")
        terminalreporter.write_line("browser test: " + ", ".join(parts))
