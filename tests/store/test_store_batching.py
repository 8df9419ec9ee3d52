"""The batched write path: results do not depend on batch size or restarts; a failed batch leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from store_helpers import AGADIR, ARREST_TEXT, SALE, event, record

from marsad.store import SqlStore, open_store
from marsad.store.db import DuckDb

SYNDICATED = ARREST_TEXT + " وأضاف المصدر أن التحقيقات ما زالت جارية."
REWORDED = "أوقفت الشرطة في مدينة سلا أربعة عناصر من خلية موالية لداعش كانت تعد لهجمات تخريبية."
UPDATE = "حجزت السلطات محجوزات إضافية لدى عناصر الخلية الإرهابية الموالية لداعش في الرباط بعد أسبوعين."
AGADIR_TEXT = "اعتقلت قوات الأمن في أكادير ثلاثة أشخاص يشتبه في صلتهم بتنظيم داعش."


def _records() -> list[dict[str, Any]]:
    return [
        record("a1"),
        record("a2", SYNDICATED, events=[event(text=SYNDICATED)], source="le360"),
        record("b1", REWORDED, events=[event(text=REWORDED, place=SALE, date=None)], source="alyaoum24",
               published="2025-02-27"),
        record("c1", AGADIR_TEXT, events=[event(text=AGADIR_TEXT, place=AGADIR), event("V2", type="ASSAULT",
               mode=None, text=AGADIR_TEXT, place=AGADIR)], published="2025-02-26"),
        record("d1", UPDATE, events=[event(text=UPDATE, date="2025-03-12")], published="2025-03-12",
               title="محجوزات إضافية"),
        record("a1"),
    ]  # fmt: skip


def _tables(store: SqlStore) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in ("events", "event_mentions", "articles", "entities", "quotes", "relations"):
        names, rows = store.table_rows(table)
        keep = [i for i, n in enumerate(names) if n not in {"created_at", "updated_at", "added_at"}]
        out[table] = sorted(tuple(r[i] for i in keep) for r in rows)
    return out


def test_batch_size_and_restarts_do_not_change_results(store_url: str, tmp_path: Any) -> None:
    with open_store(tmp_path / "one.duckdb", batch_size=1) as one:
        one.add_records(_records())
        expected = _tables(one)
    assert len(expected["events"]) == 4 and len(expected["event_mentions"]) == 6
    recs = _records()
    with open_store(store_url, batch_size=50) as s:
        s.add_records(recs[:2])
    with open_store(store_url, batch_size=50) as s:  # the writer's view is rebuilt from the database
        results = s.add_records(recs[2:])
        assert [r.status for r in results][-1] == "duplicate"
        assert _tables(s) == expected


def test_failed_batch_leaves_no_phantom_events(store: SqlStore) -> None:
    bad = record("x1", events=[event("V1"), event("V1", confidence=0.6)])  # one local id twice: the batch fails
    with pytest.raises(Exception):  # noqa: B017 - each backend raises its own integrity error
        store.add_records([record("a0", AGADIR_TEXT, events=[event(text=AGADIR_TEXT, place=AGADIR)]), bad])
    assert store.stats()["tables"]["articles"] == 0 and store.events() == []
    fresh = store.add_record(record("a1"))
    assert fresh.status == "new" and fresh.created and not fresh.merged


def test_writes_after_unmerge_see_the_split(store: SqlStore) -> None:
    store.add_record(record("a1"))
    store.add_record(record("b1", REWORDED, events=[event(text=REWORDED, place=SALE)], source="alyaoum24"))
    (ev,) = store.events()
    (split,) = store.unmerge(ev.id, ("b1", "V1"))
    assert {e.id for e in store.events()} == {ev.id, split}
    res = store.add_record(record("a2", SYNDICATED, events=[event(text=SYNDICATED)], source="le360"))
    assert res.merged == (ev.id,)  # joins its sibling, which now bridges the split report back in
    events = store.events()
    assert len(events) == 1 and store.stats()["tables"]["event_mentions"] == 3
    detail = store.event(events[0].id)
    assert detail is not None and events[0].n_mentions == len(detail.mentions) == 3
    assert {m.article_id for m in detail.mentions} == {"a1", "a2", "b1"}


def test_duckdb_bulk_insert_falls_back_when_arrow_cannot_type_a_column(tmp_path: Any) -> None:
    db = DuckDb(tmp_path / "t.duckdb")
    db.execute("CREATE TABLE t (k TEXT, v TEXT, seen TIMESTAMP)")
    now = dt.datetime(2025, 2, 26, 10, 0)
    db.insert_many("t", ("k", "v", "seen"), [("a", "واحد", now), ("b", 2, None)])  # str and int in one column
    db.insert_many("t", (), [("c", None, now)])
    assert db.execute("SELECT k, v, seen FROM t ORDER BY k") == [("a", "واحد", now), ("b", "2", None), ("c", None, now)]
    db.close()
