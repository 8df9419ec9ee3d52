"""Golden tests: the figures a report shows are the store's, counted independently here in SQL; the seed
article's cell dismantling, its evidence and the Morocco–Algeria statement appear as stored."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from marsad.describe import describe
from marsad.report import build_report, make_report, parse_period, parse_scope
from marsad.report.period import Period
from marsad.store import open_store

FLOOR = 0.3


def _sql_figures(db: Path, countries: tuple[str, ...], period: Period) -> dict[str, Any]:
    import duckdb

    where = "country IN (SELECT unnest(?))" if countries else "TRUE"
    sql = (f"SELECT type, mode, people, killed FROM events WHERE {where} AND confidence >= ?"
           " AND (status = 'occurred' OR status IS NULL)"
           " AND COALESCE(date_value, first_published) BETWEEN ? AND ?")  # fmt: skip
    params: list[Any] = ([list(countries)] if countries else []) + [FLOOR, period.start, period.until]
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(sql, params).fetchall()
    by_type: dict[str, int] = {}
    for t, *_ in rows:
        by_type[t] = by_type.get(t, 0) + 1
    arrests = [r for r in rows if r[1] == "arrest"]
    return {"events": len(rows), "by_type": by_type, "arrest_events": len(arrests),
            "arrested": sum(r[2] or 0 for r in arrests), "seizures": sum(1 for r in rows if r[1] == "seize"),
            "fatalities": sum(r[3] or 0 for r in rows)}  # fmt: skip


@pytest.mark.parametrize(("scope", "week", "since", "until"), [
    ("MAR", "2025-W09", None, None),
    ("Maghreb", None, "2015-07-01", "2015-08-31"),
    ("sahel", None, "2015-07-01", "2015-08-31"),
    ("all", None, "2015-07-15", "2015-08-15"),
])  # fmt: skip
def test_figures_are_the_stores(demo_db: Path, scope: str, week: str | None, since: str | None,
                                until: str | None) -> None:  # fmt: skip
    target, period = parse_scope(scope), parse_period(week, since, until)
    with open_store(demo_db, read_only=True) as store:
        data = build_report(store, target, period, min_confidence=FLOOR, describe=describe)  # type: ignore[arg-type]
    for fig, when in ((data.current, period), (data.previous, period.previous())):
        expected = _sql_figures(demo_db, target.countries, when)
        got = {"events": fig.events, "by_type": fig.by_type, "arrest_events": fig.arrest_events,
               "arrested": fig.arrested, "seizures": fig.seizures, "fatalities": fig.fatalities}  # fmt: skip
        assert got == expected
    assert data.current.events > 0


def _md_figures(text: str) -> dict[str, tuple[int, int]]:
    rows = re.findall(r"^\| (.+?) \| (-?\d+) \| (-?\d+) \| [+-]?\d+ \|$", text, re.MULTILINE)
    return {label: (int(now), int(then)) for label, now, then in rows}


def test_morocco_week_report_shows_the_seed_article(demo_db: Path, tmp_path: Path) -> None:
    period = parse_period("2025-W09")
    with open_store(demo_db, read_only=True) as store:
        md = make_report(store, parse_scope("MAR"), period, lang="ar", fmt="md", stem="mar").content.decode()
        en = make_report(store, parse_scope("MAR"), period, lang="en", fmt="md", stem="mar").content.decode()
    now, then = _sql_figures(demo_db, ("MAR",), period), _sql_figures(demo_db, ("MAR",), period.previous())
    shown = _md_figures(md)
    assert shown["الأحداث"] == (now["events"], then["events"])
    assert shown["عمليات الاعتقال"] == (now["arrest_events"], then["arrest_events"])
    assert shown["عمليات الحجز"] == (now["seizures"], then["seizures"])
    assert shown["القتلى"] == (now["fatalities"], then["fatalities"])
    assert _md_figures(en)["Events"] == (now["events"], then["events"])
    # the seed article: the cell dismantling's evidence, the expert's words, the Morocco–Algeria statement
    assert "تفكيك خلية إرهابية" in md
    assert "محمد الطيار" in md
    assert re.search(r"\*\*الجزائر – المغرب\*\*: مؤشر التعاون -1\.00", md)
    assert "يعد ضعيفًا" in md
    assert "**Algeria – Morocco**: Cooperation index -1.00" in en


def test_reports_are_deterministic(demo_db: Path) -> None:
    period = parse_period("2025-W09")
    with open_store(demo_db, read_only=True) as store:
        for fmt in ("html", "md", "pdf"):
            first = make_report(store, parse_scope("MAR"), period, fmt=fmt)
            second = make_report(store, parse_scope("MAR"), period, fmt=fmt)
            assert first.content == second.content, fmt
            assert first.attachments == second.attachments, fmt


def test_html_direction_and_escaping(tmp_path: Path) -> None:
    text = "أعلنت الشرطة المغربية في الرباط اعتقال خمسة أشخاص <script>alert(1)</script> يوم الاثنين."
    evidence = "اعتقال خمسة أشخاص <script>alert(1)</script>"
    start = text.index(evidence)
    record = {
        "id": "xss1", "title": "t", "url": "https://example.org/x", "source": "<b>src</b>", "author": None,
        "published": "2025-02-24", "text": text, "entities": [], "quotes": [], "relations": [], "diagnostics": [],
        "provenance": {"marsad": "0.1.0", "stages": [], "config_sha256": "test"},
        "events": [{"id": "e1", "type": "COERCE", "mode": "arrest", "acled": None, "status": "occurred",
                    "actor": {"code": "MAR", "name": "Morocco", "entity": None}, "recipient": None,
                    "place": {"name": "Rabat", "name_ar": "الرباط", "geonames_id": None, "lat": 34.01, "lon": -6.83,
                              "country": "MAR", "admin1": None, "precision": "town"},
                    "date": {"value": "2025-02-24", "end": None, "precision": "day", "text": None},
                    "counts": {"people": 5, "killed": None, "injured": None},
                    "evidence": {"text": evidence, "start": start, "end": start + len(evidence)}, "confidence": 0.8}],
    }  # fmt: skip
    with open_store(tmp_path / "s.duckdb") as store:
        store.add_record(record)
        period = parse_period("2025-W09")
        data = build_report(store, parse_scope("MAR"), period, describe=describe)  # type: ignore[arg-type]
        html = make_report(store, parse_scope("MAR"), period, fmt="html").content.decode()
        html_en = make_report(store, parse_scope("MAR"), period, lang="en", fmt="html").content.decode()
    assert (data.current.events, data.current.arrest_events, data.current.arrested) == (1, 1, 5)
    assert data.top[0].day == dt.date(2025, 2, 24)
    assert '<html lang="ar" dir="rtl">' in html and '<html lang="en" dir="ltr">' in html_en
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>src</b>" not in html
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        md = make_report(store, parse_scope("MAR"), period, fmt="md").content.decode()
    assert "<script>" not in md and "\\<script\\>alert(1)\\</script\\>" in md and "\\<b\\>src\\</b\\>" in md
