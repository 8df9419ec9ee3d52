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
