"""File sources: text, JSONL, JSON arrays, CSV with a column mapping, folders and archives."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.ingest import ColumnMapping, SourceOptions, open_source
from marsad.inputs import ArticleInput, InputFailure

AR1 = "أعلنت المديرية العامة للأمن الوطني توقيف شخصين في مدينة فاس للاشتباه في صلتهما بتنظيم إرهابي."
AR2 = "قالت وزارة الدفاع الجزائرية إن وحدات الجيش دمرت مخبأ للأسلحة قرب الحدود مع مالي."


def _codes(items: list[object]) -> list[str | None]:
    return [getattr(i, "code", None) for i in items]


def test_mapping_parse_and_errors() -> None:
    m = ColumnMapping.parse("text=story, published=date")
    assert m.column("text") == "story" and m.column("title") == "title" and str(m) == "published=date,text=story"
    with pytest.raises(ConfigError):
        ColumnMapping.parse("body=story")
    with pytest.raises(ConfigError):
        ColumnMapping.parse("text")


def test_csv_with_mapping_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f'story,date,headline\n"{AR1}",2024-03-02,توقيف في فاس\n"{AR2}",2024-03-03\n,2024-03-04,فارغ\n',
                    "utf-8")  # fmt: skip
    options = SourceOptions(mapping=ColumnMapping.parse("text=story,published=date,title=headline"))
    entries = list(open_source(str(path), options).entries())
    items = [e.load() for e in entries]
    assert _codes(items) == [None, "E039", "E006"]
    first = items[0]
    assert isinstance(first, ArticleInput) and first.text == AR1 and first.published == "2024-03-02"
    assert first.title == "توقيف في فاس"
    assert [e.key for e in entries] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_jsonl_malformed_line_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps({"body": AR1}, ensure_ascii=False), "{not json", json.dumps({"body": AR2}, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = list(open_source(str(path), SourceOptions(mapping=ColumnMapping.parse("text=body"))))
    assert _codes(items) == [None, "E005", None]
    assert items[1].raw == b"{not json"  # type: ignore[union-attr]


def test_folder_reads_every_file_and_sets_aside_unknown_kinds(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AR1, "utf-8")
    (tmp_path / "b.txt").write_bytes(AR2.encode("cp1256"))
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(AR1, "utf-8")
    items = list(open_source(str(tmp_path)))
    assert _codes(items) == [None, None, "E001", "E038"]
    assert items[1].warnings == ("W002",)  # type: ignore[union-attr]


def _saudi_like(n: int) -> bytes:
    rows = [{"source": "okaz", "url": f"http://okaz.example/{i}", "date_extracted": "2015-07-22 10:00:00",
             "title": f"خبر {i}", "author": "", "content": AR1 if i % 3 else " "} for i in range(n)]  # fmt: skip
    return json.dumps(rows, ensure_ascii=False).encode("utf-8")


def test_zip_tar_and_gzip_archives(tmp_path: Path) -> None:
    mapping = SourceOptions(mapping=ColumnMapping.parse("text=content,published=date_extracted"))
    zpath = tmp_path / "day.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("day.json", _saudi_like(6))
        zf.writestr("notes/extra.txt", AR2)
        zf.writestr("__MACOSX/._day.json", b"junk")
    items = list(open_source(str(zpath), mapping))
    assert _codes(items) == ["E006", None, None, "E006", None, None, None]
    assert items[1].origin == f"{zpath}::day.json#1" and items[1].published == "2015-07-22 10:00:00"  # type: ignore[union-attr]
    tpath = tmp_path / "day.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        data = _saudi_like(3)
        info = tarfile.TarInfo("day.json")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    assert _codes(list(open_source(str(tpath), mapping))) == ["E006", None, None]
    gpath = tmp_path / "dump.jsonl.gz"
    gpath.write_bytes(gzip.compress((json.dumps({"content": AR2}, ensure_ascii=False) + "\n").encode()))
    assert _codes(list(open_source(str(gpath), mapping))) == [None]


def test_archive_member_cap_and_corrupt_archive(tmp_path: Path) -> None:
    zpath = tmp_path / "bomb.zip"
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.txt", "ا" * 600_000)
        zf.writestr("small.txt", AR1)
    items = list(open_source(str(zpath), SourceOptions(max_bytes=100_000)))
    assert _codes(items) == ["E004", None]
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert _codes(list(open_source(str(bad)))) == ["E040"]


def test_plugin_sources_come_from_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections.abc import Iterator
    from typing import ClassVar

    from marsad.ingest import Entry, Source, base

    class Memo(Source):
        kind: ClassVar[str] = "memo"

        @classmethod
        def accepts(cls, location: str) -> bool:
            return location.startswith("memo://")

        def entries(self) -> Iterator[Entry]:
            yield Entry.ready(ArticleInput(AR1, self.location + "/1"))

    class FakeEP:
        name = "memo"

        def load(self) -> type[Source]:
            return Memo

    monkeypatch.setattr(base, "entry_points", lambda group: [FakeEP()] if group == "marsad.sources" else [])
    registry = base.source_registry()
    assert registry["memo"] is Memo and "file" in registry
    items = list(base.open_source("memo://inbox"))
    assert isinstance(items[0], ArticleInput) and items[0].origin == "memo://inbox/1"
    with pytest.raises(KeyError):
        base.open_source("/no/such/path.txt")
    assert isinstance(items[0], InputFailure) is False


def test_a_crashing_item_becomes_an_e042_failure(store: object) -> None:
    from marsad.ingest import Entry

    def boom() -> ArticleInput:
        raise RuntimeError("parser exploded")

    item = Entry("x#1", boom).safe_load()
    assert isinstance(item, InputFailure) and item.code == "E042" and "parser exploded" in item.message
