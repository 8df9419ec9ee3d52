"""Writes: idempotency, near-duplicates, coreference, unmerge, quarantine, checkpoints (both backends)."""

from __future__ import annotations

from store_helpers import AGADIR, ARREST_TEXT, MOROCCO, SALE, event, record

from marsad.store import SqlStore, open_store
from marsad.store.schema import SCHEMA_VERSION

SYNDICATED = ARREST_TEXT + " وأضاف المصدر أن الأبحاث متواصلة."
REWORDED = ("فككت السلطات المغربية خلية تابعة لتنظيم الدولة الإسلامية بمدينة الرباط، وأوقفت أربعة أشخاص "
            "قالت إنهم كانوا بصدد التحضير لأعمال إرهابية.")  # fmt: skip
AGADIR_TEXT = "أوقفت عناصر الأمن بأكادير أربعة أشخاص يشتبه في انتمائهم لتنظيم داعش بعد مراقبة دامت أسابيع."


def _counts(store: SqlStore) -> dict[str, int]:
    return dict(store.stats()["tables"])


def test_same_record_twice_changes_nothing(store: SqlStore) -> None:
    first = store.add_record(record("a1"))
    before = _counts(store)
    again = store.add_record(record("a1"))
    assert first.status == "new" and again.status == "duplicate"
    assert again.content_hash == first.content_hash
    assert _counts(store) == before
    assert store.has_article("a1") and not store.has_article("nope")


def test_syndicated_copy_is_linked_and_not_double_counted(store: SqlStore) -> None:
    store.add_record(record("a1"))
    copy = store.add_record(record("a2", SYNDICATED, events=[event(text=SYNDICATED)], source="le360"))
    assert copy.status == "near_duplicate" and copy.duplicate_of == "a1" and copy.cluster_id == "a1"
    assert copy.similarity is not None and copy.similarity >= 0.6
    (ev,) = store.events()
    assert ev.n_mentions == 2 and ev.n_reports == 1  # two reports of one dispatch count once
    stored = store.article("a2")
    assert stored is not None and stored["store"]["duplicate_of"] == "a1"


def test_near_duplicate_index_survives_restart(store_url: str) -> None:
    with open_store(store_url) as s:
        s.add_record(record("a1"))
    with open_store(store_url) as s:
        assert s.add_record(record("a2", SYNDICATED, events=[], source="le360")).duplicate_of == "a1"


def test_reworded_report_from_another_outlet_merges(store: SqlStore) -> None:
    store.add_record(record("a1"))
    other = store.add_record(record("b1", REWORDED, events=[event(text=REWORDED, place=SALE, date=None)],
                                    source="alyaoum24", published="2025-02-27"))  # fmt: skip
    assert other.status == "new" and other.merged and not other.created
    (ev,) = store.events()
    assert ev.n_reports == 2 and ev.place_name == "Rabat" and ev.date_precision == "day"
    detail = store.event(ev.id)
    assert detail is not None and len(detail.mentions) == 2
    how = detail.mentions[1].merge or detail.mentions[0].merge
    assert how is not None and how["decision"] == "merge" and how["matched"]["place"] == "near"


def test_merged_event_takes_the_most_precise_place_and_date(store: SqlStore) -> None:
    store.add_record(record("c1", REWORDED, events=[event(text=REWORDED, place=MOROCCO, date="2025-02-01",
                                                          precision="month")]))  # fmt: skip
    store.add_record(record("a1", source="snrt"))
    (ev,) = store.events()
    assert (ev.place_precision, ev.place_name, ev.date_precision) == ("town", "Rabat", "day")
    assert str(ev.date_value) == "2025-02-26"


def test_different_city_same_day_stays_apart(store: SqlStore) -> None:
    store.add_record(record("a1"))
    store.add_record(record("d1", AGADIR_TEXT, events=[event(text=AGADIR_TEXT, place=AGADIR)], source="snrt"))
    assert len(store.events()) == 2


def test_update_links_to_the_case_it_continues(store: SqlStore) -> None:
    store.add_record(record("a1", events=[event(mode="seize", people=None)]))
    text = "حجزت المصالح الأمنية بالرباط محجوزات إضافية في إطار نفس القضية المتعلقة بالخلية الإرهابية المفككة."
    res = store.add_record(record("u1", text, events=[event(text=text, mode="seize", date="2025-03-05", people=None)],
                                  published="2025-03-05"))  # fmt: skip
    (new_id,) = res.created
    detail = store.event(new_id)
    assert detail is not None and detail.event.continues is not None
    assert detail.event.continues != new_id and len(store.events()) == 2


def test_unmerge_splits_and_keeps_every_mention(store: SqlStore) -> None:
    store.add_record(record("a1"))
    store.add_record(record("b1", REWORDED, events=[event(text=REWORDED, place=SALE)], source="alyaoum24"))
    (ev,) = store.events()
    new_ids = store.unmerge(ev.id, ("b1", "V1"))
    assert len(new_ids) == 1
    events = store.events()
    assert len(events) == 2 and all(e.n_mentions == 1 for e in events)
    assert store.stats()["tables"]["event_mentions"] == 2
    moved = store.event(new_ids[0])
    assert moved is not None and moved.mentions[0].merge == {"decision": "unmerged", "from": ev.id}


def test_two_events_of_one_article_never_merge(store: SqlStore) -> None:
    evs = [event("V1"), event("V2", confidence=0.6)]
    store.add_record(record("a1", events=evs))
    assert len(store.events()) == 2


