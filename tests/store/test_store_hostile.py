"""Hostile records at the store, on DuckDB and PostgreSQL alike: ids that collide, NUL characters, big raw bytes."""

from __future__ import annotations

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
