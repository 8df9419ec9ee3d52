"""Web sources: single pages, RSS/Atom feeds (feedparser), and files listing URLs or feeds.

A feed's entries are keyed by their link; loading an entry fetches the linked page and extracts
the article, with the feed's title, date and author filling what the page lacks. A local feed file
(``.rss``, ``.atom``, ``.xml``) is read from the entries' own content, without fetching.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from marsad.ingest.base import Entry, Item, Source, SourceOptions, failure
from marsad.ingest.fetch import Fetched, Fetcher
from marsad.inputs import InputFailure

__all__ = ["FeedEntry", "FeedSource", "PageSource", "UrlListSource", "feed_items", "load_page", "parse_feed"]

_FEED_HINTS = ("rss", "atom", "feed", ".xml")


class FeedEntry(dict[str, Any]):
    """One entry of a feed: link, title, published (ISO), author, source, html (its content)."""


def looks_like_feed_url(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return any(hint in path for hint in _FEED_HINTS)


def parse_feed(data: bytes, origin: str) -> list[FeedEntry] | InputFailure:
    """The entries of an RSS/Atom document, or E037 when it is malformed or has none."""
    import feedparser

    parsed = feedparser.parse(data)
    usable = [e for e in parsed.entries if e.get("link") or e.get("content") or e.get("summary")]
    if not usable or (parsed.bozo and len(usable) < len(parsed.entries)):
        reason = str(parsed.get("bozo_exception", "no entries"))[:200]
        return failure(origin, "E037", data[:65536], reason)
    site = parsed.feed.get("title")
    out: list[FeedEntry] = []
    for entry in parsed.entries:
        contents = entry.get("content") or []
        html = contents[0].get("value") if contents else entry.get("summary")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date().isoformat()
        else:  # an Arabic date string feedparser cannot read: marsad.analyze.parse_date reads it later
            published = entry.get("published") or entry.get("updated")
        out.append(FeedEntry(link=entry.get("link"), title=entry.get("title"), published=published,
                             author=entry.get("author"), source=site, html=html))  # fmt: skip
    return out


def feed_items(data: bytes, origin: str, options: SourceOptions, fetch_links: bool) -> Iterator[Item]:
    """The articles of a feed document: from each entry's page (``fetch_links``) or its own content."""
    for entry in _feed_entries(data, origin, options, fetch_links):
        yield entry.safe_load()


def _feed_entries(data: bytes, origin: str, options: SourceOptions, fetch_links: bool) -> Iterator[Entry]:
    entries = parse_feed(data, origin)
    if isinstance(entries, InputFailure):
        yield Entry.ready(entries)
        return
    for i, entry in enumerate(entries):
        link = entry.get("link")
        key = link if link and fetch_links else f"{origin}#{i}"
        yield Entry(key, _entry_loader(entry, key, options, fetch_links))


def _entry_loader(entry: FeedEntry, key: str, options: SourceOptions, fetch_links: bool) -> Any:
    def load() -> Item:
        from marsad.ingest.html import extract_html

        defaults = {k: entry.get(k) for k in ("title", "author", "published", "source")}
        if fetch_links and entry.get("link"):
            return load_page(entry["link"], options, defaults)
        html = entry.get("html") or ""
        page = f"<html><body><article>{html}</article></body></html>".encode()
        return extract_html(page, key, url=entry.get("link"), defaults=defaults)

    return load


def load_page(url: str, options: SourceOptions, defaults: dict[str, Any] | None = None) -> Item:
    """Fetch one page and extract its article (HTML), or read it by type (text, JSON…)."""
    from marsad.ingest.files import read_bytes
    from marsad.ingest.html import extract_html

    fetched = (options.fetcher or Fetcher()).fetch(url)
    if isinstance(fetched, InputFailure):
        return fetched
    ctype = fetched.content_type.lower()
    if "html" in ctype or not ctype or fetched.content.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
        return extract_html(fetched.content, url, url=fetched.url, defaults=defaults)
    name = "page.txt" if ctype.startswith("text/plain") else "page.json" if "json" in ctype else "page.bin"
    items = list(read_bytes(fetched.content, name, url, options))
    return items[0] if items else failure(url, "E036", fetched.content[:4096])


def _fetch_feed(url: str, options: SourceOptions) -> Fetched | InputFailure:
    return (options.fetcher or Fetcher()).fetch(url)


class PageSource(Source):
    """One web page (``http(s)://…``)."""

    kind: ClassVar[str] = "url"

    @classmethod
    def accepts(cls, location: str) -> bool:
        return location.startswith(("http://", "https://"))

    def entries(self) -> Iterator[Entry]:
        url = self.location
        yield Entry(url, lambda: load_page(url, self.options))


class FeedSource(Source):
    """An RSS/Atom feed URL (or ``feed:URL``); each entry's linked page is fetched and extracted."""

    kind: ClassVar[str] = "feed"

    @classmethod
    def accepts(cls, location: str) -> bool:
        return location.startswith(("http://", "https://")) and looks_like_feed_url(location)

    def entries(self) -> Iterator[Entry]:
        fetched = _fetch_feed(self.location, self.options)
        if isinstance(fetched, InputFailure):
            yield Entry(self.location, lambda: fetched)
            return
        yield from _feed_entries(fetched.content, self.location, self.options, fetch_links=True)


class UrlListSource(Source):
    """A text file listing URLs (``.urls``, or ``urls:FILE``), one a line, ``#`` comments; feeds expand."""

    kind: ClassVar[str] = "urls"

    @classmethod
    def accepts(cls, location: str) -> bool:
        return location.endswith(".urls") and Path(location).is_file()

    def entries(self) -> Iterator[Entry]:
        for url in read_url_list(Path(self.location)):
            if looks_like_feed_url(url):
                yield from FeedSource(url, self.options).entries()
            else:
                yield from PageSource(url, self.options).entries()


def read_url_list(path: Path) -> list[str]:
    """The URLs in a list file (blank lines and ``#`` comments skipped, order kept, duplicates dropped)."""
    urls: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        url = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if url and url not in urls:
            urls.append(url)
    return urls