def test_batch_is_one_transaction_and_results_in_order(store: SqlStore) -> None:
    results = store.add_records([record(f"r{i}", ARREST_TEXT + f" رقم {i} " * i, events=[]) for i in range(5)])
    assert [r.article_id for r in results] == [f"r{i}" for i in range(5)]
    assert store.stats()["tables"]["articles"] == 5


def test_quarantine_keeps_raw_bytes_once(store: SqlStore) -> None:
    raw = b"\x00\xffnot text"
    qid = store.quarantine("files", "in/bad.txt", "E002", "input is binary", raw)
    assert store.quarantine("files", "in/bad.txt", "E002", "input is binary", raw) == qid
    row = store.get_quarantine(qid)
    assert row is not None and row.raw == raw and row.code == "E002" and not row.retried
    store.mark_retried(qid)
    assert store.get_quarantine(qid).retried  # type: ignore[union-attr]
    assert [r.id for r in store.list_quarantine(code="E002")] == [qid]
    assert store.list_quarantine(code="E005") == []
    assert store.get_quarantine("missing") is None


def test_checkpoints(store: SqlStore) -> None:
    assert store.get_checkpoint("rss:hespress") is None
    store.set_checkpoint("rss:hespress", "2025-02-26T10:00")
    store.set_checkpoint("rss:hespress", "2025-02-27T10:00")
    assert store.get_checkpoint("rss:hespress") == "2025-02-27T10:00"


def test_schema_version_and_reopen(store_url: str) -> None:
    with open_store(store_url) as s:
        assert s.schema_version() == SCHEMA_VERSION == 4  # 2: quarantine sizes; 3: alerts; 4: corrections
        s.add_record(record("a1"))
    with open_store(store_url) as s:
        assert s.migrate() == SCHEMA_VERSION and s.has_article("a1")


def test_sqlstore_satisfies_the_protocol(store: SqlStore) -> None:
    from marsad.store import Store

    def use(s: Store) -> int:
        return len(s.events())

    assert use(store) == 0


def test_bad_records_are_kept_aside_not_lost(store: SqlStore) -> None:
    from marsad.store import ingest_records

    broken = record("b1")
    broken["events"] = [{"id": "V1", "type": "COERCE", "evidence": {"start": "not a number"}}]
    summary = ingest_records(store, [record("a1"), broken, "not a record"])  # type: ignore[list-item]
    assert summary.new == 1 and summary.quarantined == 2
    assert {r.code for r in store.list_quarantine()} == {"E060"}
    assert store.has_article("a1") and not store.has_article("b1")


def test_ingest_summary_counts_and_json_are_pinned(store: SqlStore) -> None:
    from marsad.store import ingest_records

    bad = {"id": "x", "text": "", "origin": "in/bad.jsonl:3", "diagnostics": [
        {"code": "E005", "severity": "error", "message": "malformed JSON line"}]}  # fmt: skip
    first = ingest_records(store, [record("a1"), record("a2", SYNDICATED), bad, record("a3", AGADIR_TEXT)])
    again = ingest_records(store, [record("a1"), record("a3", AGADIR_TEXT)])
    assert list(first.to_json()) == ["new", "duplicate", "near_duplicate", "quarantined", "events_created",
                                     "events_merged", "quarantine_ids"]  # fmt: skip
    assert first.to_json() == {"new": 2, "duplicate": 0, "near_duplicate": 1, "quarantined": 1, "events_created": 1,
                               "events_merged": 2, "quarantine_ids": [store.list_quarantine()[0].id]}  # fmt: skip
    assert again.to_json() == {"new": 0, "duplicate": 2, "near_duplicate": 0, "quarantined": 0, "events_created": 0,
                               "events_merged": 0, "quarantine_ids": []}  # fmt: skip


def test_a_merged_event_takes_its_date_from_reports_of_its_status() -> None:
    """An occurred visit merged with a report of it as planned keeps the occurred reports' date: the
    planned report's later day («زيارة من المقرر أن يقوم بها وزير الخارجية») is no date of what happened."""
    import datetime as dt

    from marsad.store.records_sql import MENTION_COLUMNS
    from marsad.store.writer import aggregate

    def mention(local: str, status: str, day: dt.date, precision: str, confidence: float) -> dict[str, object]:
        row: dict[str, object] = dict.fromkeys(MENTION_COLUMNS)
        row.update(event_id="e", article_id=f"a{local}", local_id=local, type="CONSULT", mode="visit", status=status,
                   date_value=day, date_precision=precision, confidence=confidence, from_duplicate=False,
                   cluster_id=f"a{local}", published=dt.date(2015, 7, 21))  # fmt: skip
        return row

    occurred = [mention("1", "occurred", dt.date(2015, 7, 20), "week", 0.8),
                mention("2", "occurred", dt.date(2015, 7, 20), "week", 0.7)]  # fmt: skip
    planned = mention("3", "planned", dt.date(2015, 7, 27), "day", 0.6)
    agg = aggregate([*occurred, planned])
    assert (agg["status"], agg["date_value"], agg["date_precision"]) == ("occurred", dt.date(2015, 7, 20), "week")
    alone = aggregate([planned])  # a planned event keeps its own day
    assert (alone["status"], alone["date_value"]) == ("planned", dt.date(2015, 7, 27))
