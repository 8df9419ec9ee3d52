"""Article text and metadata from an HTML page: trafilatura, then Arabic-specific fixes.

trafilatura finds the main text, title, author, date and site. Where it falls short on Arabic
pages this module fixes it: bidi and zero-width marks are removed from every field, a «بقلم: …» /
«كتب: …» byline at the top of the text becomes the author (and leaves the text), a repeated title
line is dropped, and an author meta line with a byline prefix is cleaned. The output is always
plain text: no markup, script, style or event handler survives (trafilatura drops those elements;
a last guard removes any ``<…>`` tag text).
"""

from __future__ import annotations

import re
from typing import Any

from marsad.ingest.base import Item, failure
from marsad.inputs import ArticleInput, decode_bytes, looks_binary
from marsad.text.clean import BIDI_CONTROLS, ZERO_WIDTH

__all__ = ["extract_html", "strip_marks"]

_MARKS = re.compile("[" + "".join(sorted(BIDI_CONTROLS | ZERO_WIDTH)) + "]")
_BYLINE = re.compile(
    r"^\s*[«\"]?\s*(?:بقلم|كتب|كتبت|بقلم الكاتب|إعداد|اعداد)\s*[:：\-–]?\s*(?P<name>[^\n:،.]{3,50}?)\s*[»\"]?\s*$"
)
_RAW_KEPT = 2_000_000  # bytes of the page kept for the quarantine if the text is later set aside
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
_DATE_HINTS = (
    re.compile(r"<time[^>]*\bdatetime=[\"']([^\"'<>]{6,40})[\"']", re.IGNORECASE),
    re.compile(r"<time[^>]*>\s*([^<]{6,60}?)\s*</time>", re.IGNORECASE),
    re.compile(r"class=[\"'][^\"']*(?:date|time|publish)[^\"']*[\"'][^>]*>\s*([^<]{6,60}?)\s*<", re.IGNORECASE),
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([a-zA-Z0-9_\-]+)""", re.IGNORECASE)


def strip_marks(text: str | None) -> str | None:
    """``text`` without bidi/zero-width marks and outer spaces (None stays None; empty → None)."""
    if text is None:
        return None
    out = _MARKS.sub("", text).strip()
    return out or None


def _decode_html(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii").lower())
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_bytes(data)
    return decoded[0] if decoded else None


def _fallback_text(html: str) -> str:
    """Plain text of a short page or fragment trafilatura declines: scripts and their kin removed."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//iframe|//noscript|//template|//object|//embed|//svg|//head"):
        bad.drop_tree()
    blocks = [b.text_content().strip() for b in root.xpath("//p|//h1|//h2|//h3|//li|//blockquote")]
    text = "\n".join(b for b in blocks if b) or root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _page_date(html: str) -> str | None:
    """A date string from ``<time>`` or a date-classed element (Arabic month names welcome)."""
    from marsad.analyze import parse_date

    for pattern in _DATE_HINTS:
        for match in pattern.finditer(html[:200_000]):
            candidate = strip_marks(match.group(1))
            if candidate and parse_date(candidate) is not None:
                return candidate
    return None


def _byline_author(line: str) -> str | None:
    match = _BYLINE.match(strip_marks(line) or "")
    return match.group("name").strip() if match else None


def _fix_text(text: str, title: str | None) -> tuple[str, str | None]:
    """Drop a repeated title line and a leading byline; return (text, byline author)."""
    lines = [strip_marks(line) or "" for line in text.splitlines()]
    lines = [_TAG.sub("", line) for line in lines]
    author = None
    head = [i for i, line in enumerate(lines) if line][:3]
    drop: set[int] = set()
    for i in head:
        if title and lines[i] == title and not drop:
            drop.add(i)
            continue
        name = _byline_author(lines[i])
        if name:
            author = name
            drop.add(i)
            break
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return "\n".join(kept).strip(), author


def _clean_author(author: str | None) -> str | None:
    author = strip_marks(author)
    if not author:
        return None
    return _byline_author(author) or author


def extract_html(data: bytes, origin: str, url: str | None = None,
                 defaults: dict[str, Any] | None = None) -> Item:  # fmt: skip
    """The article in an HTML page, or a coded failure (E001 empty, E002 binary, E003, E036 no text).

    ``defaults`` (title, author, published, source) fill fields the page does not give, e.g.
    from a feed entry.
    """
    import trafilatura

    defaults = defaults or {}
    if not data.strip():
        return failure(origin, "E001", data)
    if looks_binary(data):
        return failure(origin, "E002", data[:4096])
    html = _decode_html(data)
    if html is None:
        return failure(origin, "E003", data[:4096])
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False, include_links=False)  # fmt: skip
    raw_text = getattr(doc, "text", None) if doc is not None else None
    if not raw_text or not raw_text.strip():
        raw_text = _fallback_text(html)
    if not raw_text or not raw_text.strip():
        return failure(origin, "E036", data[:65536])
    title = strip_marks(getattr(doc, "title", None)) or strip_marks(defaults.get("title"))
    text, byline = _fix_text(raw_text, title)
    if not text:
        return failure(origin, "E036", data[:65536])
    author = _clean_author(getattr(doc, "author", None)) or byline or strip_marks(defaults.get("author"))
    return ArticleInput(
        text=text, origin=origin, title=title, url=url or strip_marks(getattr(doc, "url", None)),
        source=strip_marks(getattr(doc, "sitename", None)) or defaults.get("source"), author=author,
        published=defaults.get("published") or strip_marks(getattr(doc, "date", None)) or _page_date(html),
        extra={"raw": data[:_RAW_KEPT], **({"byline": byline} if byline else {})},
    )  # fmt: skip
