"""Analyst corrections (#18): stored with an audit trail, applied to the events, kept through re-ingest,
merges and reopening, and shown in the exports; on DuckDB and PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from store_helpers import ARREST_TEXT, SALE, event, record

from marsad.export import export_acled, export_table
from marsad.store import SqlStore, ingest_records, open_store
from marsad.store.corrections import CorrectionError

REWORDED = ("فككت السلطات المغربية خلية تابعة لتنظيم الدولة الإسلامية بمدينة الرباط، وأوقفت أربعة أشخاص "
            "قالت إنهم كانوا بصدد التحضير لأعمال إرهابية.")  # fmt: skip


def _first(store: SqlStore) -> str:
    (ev,) = store.events()
    return ev.id


def test_a_correction_is_applied_with_its_audit_trail(store: SqlStore) -> None:
    store.add_record(record("a1", events=[event(acled=("Strategic developments", "Arrests"))]))
    eid = _first(store)
    rows = store.correct(eid, author="analyst1", note="البلاغ يذكر خمسة موقوفين", values={"people": 5, "killed": 0},
                         flag="المكان: سلا لا الرباط")  # fmt: skip
    assert [(r.kind, r.field, r.old_value, r.new_value) for r in rows] == [
        ("correct", "people", 4, 5), ("correct", "killed", None, 0), ("flag", None, None, "المكان: سلا لا الرباط")]
    (ev,) = store.events()
    assert (ev.people, ev.killed, ev.flag, ev.corrected) == (5, 0, "المكان: سلا لا الرباط", ("killed", "people"))
    assert ev.description_ar.endswith("واعتُقل 5 أشخاص.")
    trail = store.corrections(eid)
    assert (trail[0].author, trail[0].note) == ("analyst1", "البلاغ يذكر خمسة موقوفين")
    store.correct(eid, author="analyst2", values={"place_name": "Salé", "place_name_ar": "سلا"}, unflag=True)
    (ev,) = store.events()
    assert (ev.place_name_ar, ev.flag) == ("سلا", None) and len(store.corrections(eid)) == 6


def test_corrections_survive_re_ingest_merges_and_reopening(store_url: str) -> None:
    with open_store(store_url) as store:
        ingest_records(store, [record("a1")])
        eid = _first(store)
        store.correct(eid, author="analyst", values={"date_value": "2025-02-25", "country": "mar"})
        ingest_records(store, [record("a1")])  # the same article again: a duplicate
        other = store.add_record(record("b1", REWORDED, events=[event(text=REWORDED, place=SALE, date=None)],
                                        source="alyaoum24", published="2025-02-27"))  # fmt: skip
        assert other.merged  # the writer rebuilt the event from its two mentions
        (ev,) = store.events()
        assert (str(ev.date_value), ev.country, ev.n_reports) == ("2025-02-25", "MAR", 2)
    with open_store(store_url) as store:
        ingest_records(store, [record("a1"), record("b1", REWORDED, events=[event(text=REWORDED, place=SALE,
                                                                                   date=None)])])  # fmt: skip
        (ev,) = store.events()
        assert str(ev.date_value) == "2025-02-25" and ev.corrected == ("country", "date_value")
        assert len(store.corrections(ev.id)) == 2


def test_a_correction_follows_its_mention_when_the_event_is_split(store: SqlStore) -> None:
    store.add_records([record("a1"), record("b1", REWORDED, events=[event(text=REWORDED, place=SALE, date=None)],
                                            source="alyaoum24", published="2025-02-27")])  # fmt: skip
    eid = _first(store)
    store.correct(eid, author="analyst", values={"killed": 2})
    store.unmerge(eid)
    killed = sorted((e.killed or 0) for e in store.events())
    assert killed == [0, 2]  # the event holding the first mention keeps the correction


def test_exports_show_corrections(store: SqlStore, tmp_path: Path) -> None:
    store.add_record(record("a1", events=[event(acled=("Strategic developments", "Arrests"))]))
    store.correct(_first(store), author="analyst", values={"killed": 1}, flag="عدد القتلى غير مؤكد")
    export_acled(store, tmp_path / "acled.csv")
    with (tmp_path / "acled.csv").open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["fatalities"], row["flag"], row["corrected"]) == ("1", "عدد القتلى غير مؤكد", "killed")
    export_table(store, "events", "csv", tmp_path / "events.csv")
    with (tmp_path / "events.csv").open(encoding="utf-8") as fh:
        (ev,) = list(csv.DictReader(fh))
    assert ev["killed"] == "1" and ev["flag"] == "عدد القتلى غير مؤكد"
    export_table(store, "corrections", "csv", tmp_path / "corrections.csv")
    assert "analyst" in (tmp_path / "corrections.csv").read_text("utf-8")


@pytest.mark.parametrize(("values", "word"), [({"n_reports": 3}, "cannot be corrected"), ({"killed": -1}, "killed"),
                                              ({"type": "BOMB"}, "one of"), ({"date_value": "أمس"}, "YYYY-MM-DD"),
                                              ({"lat": 200}, "lat"), ({}, "nothing to change")])  # fmt: skip
def test_bad_corrections_are_refused_and_change_nothing(store: SqlStore, values: dict[str, object], word: str) -> None:
    store.add_record(record("a1", ARREST_TEXT))
    eid = _first(store)
    with pytest.raises(CorrectionError, match=word):
        store.correct(eid, author="analyst", values=values)
    assert store.corrections(eid) == [] and store.events()[0].corrected == ()
    with pytest.raises(CorrectionError, match="no event"):
        store.correct("nope", author="analyst", values={"killed": 1})
