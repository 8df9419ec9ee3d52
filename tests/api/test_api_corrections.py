"""Analyst corrections through the API (#18): behind the write token, with an audit trail, visible in the
list and the exports; on DuckDB and PostgreSQL."""

from __future__ import annotations

import csv
import io
from typing import Any

from backends import TOKEN, ok

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _mopti(api: Any) -> dict[str, Any]:
    return dict(ok(api, "/api/events?country=MLI")["items"][0])


def test_correct_and_flag_behind_the_token(api: Any) -> None:
    eid = _mopti(api)["id"]
    body = {"author": "محلل", "note": "الحصيلة الرسمية", "values": {"killed": 14}, "flag": "الفاعل غير مؤكد"}
    assert api.post(f"/api/events/{eid}/corrections", json=body).status_code == 401
    assert api.post(f"/api/events/{eid}/corrections", json=body,
                    headers={"Authorization": "Bearer wrong"}).status_code == 403  # fmt: skip
    r = api.post(f"/api/events/{eid}/corrections", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    assert [(c["field"], c["old_value"], c["new_value"]) for c in r.json()] == [("killed", 12, 14),
                                                                                (None, None, "الفاعل غير مؤكد")]
    ev = _mopti(api)
    assert (ev["killed"], ev["flag"], ev["corrected"]) == (14, "الفاعل غير مؤكد", ["killed"])
    assert ev["description_ar"].endswith("وقُتل 14 شخصا.")
    assert ok(api, "/api/figures?country=MLI")["killed"] == 14
    trail = ok(api, f"/api/events/{eid}/corrections")
    assert [(t["author"], t["note"]) for t in trail] == [("محلل", "الحصيلة الرسمية")] * 2
    acled = api.get("/api/export?format=csv&country=MLI").text
    row = next(csv.DictReader(io.StringIO(acled)))
    assert row["killed"] == "14" and row["flag"] == "الفاعل غير مؤكد"


def test_bad_corrections_are_clear_errors(api: Any) -> None:
    eid = _mopti(api)["id"]
    bad = api.post(f"/api/events/{eid}/corrections", json={"author": "x", "values": {"n_reports": 9}}, headers=AUTH)
    assert bad.status_code == 400 and "cannot be corrected" in bad.json()["message"]
    none = api.post("/api/events/nope/corrections", json={"author": "x", "values": {"killed": 1}}, headers=AUTH)
    assert none.status_code == 404
    extra = api.post(f"/api/events/{eid}/corrections", json={"author": "x", "drop": True}, headers=AUTH)
    assert extra.status_code == 422
    assert ok(api, f"/api/events/{eid}/corrections") == []
