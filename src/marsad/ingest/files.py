"""File sources: plain text, HTML, JSONL, JSON, CSV/TSV, feed files, folders (archives in archives.py).

:func:`read_bytes` reads one file's bytes by its name, so the same readers serve files on disk and
members of archives. Every item gets a stable origin (``path``, ``path:LINE``, ``path#INDEX``,
``archive::member:LINE``) that is also its checkpoint key.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from marsad.ingest.base import Entry, Item, Source, SourceOptions, failure
from marsad.ingest.mapping import ColumnMapping
from marsad.inputs import InputFailure, decode_bytes, json_object, looks_binary, read_text_bytes

__all__ = ["DirectorySource", "FileSource", "file_kind", "read_bytes"]

_KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", "": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".zip": "archive", ".tar": "archive", ".tgz": "archive", ".gz": "archive", ".tbz2": "archive",
    ".bz2": "archive", ".xz": "archive", ".txz": "archive",
}  # fmt: skip


def file_kind(name: str) -> str | None:
    """'text', 'html', 'jsonl', 'json', 'csv', 'feed', 'archive', or None for an unknown suffix."""
    suffix = Path(name).suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    return None


def read_bytes(data: bytes, name: str, origin: str, options: SourceOptions, depth: int = 0) -> Iterator[Item]:
    """The items in one file's bytes, read according to ``name``'s suffix."""
    kind = file_kind(name)
    if kind != "archive" and len(data) > options.max_bytes:  # archives cap each member instead
        yield failure(origin, "E004", data[:4096], f"{len(data)} bytes > {options.max_bytes}")
        return
    mapping = options.mapping or ColumnMapping()
    if kind == "text":
        yield read_text_bytes(data, origin)
    elif kind == "html":
        from marsad.ingest.html import extract_html

        yield extract_html(data, origin)
    elif kind == "jsonl":
        yield from _read_jsonl(data, origin, mapping)
    elif kind == "json":
        yield from _read_json(data, origin, mapping)
    elif kind == "csv":
        yield from _read_csv(data, origin, mapping, delimiter="\t" if name.lower().endswith(".tsv") else ",")
    elif kind == "feed":
        from marsad.ingest.feeds import feed_items

        yield from feed_items(data, origin, options, fetch_links=False)
    elif kind == "archive" and depth < 2:
        from marsad.ingest.archives import read_archive

        yield from read_archive(data, name, origin, options, depth + 1)
    else:
        yield failure(origin, "E038", data[:4096], Path(name).suffix or name)


def _read_jsonl(data: bytes, origin: str, mapping: ColumnMapping) -> Iterator[Item]:
    if not data.strip():
        yield failure(origin, "E001", data)
        return
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if raw.strip():
            yield _from_json(raw, f"{origin}:{lineno}", mapping)


def _from_json(raw: bytes, origin: str, mapping: ColumnMapping) -> Item:
    obj = json_object(raw)
    if isinstance(obj, str):
        return failure(origin, "E005", raw[:65536], obj)
    try:
        return mapping.to_input(obj, origin, raw[:65536])
    except RecursionError:  # a field nested too deep to turn into text
        return failure(origin, "E005", raw[:65536], "nested too deep")


def _read_json(data: bytes, origin: str, mapping: ColumnMapping) -> Iterator[Item]:
    """A JSON object, or an array of objects (SaudiNewsNet), or ``{"articles": [...]}``."""
    if not data.strip():
        yield failure(origin, "E001", data)
        return
    try:
        obj: Any = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield failure(origin, "E005", data[:65536], str(exc)[:80])
        return
    except RecursionError:  # arrays or objects nested thousands deep
        yield failure(origin, "E005", data[:65536], "nested too deep")
        return
    if isinstance(obj, dict):
        lists = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if "text" in obj or mapping.column("text") in obj or not lists:
            yield _object(obj, origin, mapping)
            return
        obj = lists[0]
    if not isinstance(obj, list):
        yield failure(origin, "E005", data[:4096], "neither a JSON object nor an array")
        return
    for i, element in enumerate(obj):
        yield _object(element, f"{origin}#{i}", mapping)


def _object(element: Any, origin: str, mapping: ColumnMapping) -> Item:
    try:
        raw = json.dumps(element, ensure_ascii=False).encode("utf-8")
        if not isinstance(element, dict):
            return failure(origin, "E005", raw[:65536], "not a JSON object")
        return mapping.to_input(element, origin, raw)
    except RecursionError:  # a field nested too deep to write back or to turn into text
        return failure(origin, "E005", b"", "nested too deep")


def _read_csv(data: bytes, origin: str, mapping: ColumnMapping, delimiter: str) -> Iterator[Item]:
    """One item per row. A row's kept bytes are the header line and the row's own lines (a quoted cell may
    span lines), and its failures name the reader (``kind`` ``csv``/``tsv``): a retry re-reads the row with
    its header by the same reader, never as plain text."""
    if not data.strip():
        yield failure(origin, "E001", data)
        return
    if looks_binary(data):
        yield failure(origin, "E002", data[:4096])
        return
    decoded = decode_bytes(data)
    if decoded is None:
        yield failure(origin, "E003", data[:4096])
        return
    kind = "tsv" if delimiter == "\t" else "csv"
    csv.field_size_limit(max(len(data), 131072))
    lines = decoded[0].splitlines(keepends=True)
    reader = csv.reader(iter(lines), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield failure(origin, "E039", data[:4096], f"header: {exc}")
        return
    head = "".join(lines[: reader.line_num])
    head += "" if head.endswith(("\n", "\r")) else "\n"
    while True:
        row_no = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raw = (head + "".join(lines[row_no - 1 : max(reader.line_num, row_no)])).encode("utf-8")
            yield _row_failure(f"{origin}:{row_no}", "E039", raw, str(exc), kind)
            continue
        if not any(cell.strip() for cell in row):
            continue
        raw = (head + "".join(lines[row_no - 1 : reader.line_num])).encode("utf-8")
        if len(row) != len(header):
            yield _row_failure(f"{origin}:{row_no}", "E039", raw, f"{len(row)} cells, header has {len(header)}", kind)
            continue
        item = mapping.to_input(dict(zip(header, row, strict=True)), f"{origin}:{row_no}", raw)
        if isinstance(item, InputFailure):
            item = dataclasses.replace(item, raw=raw[:65536], kind=kind)
        else:
            item.extra["kind"] = kind
        yield item


def _row_failure(origin: str, code: str, raw: bytes, detail: str, kind: str) -> InputFailure:
    return dataclasses.replace(failure(origin, code, raw[:65536], detail), kind=kind)


class FileSource(Source):
    """One file of any supported kind (including archives)."""

    kind: ClassVar[str] = "file"

    @classmethod
    def accepts(cls, location: str) -> bool:
        return Path(location).is_file()

    def entries(self) -> Iterator[Entry]:
        path = Path(self.location)
        origin = str(path)
        try:
            size = path.stat().st_size
            if size > self.options.max_bytes and file_kind(path.name) != "archive":
                with path.open("rb") as fh:
                    head = fh.read(4096)
                yield Entry.ready(failure(origin, "E004", head, f"{size} bytes > {self.options.max_bytes}"))
                return
            data = path.read_bytes()
        except OSError as exc:
            yield Entry.ready(failure(origin, "E007", b"", exc.strerror or str(exc)))
            return
        for item in read_bytes(data, path.name, origin, self.options):
            yield Entry.ready(item)


class DirectorySource(Source):
    """Every file under a folder, in sorted path order (hidden files skipped)."""

    kind: ClassVar[str] = "dir"

    @classmethod
    def accepts(cls, location: str) -> bool:
        return Path(location).is_dir()

    def entries(self) -> Iterator[Entry]:
        root = Path(self.location)
        paths = sorted(p for p in root.rglob("*") if p.is_file() and not any(
            part.startswith(".") for part in p.relative_to(root).parts))  # fmt: skip
        for path in paths:
            yield from FileSource(str(path), self.options).entries()
