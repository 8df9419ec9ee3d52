"""Scopes and periods of a report: ISO weeks, day ranges, region groups, and one-line errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from marsad.report import REGIONS, Period, ReportError, parse_period, parse_scope


def test_iso_week_and_its_previous_week() -> None:
    week = parse_period("2025-W09")
    assert (week.start, week.until) == (dt.date(2025, 2, 24), dt.date(2025, 3, 2))
    assert week.label() == "2025-W09"
    assert week.previous() == Period(dt.date(2025, 2, 17), dt.date(2025, 2, 23))
    assert week.previous().label() == "2025-W08"


def test_day_range_compares_with_as_many_days_before() -> None:
    period = parse_period(since="2025-02-01", until="2025-02-10")
    assert period.days == 10 and period.label() == "2025-02-01..2025-02-10"
    assert period.previous() == Period(dt.date(2025, 1, 22), dt.date(2025, 1, 31))


def test_no_period_is_the_last_complete_week() -> None:
    assert parse_period(today=dt.date(2025, 2, 26)).label() == "2025-W08"


@pytest.mark.parametrize(("args", "message"), [
    ({"week": "2025-09"}, "not an ISO week"),
    ({"week": "2025-W54"}, "no such ISO week"),
    ({"week": "2025-W09", "since": "2025-01-01"}, "not both"),
    ({"since": "2025-13-01"}, "not a date"),
    ({"since": "2025-03-01", "until": "2025-02-01"}, "is after"),
])  # fmt: skip
def test_bad_periods_say_what_is_wrong(args: dict[str, str], message: str) -> None:
    with pytest.raises(ReportError, match=message) as info:
        parse_period(**args)
    assert str(info.value).startswith("E070: ") and "\n" not in str(info.value)


def test_scopes() -> None:
    assert parse_scope("mar").countries == ("MAR",)
    assert parse_scope("Maghreb").countries == REGIONS["maghreb"]
    assert "MLI" in parse_scope("sahel").countries
    assert parse_scope("all").whole_store and parse_scope(None).whole_store
    with pytest.raises(ReportError, match="unknown scope"):
        parse_scope("المغرب")


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from marsad.cli import _register_all, app

    _register_all()
    runner = CliRunner()
    missing = runner.invoke(app, ["report", "--out", str(tmp_path / "r.html"), "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    (tmp_path / "s.duckdb").write_bytes(b"")
    for args, message in ((["--format", "docx"], "--format html, pdf or md"), (["--week", "W9"], "not an ISO week"),
                          (["--country", "Atlantis"], "unknown scope")):  # fmt: skip
        done = runner.invoke(app, ["report", "--out", str(tmp_path / "r.x"), "--db", str(tmp_path / "s.duckdb"),
                                   *args])  # fmt: skip
        assert done.exit_code == 2 and message in done.output, done.output
        assert len(done.output.strip().splitlines()) == 1
