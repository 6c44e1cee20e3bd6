"""Serve a built site on 127.0.0.1 and launch Debian's Chromium: shared by the browser tests and
`sitebuild/screenshot.py`.

Chromium runs headless with the flags this machine needs: no sandbox (root), no GPU, and none of the
background connections (updates, sync, safe browsing) that it would otherwise try to open to hosts it
cannot reach. No browser is downloaded: Playwright drives the system's /usr/bin/chromium.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def find_chromium(explicit: str | None = None) -> str | None:
    """The Chromium executable: `explicit`, else /usr/bin/chromium, else `chromium` on PATH, else None."""
    for candidate in (explicit, "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # `format`: the base class's name
        pass


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _CompressingHandler(_QuietHandler):
    """Sends text (HTML, CSS, JavaScript, JSON, SVG) gzip-compressed to a client that accepts it, as a
    static host does, so that what a browser downloads here is what it downloads from the real site."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not os.path.isfile(path)
            or not kind.startswith(COMPRESSED_TYPES)
        ):
            return super().send_head()
        with open(path, "rb") as handle:
            body = gzip.compress(handle.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that aborts a request (or closes its context) resets the connection: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site_dir: Path, port: int = 0, compress: bool = False) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1:`port` (0: any free port) in a thread; yield the base URL.

    `compress`: send text gzip-compressed when the client accepts it, as a static host does.
    """
    handler = _CompressingHandler if compress else _QuietHandler
    server = _QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
