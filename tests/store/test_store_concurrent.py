"""Concurrent `marsad store load` processes on one PostgreSQL store end as a sequential load does.

Three processes load overlapping record files (one of them in reverse order) in small batches at
once; the store must hold the same articles, the same near-duplicate clusters, the same mentions and
the same events (each event: the same set of mentions) as the three files loaded one after the
other, and no process may log a traceback. Without the writers' lock each process merged against a
stale view: reports of one incident stayed apart and the article inserts hit ``UniqueViolation``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import event, record

from marsad.store import open_store
from pgschema import pg_urls as fresh_schemas

pytestmark = pytest.mark.postgres

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
CITIES = [("الرباط", 34.02, -6.84), ("فاس", 34.03, -5.00), ("مراكش", 31.63, -8.01), ("طنجة", 35.76, -5.83),
          ("وجدة", 34.68, -1.91), ("مكناس", 33.89, -5.55), ("تطوان", 35.57, -5.37),
          ("أكادير", 30.42, -9.60)]  # fmt: skip
STORIES = 32


def _place(i: int) -> dict[str, Any]:
    name, lat, lon = CITIES[i % len(CITIES)]
    return {"name": f"city-{i % len(CITIES)}", "name_ar": name, "lat": lat, "lon": lon, "country": "MAR",
            "admin1": None, "precision": "town"}  # fmt: skip


def _reports(i: int) -> list[dict[str, Any]]:
    """Three reports of incident ``i``: a dispatch, a near-copy of it, and another outlet's own wording."""
    city = CITIES[i % len(CITIES)][0]
    day = f"2025-{1 + i % 12:02d}-{1 + (i * 5) % 28:02d}"
    n = 3 + i
    dispatch = (f"أوقفت عناصر الأمن الوطني بمدينة {city} {n} أشخاص يشتبه في تورطهم في الاتجار بالمخدرات "
                f"خلال عملية أمنية رقم {i * 7} نفذت فجر اليوم في الملف رقم {i * 11}. "
                f"وأوضح البلاغ {i * 19} للمديرية {i + 5} أن الموقوفين {n} وضعوا رهن الحراسة {i * 23} "
                "النظرية.")  # fmt: skip
    copy = dispatch + " وتتواصل الأبحاث لتوقيف باقي المتورطين."
    own = (f"تمكنت المصالح الأمنية في {city} يوم {day} من اعتقال {n} مشتبها بهم في قضية تهريب {i * 3} كيلوغراما "
           f"من المخدرات وحجزت {i + 40} هاتفا و{i * 17} درهما حسب ما أفاد المصدر {i * 13}.")  # fmt: skip
    out = []
    for k, (text, source) in enumerate([(dispatch, "map"), (copy, "hespress"), (own, "alyaoum24")]):
        ev = event(text=text, date=day, people=n, place=_place(i), recipient=None)
        out.append(record(f"s{i:03d}-{k}", text, events=[ev], source=source, published=day))
    return out


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _snapshot(url: str) -> dict[str, Any]:
    """What must not depend on the order of the loads: ids, cluster and event memberships."""
    with open_store(url) as store:
        arts = store.db.execute("SELECT id, cluster_id FROM articles")
        mentions = store.db.execute("SELECT event_id, article_id, local_id FROM event_mentions")
        n_events = store.db.execute("SELECT COUNT(*) FROM events")[0][0]
    clusters: dict[str, set[str]] = {}
    for art, cluster in arts:
        clusters.setdefault(cluster, set()).add(art)
    events: dict[str, set[tuple[str, str]]] = {}
    for ev, art, local in mentions:
        events.setdefault(ev, set()).add((art, local))
    return {"articles": sorted(a for a, _ in arts), "clusters": {frozenset(c) for c in clusters.values()},
            "mentions": len(mentions), "events": {frozenset(e) for e in events.values()},
            "n_events": n_events}  # fmt: skip


@pytest.fixture(name="pg_urls")
def _pg_urls() -> Iterator[tuple[str, str]]:
    """Two fresh PostgreSQL schemas (sequential, concurrent), dropped afterwards."""
    with fresh_schemas(2) as (sequential, concurrent):
        yield sequential, concurrent


def _load(path: Path, url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cli = "from marsad.cli import main; main()"
    cmd = [sys.executable, "-c", cli, "store", "load", str(path), "--db", url, "--batch-size", "4"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_concurrent_loads_on_postgres_converge_to_a_sequential_load(tmp_path: Path, pg_urls: tuple[str, str]) -> None:
    reports = [r for i in range(STORIES) for r in _reports(i)]
    third = len(reports) // 3
    files = [_write(tmp_path / "a.jsonl", reports[: 2 * third]), _write(tmp_path / "b.jsonl", reports[third:]),
             _write(tmp_path / "c.jsonl", reports[::-1])]  # fmt: skip
    sequential, concurrent = pg_urls
    for path in files:
        proc = _load(path, sequential)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    open_store(concurrent).close()  # the schema exists before the race (a fresh one is covered below)
    procs = [_load(path, concurrent) for path in files]
    outcomes = [(p.wait(timeout=300), p.communicate()[1]) for p in procs]
    for code, err in outcomes:
        assert code == 0, err
        assert "Traceback" not in err and "UniqueViolation" not in err, err
    want, got = _snapshot(sequential), _snapshot(concurrent)
    assert want["mentions"] == len(reports) and len(want["articles"]) == len(reports)
    assert len(want["events"]) == want["n_events"] == STORIES  # each incident is one event of 3 reports
    assert len(want["clusters"]) == 2 * STORIES  # the dispatch and its near-copy; the other outlet alone
    assert got == want


def test_writers_racing_on_a_fresh_schema_both_succeed(tmp_path: Path, pg_urls: tuple[str, str]) -> None:
    """Two first writers of a schema that does not exist yet: one creates and migrates it, the other waits."""
    reports = [r for i in range(4) for r in _reports(i)]
    path = _write(tmp_path / "r.jsonl", reports)
    procs = [_load(path, pg_urls[1]) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
    got = _snapshot(pg_urls[1])
    assert len(got["articles"]) == got["mentions"] == len(reports) and got["n_events"] == 4
