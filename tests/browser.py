"""A real browser for the tests: Debian's headless Chromium driven by Playwright, against a site
served on 127.0.0.1 by Python's own static server (as any static host would serve it)."""

from __future__ import annotations

import functools
import http.server
import io
import re
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium phones home at start, which this machine's
# closed network refuses; the tests assert that the site itself asks no other host for anything.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--mute-audio",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Python's static server, quiet, and answering byte-range requests as every static host
    does (GitHub Pages, nginx): without them a browser cannot seek in a video."""

    def log_message(self, *args):
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # "bytes=-N": the last N bytes
            start, end = max(0, size - int(last or 0)), size - 1
        if start > end:
            self.send_error(416, "Range Not Satisfiable")
            return None
        f = path.open("rb")
        f.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return _Slice(f, end - start + 1)


class _Slice(io.RawIOBase):
    """The first `length` bytes of an open file, as SimpleHTTPRequestHandler copies a file."""

    def __init__(self, f, length: int):
        self.f, self.left = f, length

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        data = self.f.read(n)
        self.left -= len(data)
        return data

    def readable(self) -> bool:
        return True

    def close(self):
        self.f.close()
        super().close()


@contextmanager
def serve(folder: Path, port: int = 0):
    """Serve folder on a loopback port (any free one by default); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class PageRecorder:
    """Everything a page did on the network and the console."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.bytes_by_url: dict[str, int] = {}
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("response", self._response)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")
        try:
            self.bytes_by_url[response.url] = len(response.body())
        except Exception:  # a media range request or a redirect has no body to measure
            pass

    def foreign(self) -> list[str]:
        return [
            u
            for u in self.requests
            if not (u.startswith(self.origin) or u.startswith("data:") or u.startswith("blob:"))
        ]
