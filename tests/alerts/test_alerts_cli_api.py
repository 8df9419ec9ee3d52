"""`marsad alerts check|list`, `marsad watch --alerts` and the API's `/api/alerts` list, on the seed store."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.store import open_store

from .conftest import REPO, marsad

RULES = REPO / "examples" / "alerts.yaml"


def test_alerts_check_then_list(seed_db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES.read_text("utf-8").replace("out/alerts.jsonl", str(tmp_path / "a.jsonl")), "utf-8")
    first = marsad("alerts", "check", "--rules", str(rules), "--db", str(seed_db))
    assert first.returncode == 0, first.stderr
    assert "alerts: 3 matching, 3 new, 3 delivered, 0 left to retry, 0 failed" in first.stderr
    again = marsad("alerts", "check", "--rules", str(rules), "--db", str(seed_db))
    assert "3 matching, 0 new, 0 delivered" in again.stderr
    listed = marsad("alerts", "list", "--db", str(seed_db), "--json")
    rows = json.loads(listed.stdout)
    assert {a["watch"] for a in rows} == {"morocco-arrests", "mar-dza-negative"} and len(rows) == 3
    text = marsad("alerts", "list", "--db", str(seed_db), "--watch", "mar-dza-negative").stdout
    assert "«أفاد أن التعاون الأمني والاستخباراتي بين المغرب والدول المغاربية يعد ضعيفًا»" in text
    assert len((tmp_path / "a.jsonl").read_text("utf-8").splitlines()) == 3


def test_bad_rules_exit_2_with_one_line(seed_db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text("watches:\n  - name: x\n    min_fatalities: -1\n", "utf-8")
    done = marsad("alerts", "check", "--rules", str(rules), "--db", str(seed_db))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: E071: {rules}:3: watches[0].min_fatalities: -1 is out of "
                                                "range (0…10000000)"]  # fmt: skip


def test_watch_checks_the_alerts_after_each_poll(seed_db: Path, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("", "utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES.read_text("utf-8").replace("out/alerts.jsonl", str(tmp_path / "a.jsonl")), "utf-8")
    done = marsad("watch", str(feeds), "--every", "1s", "--max-polls", "1", "--db", str(seed_db), "--alerts",
                  str(rules))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "alerts: 3 matching, 3 new, 3 delivered" in done.stderr
    assert len((tmp_path / "a.jsonl").read_text("utf-8").splitlines()) == 3


def test_api_lists_fired_alerts(seed_db: Path, tmp_path: Path) -> None:
    from marsad.alerts import check, parse_rules

    with open_store(seed_db) as store:
        empty = TestClient(create_app(store)).get("/api/alerts").json()
        check(store, parse_rules(RULES.read_text("utf-8"), "alerts.yaml", tmp_path))
        client = TestClient(create_app(store))
        body = client.get("/api/alerts", params={"watch": "morocco-arrests"}).json()
        bad = client.get("/api/alerts", params={"limit": 0})
    assert empty["items"] == []
    items = body["items"]
    assert len(items) == 2 and all(a["watch"] == "morocco-arrests" for a in items)
    assert any("تفكيك خلية إرهابية" in ev["text"] for a in items for ev in a["evidence"])
    assert all(a["deliveries"]["jsonl"]["status"] == "delivered" and a["fired_at"] for a in items)
    assert bad.status_code == 422
