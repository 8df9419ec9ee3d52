"""Reading articles from files: plain text and JSONL, with every bad item kept and coded.

Each reader yields :class:`ArticleInput` for a readable item and :class:`InputFailure` for one
that is not (empty, binary, undecodable, too large, malformed JSON, no text): the failure keeps
its raw bytes and origin so it can be quarantined, and the rest of the batch goes on.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from marsad.errors import CODES

__all__ = ["ArticleInput", "InputFailure", "decode_bytes", "is_blank", "json_object", "read_path", "split_title_byline",
           "without_nul"]  # fmt: skip

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_LEGACY_ENCODINGS = ("cp1256", "iso-8859-6")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: what :func:`is_blank` sees through: tatweel, zero-width and bidi controls, byte-order marks, and NUL (which every
#: reader's items lose with W007: a UTF-16 file of NULs holds nothing, E001, not text in no script, E008)
_INVISIBLE = re.compile("[\x00\u0640\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_BYLINE_PREFIX = re.compile(r"^\s*(?:بقلم|كتب|كتبت|إعداد|اعداد|تقرير|متابعة)\s*[:：]?\s*")


@dataclass(frozen=True)
class ArticleInput:
    """One readable article before analysis."""

    text: str
    origin: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    warnings: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class InputFailure:
    """An item that could not be read, with a stable code (see :data:`marsad.errors.CODES`)."""

    origin: str
    code: str
    message: str
    raw: bytes = b""
    kind: str | None = None  # the reader that must re-read ``raw`` on a retry (``csv``, ``tsv``); None: by name

    def __str__(self) -> str:
        return f"{self.origin}: {self.code} {self.message}"


def _failure(origin: str, code: str, raw: bytes = b"", detail: str = "") -> InputFailure:
    return InputFailure(origin, code, CODES[code] + (f" ({detail})" if detail else ""), raw)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many C0 controls in the first 8 KiB mean binary (UTF-16 text is not binary)."""
    if _utf16_codec(data) is not None:
        return False
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(8, len(head) // 50)


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 (with or without BOM), UTF-16 (W005), UTF-8 with a few bad bytes replaced (W006), else
    a legacy Arabic code page (W002); None if nothing fits."""
    codec = _utf16_codec(data)  # first: BOM-less UTF-16 Arabic is also valid UTF-8 (0x27 0x06 …)
    if codec is not None:
        return data.decode(codec, errors="replace").lstrip("\ufeff"), ("W005",)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    mostly = data.decode("utf-8-sig", errors="replace")
    bad = mostly.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= max(3, len(data) // 1000) and _arabic_ratio(mostly) > 0.2:  # a few stray bytes in UTF-8
        return mostly, ("W006",)
    for enc in _LEGACY_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _arabic_ratio(text) > 0.2:
            return text, ("W002",)
    return None


def _utf16_codec(data: bytes) -> str | None:
    """``utf-16`` for a UTF-16 byte-order mark; ``utf-16-le``/``-be`` for BOM-less UTF-16 whose
    every other byte is mostly a high byte of Arabic or ASCII (0x06 or 0x00); else None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:8192]
    if len(head) < 16 or len(head) % 2:
        return None
    for codec, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        arabic = high.count(0x06)  # bytes.count: this runs on every text file read
        if arabic + high.count(0x00) >= 0.9 * len(high) and arabic >= 0.2 * len(high):
            return codec
    return None


def _arabic_ratio(text: str) -> float:
    """Share of letters (``str.isalpha``) in the Arabic blocks U+0600–06FF and U+0750–077F."""
    if len(text) >= 256 and not _ASTRAL.search(text):
        alpha, arabic = _letter_tables()
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        n_letters = int(np.count_nonzero(alpha[codes]))
        return int(np.count_nonzero(arabic[codes])) / n_letters if n_letters else 0.0
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f") / len(letters)


_ASTRAL = re.compile("[\\ud800-\\udfff\\U00010000-\\U0010FFFF]")  # not in the BMP tables: one by one


@lru_cache(maxsize=1)
def _letter_tables() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """For every BMP code point: is it a letter, is it an Arabic-block letter (once per process)."""
    alpha = np.fromiter((chr(cp).isalpha() for cp in range(0x10000)), dtype=np.bool_, count=0x10000)
    arabic = np.zeros(0x10000, dtype=np.bool_)
    arabic[0x0600:0x0700] = alpha[0x0600:0x0700]
    arabic[0x0750:0x0780] = alpha[0x0750:0x0780]
    return alpha, arabic


def split_title_byline(text: str) -> tuple[str | None, str | None, str]:
    """Plain-text layout: first non-empty line = title; a short name-like second line = author."""
    lines = text.splitlines()
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if len(idx) < 2:
        return None, None, text
    title = lines[idx[0]].strip()
    candidate = lines[idx[1]].strip()
    author = _byline(candidate) if len(idx) > 2 else None
    return title, author, text


