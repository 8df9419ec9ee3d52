"""The write view's day index finds exactly the events a scan of every event of the type would."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from marsad.store.state import WriteState

D0 = dt.date(2025, 1, 1)


def _event(i: int, type_: str, date: dt.date | None, first: dt.date | None) -> dict[str, Any]:
    return {"id": f"ev{i}", "type": type_, "date_value": date, "first_published": first,
            "place_name_ar": "الرباط", "continues": None}  # fmt: skip


def _scan(st: WriteState, type_: str, lo: dt.date, hi: dt.date) -> set[str]:
    out = set()
    for row in st.by_type.get(type_, {}).values():
        when = row["date_value"] if row["date_value"] is not None else row["first_published"]
        if when is not None and lo <= when <= hi:
            out.add(row["id"])
    return out


def test_the_day_index_follows_inserts_date_and_type_changes_and_deletes() -> None:
    rng = random.Random(20)
    st = WriteState()

    def day() -> dt.date | None:
        return None if rng.random() < 0.15 else D0 + dt.timedelta(days=rng.randrange(0, 400))

    for i in range(300):
        st.set_event(_event(i, rng.choice(["COERCE", "ASSAULT"]), day(), day()))
    for _ in range(200):  # re-aggregated events: new dates, sometimes a new type; some merged away
        i = rng.randrange(300)
        if rng.random() < 0.2:
            st.delete_event(f"ev{i}")
        else:
            st.set_event(_event(i, rng.choice(["COERCE", "ASSAULT", "PROTEST"]), day(), day()))
    for _ in range(200):
        lo = D0 + dt.timedelta(days=rng.randrange(-20, 420))
        hi = lo + dt.timedelta(days=rng.choice([0, 7, 64, 152, 1000]))
        for type_ in ("COERCE", "ASSAULT", "PROTEST", "CONSULT"):
            found = st.events_dated(type_, lo, hi)
            assert {r["id"] for r in found} == _scan(st, type_, lo, hi)
            assert len(found) == len({r["id"] for r in found}) and all(r["type"] == type_ for r in found)
