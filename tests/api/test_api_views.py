"""The dashboard's views (#18): the timeline by day, week or month with fatalities, the header figures of
the current filter, and the publication date beside the event date; on DuckDB and PostgreSQL."""

from __future__ import annotations

from typing import Any

from backends import ok


def test_timeline_by_day_week_and_month_sums_fatalities(api: Any) -> None:
    month = ok(api, "/api/timeline?type=ASSAULT")
    assert [(p["period"], p["n"], p["killed"]) for p in month] == [("2025-03-01", 1, 12), ("2025-05-01", 1, 5)]
    week = ok(api, "/api/timeline?type=ASSAULT&granularity=week")
    assert [p["period"] for p in week] == ["2025-03-10", "2025-04-28"]  # Mondays
    day = ok(api, "/api/timeline?granularity=day&country=MAR")
    assert {"period": "2025-02-26", "month": "2025-02", "type": "COERCE", "n": 3, "killed": 0} in day
    assert sum(p["n"] for p in day) == sum(p["n"] for p in ok(api, "/api/timeline?country=MAR"))
    assert api.get("/api/timeline?granularity=year").status_code == 422


def test_header_figures_match_the_filtered_list(api: Any) -> None:
    everything = ok(api, "/api/figures")
    assert everything["events"] == ok(api, "/api/events")["total"] == 9
    assert everything["killed"] == 17 and everything["located"] == 8 and everything["unlocated"] == 1
    assert (everything["first_date"], everything["last_date"]) == ("2025-01-20", "2025-05-02")
    niger = ok(api, "/api/figures?actor=داعش&type=ASSAULT")
    assert (niger["events"], niger["killed"], niger["reports"]) == (1, 5, 1)
    assert ok(api, "/api/figures?country=TUN") == {"events": 0, "killed": 0, "injured": 0, "reports": 0,
                                                  "located": 0, "unlocated": 0, "first_date": None, "last_date": None}


def test_the_list_shows_the_publication_date_beside_the_event_date(api: Any) -> None:
    tangier = ok(api, "/api/events?near=Tangier:10km")["items"][0]
    assert (tangier["date_value"], tangier["first_published"]) == ("2025-02-26", "2025-02-27")
    by_published = [e["first_published"] for e in ok(api, "/api/events?sort=-published&limit=50")["items"]]
    assert by_published == sorted(by_published, reverse=True)
