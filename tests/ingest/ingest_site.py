"""A local news site for the ingest tests (127.0.0.1 only): saved pages, feeds and bad responses."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIG = 1_500_000  # larger than the tests' 1 MB fetch cap


class NewsSite:
    """Serves fixtures; ``hits`` counts requests per path; ``user_agents`` records who asked."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.extra: dict[str, tuple[int, str, bytes]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.hits[self.path] += 1
                site.user_agents.append(self.headers.get("User-Agent", ""))
                site.route(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _send(
        self, h: BaseHTTPRequestHandler, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            h.wfile.write(body)

    def _redirect(self, h: BaseHTTPRequestHandler, target: str) -> None:
        self._send(h, 302, "text/html", b"", {"Location": target})

    def route(self, h: BaseHTTPRequestHandler) -> None:  # noqa: PLR0911
        path = h.path
        html = "text/html; charset=utf-8"
        if path in self.extra:
            status, ctype, body = self.extra[path]
            return self._send(h, status, ctype, body)
        if path == "/robots.txt":
            return self._send(h, 200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        if path.startswith("/pages/") and (FIXTURES / path.lstrip("/")).is_file():
            return self._send(h, 200, html, (FIXTURES / path.lstrip("/")).read_bytes())
        if path.startswith("/private/"):
            return self._send(h, 200, html, (FIXTURES / "pages" / "article1.html").read_bytes())
        if path in ("/feed.rss", "/feed.atom"):
            text = (FIXTURES / path.lstrip("/")).read_text("utf-8").replace("{BASE}", self.base)
            ctype = "application/rss+xml" if path.endswith("rss") else "application/atom+xml"
            return self._send(h, 200, ctype, text.encode("utf-8"))
        if path == "/malformed.rss":
            return self._send(h, 200, "application/rss+xml", b"<rss><channel><title>x</title><item><titl")
        if path == "/slow":
            time.sleep(2.0)
            return self._send(h, 200, html, b"<html><body><p>late</p></body></html>")
        if path == "/error500":
            return self._send(h, 500, "text/plain", b"internal error")
        if path == "/flaky":
            if self.hits[path] == 1:
                return self._send(h, 503, "text/plain", b"try later")
            return self._send(h, 200, html, (FIXTURES / "pages" / "article2.html").read_bytes())
        if path == "/missing":
            return self._send(h, 404, "text/html", b"<html><body>not found</body></html>")
        if path == "/redirect":
            return self._redirect(h, "/pages/article1.html")
        if path == "/loop/a":
            return self._redirect(h, "/loop/b")
        if path == "/loop/b":
            return self._redirect(h, "/loop/a")
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            return self._redirect(h, f"/chain/{n + 1}")
        if path == "/to-private":
            return self._redirect(h, "/private/page.html")
        if path == "/big":
            return self._send(h, 200, html, b"<html><body><p>" + "خبر ".encode() * (BIG // 8) + b"</p></body></html>")
        if path == "/big-chunked":
            h.send_response(200)
            h.send_header("Content-Type", html)
            h.end_headers()  # no Content-Length: the cap must hold while streaming
            try:
                for _ in range(BIG // 65536 + 2):
                    h.wfile.write("خبر ".encode() * 8192)
            except (BrokenPipeError, ConnectionResetError):
                pass
            h.close_connection = True
            return None
        return self._send(h, 404, "text/plain", b"no such page")
