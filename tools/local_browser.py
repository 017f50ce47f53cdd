"""Debian's chromium, driven by Playwright, on a site served from loopback only.

Shared by the browser tests, `make bench` and `make serve`. Playwright never
downloads a browser here; the background-networking flags keep chromium off
the network. The server compresses text with gzip, as real hosts do, so that
measured bytes are the bytes a reader would download.

    python tools/local_browser.py serve _build/html [--port 8000]
"""
from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# Text compresses well; Pagefind's index, fragment and WebAssembly files are gzipped already.
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".xml", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files with gzip where the browser accepts it, and counts the bytes it sends."""

    sent: list | None = None  # (path, bytes) for each response, when the caller asks for it
    _cache: dict = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().do_GET()  # redirect to the directory with a slash
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()  # 404
        stat = path.stat()
        body = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (str(path), stat.st_mtime_ns)
            if key not in self._cache:
                self._cache[key] = gzip.compress(body, 6)
            body, encoding = self._cache[key], "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        if self.sent is not None:
            self.sent.append((self.path, len(body)))


_Handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                           ".js": "text/javascript", ".mjs": "text/javascript"}


@contextlib.contextmanager
def serve(directory: Path, port: int = 0, sent: list | None = None):
    """Serve a built site on 127.0.0.1 and yield its base URL (no trailing slash).

    Pass a list as `sent` to have (path, bytes sent) appended for every response.
    """
    handler = type("Handler", (_Handler,), {"sent": sent})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """The pinned axe-core's violations of any impact on the page as it is now.

    axe is evaluated in the page, as axe-playwright-python does, so the page's
    Content-Security-Policy does not have to be bypassed.
    """
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} is missing: run 'make test', which installs the pinned axe-core with npm ci.")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def launch(playwright):
    """Headless Debian chromium with the flags this machine needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a built site on 127.0.0.1, compressed as a real host would.")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    args = parser.parse_args()
    if not (args.directory / "index.html").is_file():
        raise SystemExit(f"{args.directory}/index.html does not exist. Fix: run `make html` first.")
    with serve(args.directory, args.port) as base:
        print(f"Serving {args.directory} at {base}/ (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
