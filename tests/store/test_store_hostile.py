"""Hostile records at the store, on DuckDB and PostgreSQL alike: ids that collide, NUL characters, big raw bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from store_helpers import ARREST_TEXT, record

from marsad.store import SqlStore

OTHER_TEXT = "قالت وزارة الدفاع الجزائرية إن وحدات الجيش دمرت مخبأ للأسلحة قرب الحدود مع مالي."


def test_a_different_article_under_a_stored_id_is_kept_under_a_derived_id(store: SqlStore) -> None:
    first = store.add_record(record("1"))
    second = store.add_record(record("1", OTHER_TEXT, events=[], title="مخبأ أسلحة"))  # JSON 1 and "1": one id
    assert (first.article_id, first.status) == ("1", "new")
    assert second.status == "new" and second.article_id == f"1~{second.content_hash[:12]}"
    stored = store.article(second.article_id)
    assert stored is not None and stored["text"] == OTHER_TEXT
    assert any(d["code"] == "W030" for d in stored["diagnostics"])
    assert store.article("1")["text"] == ARREST_TEXT  # type: ignore[index]
    # the same text under the same id stays idempotent, for the original and the derived article alike
    again = store.add_records([record("1"), record("1", OTHER_TEXT, events=[], title="مخبأ أسلحة")])
    assert [(r.article_id, r.status) for r in again] == [("1", "duplicate"), (second.article_id, "duplicate")]
    ((n,),) = store.db.execute("SELECT count(*) FROM articles")
    assert n == 2


def test_many_articles_under_per_file_ids_none_lost(store: SqlStore) -> None:
    texts = [f"{ARREST_TEXT} العدد {i}." for i in range(60)]
    results = store.add_records([record(str(i % 30), t, events=[]) for i, t in enumerate(texts)])
    assert all(r.status in ("new", "near_duplicate") for r in results)  # stored, none "already stored"
    assert len({r.article_id for r in results}) == 60


def test_nul_in_id_and_title_is_one_behaviour_on_every_backend(store: SqlStore, tmp_path: Path) -> None:
    from marsad.config import load_settings
    from marsad.ingest import IngestOptions, ingest
    from marsad.pipeline import Pipeline

    light = Pipeline.build(load_settings(overrides={"pipeline": {"stages": ["text.tokens.v1", "text.sentences.v1"]}}))
    src = tmp_path / "nul.jsonl"
    lines = [{"id": "a\u0000b", "title": "توقيف\u0000 في الرباط", "text": ARREST_TEXT},
             {"id": "c", "title": "مخبأ", "text": OTHER_TEXT.replace("الجيش", "الج\u0000يش")}]  # fmt: skip
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    stats = ingest([str(src)], store, IngestOptions(), pipeline=light)
    assert (stats.seen, stats.stored, stats.quarantined, dict(stats.by_code)) == (2, 2, 0, {})
    first, second = store.article("ab"), store.article("c")
    assert first is not None and first["title"] == "توقيف في الرباط"
    assert second is not None and "\x00" not in second["text"] and "الجيش" in second["text"]
    assert all(any(d["code"] == "W007" for d in a["diagnostics"]) for a in (first, second))
    # a record with NUL written directly (``store load`` of analysed records): U+FFFD, offsets kept, W007
    result = store.add_record(record("n\u00001", title="عنوان\u0000"))
    assert result.status != "duplicate" and result.article_id == "n\ufffd1"
    stored = store.article("n\ufffd1")
    assert stored is not None and stored["title"] == "عنوان\ufffd"
    assert any(d["code"] == "W007" for d in stored["diagnostics"])


def test_a_record_the_store_sets_aside_is_counted_in_the_run(store: SqlStore, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from marsad.config import load_settings
    from marsad.ingest import IngestOptions, ingest
    from marsad.pipeline import Pipeline
    from marsad.store import writer

    light = Pipeline.build(load_settings(overrides={"pipeline": {"stages": ["text.tokens.v1", "text.sentences.v1"]}}))
    real = writer.add_article

    def fragile(st: Any, rec: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        if rec.get("id") == "bad":
            raise ValueError("cannot store this one")
        return real(st, rec, *args, **kwargs)

    monkeypatch.setattr(writer, "add_article", fragile)
    src = tmp_path / "two.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in (("ok", ARREST_TEXT), ("bad", OTHER_TEXT))), "utf-8")  # fmt: skip
    stats = ingest([str(src)], store, IngestOptions(), pipeline=light)
    assert (stats.seen, stats.stored, stats.quarantined, dict(stats.by_code)) == (2, 1, 1, {"E060": 1})
    assert stats.seen == stats.stored + stats.duplicate + stats.quarantined + stats.skipped_old


def test_quarantine_keeps_a_bounded_prefix_with_size_and_sha256(store: SqlStore, tmp_path: Path) -> None:
    import hashlib
    import io
    import zipfile

    from marsad.ingest import IngestOptions, ingest
    from marsad.store.sqlstore import RAW_KEEP

    buf = io.BytesIO()
    blank = b" \n\t" * 400_000  # 1.2 MB of white space, compressed to almost nothing
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(5):
            zf.writestr(f"blank{i}.txt", blank)
    (tmp_path / "blanks.zip").write_bytes(buf.getvalue())
    assert len(buf.getvalue()) < 50_000
    stats = ingest([str(tmp_path / "blanks.zip")], store, IngestOptions(), pipeline=_light())
    assert stats.quarantined == 5 and dict(stats.by_code) == {"E001": 5}
    rows = store.list_quarantine()
    assert len(rows) == 5
    for row in rows:
        assert len(row.raw) == RAW_KEEP and row.raw == blank[:RAW_KEEP]
        assert row.raw_size == len(blank) and row.raw_sha256 == hashlib.sha256(blank).hexdigest()
    ((total,),) = store.db.execute("SELECT sum(octet_length(raw)) FROM quarantine")
    assert total == 5 * RAW_KEEP
    small = store.quarantine("files", "x.txt", "E002", "binary", b"\x00\x01")  # small items are kept whole
    got = store.get_quarantine(small)
    assert got is not None and got.raw == b"\x00\x01" and got.raw_size == 2


def test_csv_rows_are_retried_by_the_csv_reader(store: SqlStore, tmp_path: Path) -> None:
    from marsad.ingest import ColumnMapping, IngestOptions, ingest
    from marsad.ingest.base import SourceOptions
    from marsad.ingest.quarantine import retry

    src = tmp_path / "export.csv"
    src.write_text(f'body,date\n"{ARREST_TEXT}",2025-02-26\n"{OTHER_TEXT}",2025-02-27,زائد\n', "utf-8")
    stats = ingest([str(src)], store, IngestOptions(), pipeline=_light())  # no --map: the text column is «body»
    assert dict(stats.by_code) == {"E006": 1, "E039": 1}
    rows = {r.code: r for r in store.list_quarantine()}
    assert rows["E039"].kind == rows["E006"].kind == "csv" and rows["E039"].raw.startswith(b"body,date\n")
    options = SourceOptions(mapping=ColumnMapping.parse("text=body,published=date"))
    malformed = retry(store, rows["E039"].id, _light(), options)
    assert not malformed.ok and malformed.code == "E039"  # still malformed: never stored as plain text
    fixed = retry(store, rows["E006"].id, _light(), options)
    assert fixed.ok
    ((n,), ) = store.db.execute("SELECT count(*) FROM articles")
    ((text, published, origin),) = store.db.execute("SELECT text, published, origin FROM articles")
    assert n == 1 and text == ARREST_TEXT and str(published) == "2025-02-26" and origin == f"{src}:2"
    assert not any(OTHER_TEXT in str(r[0]) for r in store.db.execute("SELECT text FROM articles"))


def test_a_version_1_store_migrates_and_keeps_its_quarantine(tmp_path: Path) -> None:
    import datetime as dt

    from marsad.store import open_store
    from marsad.store.db import DuckDb
    from marsad.store.schema import _V1, VERSION_TABLE, render

    path = tmp_path / "v1.duckdb"
    db = DuckDb(path)
    for statement in (VERSION_TABLE, *_V1):
        db.execute(render(statement, "duckdb"))
    now = dt.datetime(2025, 1, 1)
    db.execute("INSERT INTO schema_version VALUES (1, 'initial schema', ?)", (now,))
    db.execute("INSERT INTO quarantine VALUES ('q1', 'files', 'a.csv:3', 'E039', 'bad row', ?, ?, false)",
               (b"x,y,z", now))  # fmt: skip
    db.close()
    with open_store(path) as s:
        assert s.schema_version() == 3
        row = s.get_quarantine("q1")
        assert row is not None and row.raw == b"x,y,z" and row.kind is None and row.raw_size is None
        from marsad.ingest.base import SourceOptions
        from marsad.ingest.quarantine import retry

        result = retry(s, "q1", _light(), SourceOptions())  # an old CSV row has no header: it stays quarantined
        assert not result.ok and result.code == "E039"
        ((n,),) = s.db.execute("SELECT count(*) FROM articles")
        assert n == 0


def _light() -> Any:
    from marsad.config import load_settings
    from marsad.pipeline import Pipeline

    return Pipeline.build(load_settings(overrides={"pipeline": {"stages": ["text.tokens.v1", "text.sentences.v1"]}}))