def _byline(line: str) -> str | None:
    stripped = _BYLINE_PREFIX.sub("", line).strip()
    words = stripped.split()
    if not 2 <= len(words) <= 4 or len(stripped) > 40:
        return None
    if any(ch in stripped for ch in ".،,:؛;؟?!«»\"()") or any(ch.isdigit() for ch in stripped):
        return None
    return stripped


def read_path(path: Path, max_bytes: int = 20_000_000) -> Iterator[ArticleInput | InputFailure]:
    """Read one file: JSONL by suffix, plain text otherwise."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            with path.open("rb") as fh:
                head = fh.read(4096)
            yield _failure(origin, "E004", head, f"{size} bytes > {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _failure(origin, "E007", b"", exc.strerror or str(exc))
        return
    if path.suffix.lower() in _JSONL_SUFFIXES:
        yield from read_jsonl_bytes(data, origin)
    else:
        yield read_text_bytes(data, origin, item_id=path.stem or None)


def read_text_bytes(data: bytes, origin: str, item_id: str | None = None) -> ArticleInput | InputFailure:
    """A plain-text article: first line title, optional byline; ``item_id`` (a file's stem) names it."""
    if not data.strip():
        return _failure(origin, "E001", data)
    if looks_binary(data):
        return _failure(origin, "E002", data[:4096])
    decoded = decode_bytes(data)
    if decoded is None:
        return _failure(origin, "E003", data[:4096])
    text, warnings = decoded
    if is_blank(text):
        return _failure(origin, "E001", data)
    title, author, body = split_title_byline(text)
    return ArticleInput(text=body, origin=origin, id=item_id, title=title, author=author, warnings=warnings)


def read_jsonl_bytes(data: bytes, origin: str) -> Iterator[ArticleInput | InputFailure]:
    """One article per JSON line; a bad line is one failure, the others go on."""
    if not data.strip():
        yield _failure(origin, "E001", data)
        return
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        yield parse_json_line(raw, f"{origin}:{lineno}")


def json_object(raw: bytes) -> dict[str, Any] | str:
    """The JSON object ``raw`` holds, or why it holds none (the message of an E005)."""
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return str(exc)[:80]
    except RecursionError:  # arrays or objects nested thousands deep
        return "nested too deep"
    return obj if isinstance(obj, dict) else "not a JSON object"


def parse_json_line(raw: bytes, origin: str) -> ArticleInput | InputFailure:
    obj = json_object(raw)
    if isinstance(obj, str):
        return _failure(origin, "E005", raw[:4096], obj)
    try:
        return input_from_mapping(obj, origin, raw)
    except RecursionError:  # a field nested too deep to turn into text
        return _failure(origin, "E005", raw[:4096], "nested too deep")


def input_from_mapping(obj: dict[str, Any], origin: str, raw: bytes = b"") -> ArticleInput | InputFailure:
    """Build an input from a JSON object (gold ``doc`` objects are accepted too)."""
    if isinstance(obj.get("doc"), dict):
        obj = obj["doc"]
    text = obj.get("text")
    if not isinstance(text, str) or is_blank(text):
        return _failure(origin, "E006", raw[:4096])
    warnings: list[str] = []

    def clean(value: str) -> str:
        if _SURROGATE.search(value) is None:
            return value
        if "W004" not in warnings:
            warnings.append("W004")
        return _SURROGATE.sub("\ufffd", value)

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return clean(str(value)) if value not in (None, "") else None

    return without_nul(ArticleInput(
        text=clean(text), origin=origin, id=opt("id"), title=opt("title"), url=opt("url"),
        source=opt("source"), author=opt("author"), published=opt("published"), warnings=tuple(warnings),
    ))  # fmt: skip


_NUL_FIELDS = ("text", "id", "title", "url", "source", "author", "published")


def without_nul(item: ArticleInput) -> ArticleInput:
    """``item`` with NUL characters removed from its text and metadata (W007), so that every backend
    stores the same article (PostgreSQL refuses NUL in text, DuckDB keeps it)."""
    changes = {name: value.replace("\x00", "") for name in _NUL_FIELDS
               if isinstance(value := getattr(item, name), str) and "\x00" in value}  # fmt: skip
    if not changes:
        return item
    for name in ("id", "title", "url", "source", "author", "published"):
        if name in changes and not changes[name]:
            changes[name] = None  # type: ignore[assignment]
    warnings = item.warnings if "W007" in item.warnings else (*item.warnings, "W007")
    return dataclasses.replace(item, warnings=warnings, **changes)  # type: ignore[arg-type]


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing but white space, zero-width and bidi controls, tatweel, or NUL."""
    return not _INVISIBLE.sub("", text).strip()
