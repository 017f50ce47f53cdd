"""Debian's chromium, driven by Playwright, on a site served from loopback only.

Shared by the browser tests and `make bench`. Playwright never downloads a
browser here; the background-networking flags keep chromium off the network.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import io
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a real host does: text compressed with gzip when the browser asks."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        # Ten minutes, as GitHub Pages sends: a second page reuses the style sheet and script.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on 127.0.0.1 and yield its base URL (no trailing slash)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def launch(playwright):
    """Headless Debian chromium with the flags this machine needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
