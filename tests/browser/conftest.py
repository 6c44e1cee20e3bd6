"""The browser for the browser tests: Debian's Chromium driven by Playwright (no browser is downloaded)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from sitebuild.local_site import CHROMIUM_ARGS, find_chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session."""
    executable = find_chromium()
    if executable is None:
        message = (
            "Chromium not found (neither /usr/bin/chromium nor `chromium` on PATH): "
            "install Debian's package (`apt-get install chromium`, as .ci/run does) to run the browser tests"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}; REQUIRE_BROWSER=1 is set", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()
