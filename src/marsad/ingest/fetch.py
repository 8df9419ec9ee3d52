"""A polite HTTP fetcher: timeouts, retries with backoff, a per-host rate limit, robots.txt,
a User-Agent naming marsad, a size cap and a redirect limit with loop detection.

Every failure is an :class:`~marsad.inputs.InputFailure` with a code (E030 HTTP error, E031
network error or timeout, E032 robots.txt disallows, E033 redirects, E034 too large), never an
exception, so one bad URL never stops a run.
"""

from __future__ import annotations

import logging
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from marsad import __version__
from marsad.config import IngestSettings
from marsad.ingest.base import failure
from marsad.inputs import InputFailure

__all__ = ["FetchSettings", "Fetched", "Fetcher"]

log = logging.getLogger(__name__)

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently to fetch."""

    timeout: float = 15.0
    retries: int = 2
    backoff: float = 0.5
    per_host_interval: float = 1.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = f"marsad/{__version__} (Arabic news event monitor; +https://pypi.org/project/marsad/)"
    respect_robots: bool = True

    @classmethod
    def from_settings(cls, settings: IngestSettings) -> FetchSettings:
        """The fetch part of the ``[ingest]`` configuration section."""
        return cls(timeout=settings.fetch_timeout, retries=settings.fetch_retries, backoff=settings.fetch_backoff,
                   per_host_interval=settings.per_host_interval, max_bytes=settings.max_response_bytes,
                   max_redirects=settings.max_redirects, respect_robots=settings.respect_robots)  # fmt: skip


@dataclass(frozen=True)
class Fetched:
    """A successful response: the final URL after redirects, the status, type and body."""

    url: str
    status: int
    content_type: str
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Fetcher:
    """Fetch URLs politely; keeps per-host state (last request time, robots rules) for its lifetime."""

    def __init__(self, settings: FetchSettings | None = None, client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.settings = settings or FetchSettings()
        self._client = client
        self._own_client = client is None
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=False, timeout=httpx.Timeout(self.settings.timeout),
                headers={"User-Agent": self.settings.user_agent},
            )  # fmt: skip
        return self._client

    def close(self) -> None:
        if self._client is not None and self._own_client:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.close()

    def fetch(self, url: str) -> Fetched | InputFailure:
        """GET ``url`` following at most ``max_redirects`` redirects, each hop checked against robots.txt."""
        seen: list[str] = []
        current = url
        while True:
            result = self._hop(current, url)
            if not isinstance(result, httpx.Response):
                return result
            if result.is_redirect and "location" in result.headers:
                seen.append(current)
                current = urljoin(current, result.headers["location"])
                if current in seen:
                    return failure(url, "E033", b"", "redirect loop: " + " → ".join([*seen, current])[:500])
                if len(seen) > self.settings.max_redirects:
                    return failure(url, "E033", b"", f"more than {self.settings.max_redirects} redirects")
                continue
            if result.status_code >= 400:
                return failure(url, "E030", result.content[:65536], f"HTTP {result.status_code} for {current[:300]}")
            return Fetched(str(result.url), result.status_code, result.headers.get("content-type", ""),
                           result.content, dict(result.headers))  # fmt: skip

    def _hop(self, current: str, origin: str) -> httpx.Response | InputFailure:
        """One request (with retries) after the scheme and robots.txt checks."""
        if urlsplit(current).scheme not in ("http", "https"):
            return failure(origin, "E041", b"", f"not an http(s) URL: {current[:200]}")
        if self.settings.respect_robots and not self.allowed(current):
            return failure(origin, "E032", b"", current[:500])
        return self._get_with_retries(current, origin)

    def allowed(self, url: str) -> bool:
        """True if the site's robots.txt lets marsad's User-Agent fetch ``url`` (missing robots → yes)."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(base)
        if parser is None:
            parser = self._load_robots(base)
            self._robots[base] = parser
        return parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, base: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(base + "/robots.txt")
        try:
            self._wait_for_host(base)
            response = self.client.get(base + "/robots.txt")
        except httpx.HTTPError as exc:
            log.info("robots.txt of %s unreachable (%s); fetching allowed", base, exc)
            parser.parse([])
            return parser
        if response.status_code in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        elif response.status_code == 200:
            parser.parse(response.text.splitlines())
        else:
            parser.parse([])
        return parser

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        now = self._clock()
        if last is not None:
            delay = last + self.settings.per_host_interval - now
            if delay > 0:
                self._sleep(delay)
                now = self._clock()
        self._last[host] = now

    def _get_with_retries(self, url: str, origin: str) -> httpx.Response | InputFailure:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            last_try = attempt == attempts - 1
            self._wait_for_host(url)
            try:
                response = self._get_capped(url)
            except _TooLarge as exc:
                return failure(origin, "E034", exc.head, f"{exc.size} bytes > {self.settings.max_bytes}")
            except httpx.HTTPError as exc:
                if last_try:
                    return failure(origin, "E031", b"", f"{type(exc).__name__}: {exc}"[:300])
                self._sleep(self.settings.backoff * 2**attempt)
                continue
            if response.status_code in _RETRY_STATUS and not last_try:
                self._sleep(max(self.settings.backoff * 2**attempt, _retry_after(response.headers)))
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_capped(self, url: str) -> httpx.Response:
        cap = self.settings.max_bytes
        with self.client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise _TooLarge(int(declared), b"")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > cap:
                    raise _TooLarge(len(body), bytes(body[:4096]))
        return httpx.Response(response.status_code, headers=response.headers, content=bytes(body),
                              request=response.request)  # fmt: skip


def _retry_after(headers: Any) -> float:
    value = str(headers.get("retry-after", "")).strip()
    return min(float(value), 30.0) if value.isdigit() else 0.0


class _TooLarge(Exception):
    def __init__(self, size: int, head: bytes) -> None:
        super().__init__(size)
        self.size = size
        self.head = head
